/**
 * The grading kit: a pristine copy of what grading needs (suites, hidden ones too, harness,
 * sandbox, library, solutions, grading config, package files) and a manifest of its files'
 * hashes and of the tests with their points. Submissions are graded in copies of it (batch),
 * and it is the content of the Gradescope autograder. The solutions compute the reference of
 * every random case on the grader's side, with a fresh seed per submission; the submission's
 * sandboxed process can read none of the kit (grader/runner/sandbox).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  changedFiles,
  hashFiles,
  KIT_LAYOUT,
  MANIFEST_FILE,
  readManifest,
  sha256,
  testsFromRecords,
  type GradingManifest,
  type ManifestTest,
} from "../grader/runner/manifest";
import { grade, suiteFiles } from "../grader/runner/run";
import { copyInto, courseFiles, freshDir, HIDDEN_SUITES, inKit, KIT_GRADER_DIRS } from "./files";

/** Files whose hashes a manifest records (relative to the copy's root), when present. */
export function protectedFiles(files: string[]): string[] {
  const exact = [
    "package.json",
    "package-lock.json",
    "vitest.grading.config.ts",
    ".github/workflows/classroom.yml",
  ];
  return files.filter((f) => exact.includes(f) || KIT_GRADER_DIRS.some((d) => f.startsWith(d)));
}

/**
 * Grade the solutions of `root` on `suites`, recording their outputs into `fixturesOut` when
 * given (a student release). Returns the tests (with their points) of those suites; fails
 * unless the solutions pass all.
 */
export async function recordReference(
  root: string,
  fixturesOut: string | null,
  suites: string[],
): Promise<ManifestTest[]> {
  if (suites.length === 0) throw new Error("no grading suites to record");
  if (fixturesOut) fs.mkdirSync(fixturesOut, { recursive: true });
  const run = await grade({
    root,
    target: "solutions",
    filters: suites,
    env: fixturesOut
      ? { OPTKIT_GRADE_REFERENCE: "record", OPTKIT_GRADE_FIXTURES: fixturesOut }
      : { OPTKIT_GRADE_REFERENCE: "solutions" },
  });
  const failed = run.records.filter((r) => r.status !== "passed");
  if (run.records.length === 0 || failed.length > 0) {
    const why = failed.map((r) => `${r.file} ${r.exercise} > ${r.name}: ${r.message}`);
    throw new Error(
      `the solutions must pass every test to record reference outputs:\n  ${why.join("\n  ") || run.log.slice(-2000)}`,
    );
  }
  return testsFromRecords(run.records);
}

/** The kit's files whose hashes are checked before each submission: all but the stubs. */
export function kitChecked(files: string[]): string[] {
  return files.filter((f) => !f.startsWith("exercises/"));
}

/**
 * Throw unless the kit copy in `dir` matches `manifest` (held in memory since the batch began):
 * a grading kit that changed on disk never grades anyone.
 */
export function verifyKit(dir: string, manifest: GradingManifest): void {
  const changed = changedFiles(dir, manifest.files);
  if (changed.length > 0) {
    throw new Error(
      `the grading kit differs from its manifest (${changed.slice(0, 5).join(", ")}); ` +
        "rebuild it: run again without --frozen-kit",
    );
  }
}

/** The suites selected by `only` (substrings of file names; all if empty), hidden or not. */
export function selectSuites(root: string, only: string[], hidden: boolean): string[] {
  return suiteFiles(root, only).filter((f) => hidden || !f.startsWith(HIDDEN_SUITES));
}

export interface KitOptions {
  /** only the suites whose names contain one of these (e.g. ["01"]); all if empty */
  only?: string[];
}

/**
 * Build (or reuse, when nothing it depends on changed) the grading kit in `out`.
 * Returns the kit's manifest.
 */
export async function buildKit(
  root: string,
  out: string,
  opts: KitOptions = {},
): Promise<GradingManifest> {
  const only = opts.only ?? [];
  const suites = selectSuites(root, only, true);
  const all = courseFiles(root);
  const files = all.filter((f) => inKit(f) && (!f.endsWith(".grading.ts") || suites.includes(f)));
  const stamp = sha256(JSON.stringify({ only, files: hashFiles(root, files) }));
  const stampFile = path.join(out, ".kit-stamp");
  const manifestFile = path.join(out, MANIFEST_FILE);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) {
    return readManifest(manifestFile);
  }
  freshDir(out);
  copyInto(root, out, files);
  const tests = await recordReference(root, null, suites);
  const manifest: GradingManifest = {
    layout: KIT_LAYOUT,
    files: hashFiles(out, kitChecked(files)),
    tests,
  };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
  fs.writeFileSync(stampFile, stamp);
  return manifest;
}
