/**
 * `npm run release -- --out <dir>`: the student copy of the course, ready to publish (e.g. as a
 * GitHub Classroom template repository): notebooks without outputs, lib/, exercise stubs, public
 * grading suites with the reference outputs recorded from the solutions, data, package files and
 * lockfile, a students' README, the GitHub Classroom workflow and the Gradescope recipe, and
 * grading-manifest.json (SHA-256 of tests, grading config, workflow, lockfile; tests and points).
 * Never: solutions/, grader/hidden/, instructor notes, .ci/, the kit's own CI and tests.
 * The release fails (and leaves nothing behind) if a solution body or hidden test text leaks in.
 *
 *   npm run release -- --out build/release          (the folder must be new, empty or a release)
 *   options: --only <substr> (only the grading suites whose names contain it; repeatable)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  hashFiles,
  KIT_LAYOUT,
  MANIFEST_FILE,
  type GradingManifest,
} from "../../grader/runner/manifest";
import {
  copyInto,
  courseFiles,
  FIXTURES_DIR,
  freshDir,
  inRelease,
  listTree,
  writeFile,
} from "../files";
import { protectedFiles, recordReference, selectSuites } from "../kit";
import { findLeaks } from "./leaks";
import { stripNotebook, studentPackageJson, studentReadme } from "./student-copy";
import { parseCommandLine, runCommand, usageText, UsageError } from "../../lib/util/cli-args";

export const TEMPLATES = path.join(__dirname, "templates");

export interface ReleaseOptions {
  root: string;
  out: string;
  only?: string[];
}

export interface ReleaseResult {
  files: number;
  tests: number;
  points: number;
  durationMs: number;
}

/** Refuse to empty a folder that is neither empty nor an earlier release. */
function prepareOut(out: string, root: string): void {
  if (
    path.resolve(out) === path.resolve(root) ||
    path.resolve(root).startsWith(path.resolve(out) + path.sep)
  ) {
    throw new Error(`--out ${out} would overwrite the course itself`);
  }
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
    if (!fs.existsSync(path.join(out, MANIFEST_FILE))) {
      throw new Error(`${out} is not empty and is not an earlier release; choose a new folder`);
    }
  }
  freshDir(out);
}

export async function release(opts: ReleaseOptions): Promise<ReleaseResult> {
  const started = Date.now();
  const { root, out } = opts;
  const suites = selectSuites(root, opts.only ?? [], false);
  const files = courseFiles(root).filter(
    (f) => inRelease(f) && (!f.endsWith(".grading.ts") || suites.includes(f)),
  );
  prepareOut(out, root);
  try {
    copyInto(root, out, files);
    for (const f of files.filter((x) => x.endsWith(".ipynb"))) {
      writeFile(out, f, stripNotebook(fs.readFileSync(path.join(root, f), "utf8")));
    }
    const shipped = new Set(files);
    writeFile(
      out,
      "package.json",
      studentPackageJson(fs.readFileSync(path.join(root, "package.json"), "utf8"), (f) =>
        shipped.has(f),
      ),
    );
    const ignore = path.join(out, ".prettierignore");
    if (fs.existsSync(ignore)) fs.appendFileSync(ignore, `${FIXTURES_DIR}\n`);
    const template = (name: string) => fs.readFileSync(path.join(TEMPLATES, name));
    writeFile(out, ".github/workflows/classroom.yml", template("classroom.yml"));
    writeFile(out, "gradescope/README.md", template("GRADESCOPE.md"));
    writeFile(out, "gradescope/setup.sh", template("setup.sh"), 0o755);
    writeFile(out, "gradescope/run_autograder", template("run_autograder"), 0o755);
    writeFile(
      out,
      "README.md",
      studentReadme(fs.readFileSync(path.join(root, "README.md"), "utf8"), TEMPLATES),
    );

    const tests = await recordReference(root, path.join(out, FIXTURES_DIR), suites);
    // a question's result waits for the due date on Gradescope; its text is no secret
    const notVisible = tests.filter(
      (t) =>
        t.visibility !== "visible" && !(t.kind === "question" && t.visibility === "after_due_date"),
    );
    if (notVisible.length > 0) {
      throw new Error(
        `tests that students must not see are in public suites (move them to grader/hidden/):\n  ` +
          notVisible
            .map((t) => `${t.file}: ${t.exercise} > ${t.name} (${t.visibility})`)
            .join("\n  "),
      );
    }
    const manifest: GradingManifest = {
      layout: KIT_LAYOUT,
      files: hashFiles(out, protectedFiles(listTree(out))),
      tests,
    };
    fs.writeFileSync(path.join(out, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n");

    const leaks = findLeaks(root, out);
    if (leaks.length > 0) {
      const shown = leaks
        .slice(0, 10)
        .map((l) => `${l.file} shows ${l.source}:\n    ${l.text.replace(/\n/g, "\n    ")}`);
      throw new Error(
        `the release leaks instructor-only text (${leaks.length}):\n  ${shown.join("\n  ")}`,
      );
    }
    return {
      files: listTree(out).length,
      tests: tests.length,
      points: tests.reduce((s, t) => s + t.points, 0),
      durationMs: Date.now() - started,
    };
  } catch (e) {
    fs.rmSync(out, { recursive: true, force: true });
    throw e;
  }
}

const RELEASE_OPTIONS = {
  out: {
    type: "string",
    value: "<folder>",
    help: "where the students' copy is written (required)",
  },
  only: {
    type: "string",
    multiple: true,
    value: "<suite>",
    help: "only the suites whose names contain it (repeatable)",
  },
} as const;

export const USAGE = usageText("npm run release -- --out <folder> [options]", RELEASE_OPTIONS);

export function parseReleaseArgs(argv: string[]): { out: string; only: string[] } {
  const { values: v, positionals } = parseCommandLine(argv, RELEASE_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if (!v.out) throw new UsageError("--out <folder> is required");
  return { out: v.out, only: v.only ?? [] };
}

async function main(): Promise<void> {
  const { out, only } = parseReleaseArgs(process.argv.slice(2));
  const root = process.cwd();
  const r = await release({ root, out: path.resolve(root, out), only });
  console.log(
    `release: ${r.files} files in ${out}; ${r.tests} public tests, ${r.points} points; ` +
      `no leaks; ${(r.durationMs / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) runCommand("release", USAGE, main);
