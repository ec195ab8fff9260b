/**
 * The grading kit: a pristine copy of what grading needs (suites, hidden ones too, harness,
 * library, grading config, package files), the reference outputs recorded from the solutions,
 * and a manifest of the tests and their points; never the solutions themselves. Submissions are
 * graded in copies of it (batch), and it is the content of the Gradescope autograder.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  hashFiles,
  MANIFEST_FILE,
  sha256,
  type GradingManifest,
  type ManifestTest,
} from "../grade/manifest";
import { grade, suiteFiles } from "../grade/run";
import { copyInto, courseFiles, FIXTURES_DIR, freshDir, HIDDEN_SUITES, inKit } from "./files";

/** Files whose hashes a manifest records (relative to the copy's root), when present. */
export function protectedFiles(files: string[]): string[] {
  const exact = [
    "package.json",
    "package-lock.json",
    "vitest.grading.config.ts",
    ".github/workflows/classroom.yml",
  ];
  return files.filter(
    (f) =>
      exact.includes(f) ||
      (f.startsWith("test/grading/") && !f.startsWith(`${FIXTURES_DIR}/`)) ||
      f.startsWith("scripts/grade/"),
  );
}

/**
 * Grade the solutions of `root` on `suites` while recording their outputs into `fixturesOut`.
 * Returns the tests (with their points) of those suites; fails unless the solutions pass all.
 */
export async function recordReference(
  root: string,
  fixturesOut: string,
  suites: string[],
): Promise<ManifestTest[]> {
  if (suites.length === 0) throw new Error("no grading suites to record");
  fs.mkdirSync(fixturesOut, { recursive: true });
  const run = await grade({
    root,
    target: "solutions",
    filters: suites,
    env: { OPTKIT_GRADE_REFERENCE: "record", OPTKIT_GRADE_FIXTURES: fixturesOut },
  });
  const failed = run.records.filter((r) => r.status !== "passed");
  if (run.records.length === 0 || failed.length > 0) {
    const why = failed.map((r) => `${r.file} ${r.exercise} > ${r.name}: ${r.message}`);
    throw new Error(
      `the solutions must pass every test to record reference outputs:\n  ${why.join("\n  ") || run.log.slice(-2000)}`,
    );
  }
  return run.records.map((r) => ({
    id: r.id ?? "",
    file: r.file,
    exercise: r.exercise,
    name: r.name,
    kind: r.kind,
    visibility: r.visibility,
    points: r.maxPoints,
  }));
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
  const sources = [...files, ...all.filter((f) => f.startsWith("solutions/"))];
  const stamp = sha256(JSON.stringify({ only, files: hashFiles(root, sources) }));
  const stampFile = path.join(out, ".kit-stamp");
  const manifestFile = path.join(out, MANIFEST_FILE);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) {
    return JSON.parse(fs.readFileSync(manifestFile, "utf8")) as GradingManifest;
  }
  freshDir(out);
  copyInto(root, out, files);
  const tests = await recordReference(root, path.join(out, FIXTURES_DIR), suites);
  const manifest: GradingManifest = { files: hashFiles(out, protectedFiles(files)), tests };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
  fs.writeFileSync(stampFile, stamp);
  return manifest;
}
