/**
 * `npm run release:gradescope`: the Gradescope autograder zip. At its root: setup.sh (Node 24,
 * bubblewrap, npm ci), run_autograder (grade the submitted exercise files in this pristine kit
 * with a fresh seed, write results.json) and the grading kit (suites with hidden tests, harness,
 * sandbox, library, solutions for the reference outputs, package files, grading-manifest.json).
 *
 *   npm run release:gradescope                      writes build/gradescope/autograder.zip
 *   options: --out <zip>, --only <substr> (only the suites whose names contain it)
 */
import { zipSync, type Zippable } from "fflate";
import * as fs from "node:fs";
import * as path from "node:path";
import { copyInto, freshDir, listTree } from "../files";
import { buildKit } from "../kit";
import { TEMPLATES } from "./release";
import { parseCommandLine, runCommand, usageText, UsageError } from "../../lib/util/cli-args";

export interface GradescopeOptions {
  root: string;
  /** the zip to write */
  out: string;
  /** where the grading kit is built (reused when up to date) */
  kitDir: string;
  only?: string[];
}

/**
 * A zip of `files` under `dir` (fflate), each with its Unix mode, so setup.sh and
 * run_autograder stay executable, and a fixed time, so the same kit gives the same bytes.
 */
export function zipTree(dir: string, files: string[]): Uint8Array {
  const entries: Zippable = {};
  for (const f of [...files].sort()) {
    const mode = fs.statSync(path.join(dir, f)).mode & 0o777;
    entries[f] = [
      fs.readFileSync(path.join(dir, f)),
      { os: 3, attrs: ((0o100000 | mode) << 16) >>> 0, mtime: new Date("2020-01-01T00:00:00Z") },
    ];
  }
  return zipSync(entries, { level: 9 });
}

export async function buildGradescope(o: GradescopeOptions): Promise<string[]> {
  await buildKit(o.root, o.kitDir, { only: o.only });
  const stage = `${o.out}.d`;
  freshDir(stage);
  copyInto(
    o.kitDir,
    stage,
    listTree(o.kitDir).filter((f) => f !== ".kit-stamp"),
  );
  for (const f of ["setup.sh", "run_autograder"]) {
    fs.copyFileSync(path.join(TEMPLATES, f), path.join(stage, f));
    fs.chmodSync(path.join(stage, f), 0o755);
  }
  fs.rmSync(o.out, { force: true });
  const files = listTree(stage);
  fs.writeFileSync(o.out, zipTree(stage, files));
  fs.rmSync(stage, { recursive: true, force: true });
  return files;
}

const GRADESCOPE_OPTIONS = {
  out: { type: "string", value: "<zip>", help: "the autograder (build/gradescope/autograder.zip)" },
  only: {
    type: "string",
    multiple: true,
    value: "<suite>",
    help: "only the suites whose names contain it (repeatable)",
  },
} as const;

const USAGE = usageText("npm run release:gradescope -- [options]", GRADESCOPE_OPTIONS);

async function main(): Promise<void> {
  const root = process.cwd();
  const { values: v, positionals } = parseCommandLine(process.argv.slice(2), GRADESCOPE_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const out = v.out ?? "build/gradescope/autograder.zip";
  const only = v.only ?? [];
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const kitDir = path.join(root, "build/gradescope/kit");
  const files = await buildGradescope({ root, out: path.resolve(out), kitDir, only });
  console.log(`gradescope: ${out} (${files.length} files); upload it as the autograder`);
}

if (require.main === module) runCommand("release:gradescope", USAGE, main);
