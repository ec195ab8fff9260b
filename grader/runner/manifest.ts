/**
 * The grading manifest: SHA-256 of the files grading depends on (suites, harness, grading config,
 * workflow, lockfile) and the instructor's list of tests with their points. Instructor-side
 * grading scores from this list, never from what a run's workers report about points, names or
 * visibility; a test the run did not report counts as not run.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CaseKind, TestRecord, Visibility } from "./meta";

export const MANIFEST_FILE = "grading-manifest.json";

export interface ManifestTest {
  id: string;
  file: string;
  exercise: string;
  name: string;
  kind: CaseKind;
  visibility: Visibility;
  points: number;
  hint?: string;
  explanation?: string;
}

/**
 * The course's folder layout that a manifest's paths refer to. A kit built for another layout
 * (before the grader moved to grader/, its suites were under test/grading/) is refused: its
 * hashes name files that no longer exist, or exist elsewhere.
 */
export const KIT_LAYOUT = 2;

export interface GradingManifest {
  /** the folder layout the paths below refer to (KIT_LAYOUT when the kit was built) */
  layout: number;
  /** path relative to the course root -> SHA-256 (hex) */
  files: Record<string, string>;
  tests: ManifestTest[];
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function hashFiles(root: string, files: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of [...files].sort()) out[f] = sha256(fs.readFileSync(path.join(root, f)));
  return out;
}

/** Files of `files` (a manifest's hashes) that are missing or differ under `root`. */
export function changedFiles(root: string, files: Record<string, string>): string[] {
  return Object.entries(files)
    .filter(([f, hash]) => {
      const p = path.join(root, f);
      return !fs.existsSync(p) || sha256(fs.readFileSync(p)) !== hash;
    })
    .map(([f]) => f);
}

/** The manifest's test list from a trusted run (the instructor's own suites and solutions). */
export function testsFromRecords(records: TestRecord[]): ManifestTest[] {
  return records.map((r) => {
    if (!r.id) throw new Error(`record of ${r.file} ${r.name} has no id`);
    const { id, file, exercise, name, kind, visibility, maxPoints: points, hint, explanation } = r;
    return {
      id,
      file,
      exercise,
      name,
      kind,
      visibility,
      points,
      ...(hint ? { hint } : {}),
      ...(explanation ? { explanation } : {}),
    };
  });
}

/**
 * One record per manifest test: status and message from the run's record with the same id,
 * everything else from the manifest; `missing` explains a test the run never reported.
 */
export function applyManifest(
  records: TestRecord[],
  tests: ManifestTest[],
  missing: (t: ManifestTest) => string,
): TestRecord[] {
  const byId = new Map(records.filter((r) => r.id).map((r) => [r.id, r]));
  return tests.map((t) => {
    const r = byId.get(t.id);
    return {
      id: t.id,
      file: t.file,
      exercise: t.exercise,
      name: t.name,
      kind: t.kind,
      visibility: t.visibility,
      maxPoints: t.points,
      status: r ? r.status : "not run",
      message: r ? r.message : missing(t),
      durationMs: r ? r.durationMs : 0,
      ...(t.hint ? { hint: t.hint } : {}),
      ...(t.explanation ? { explanation: t.explanation } : {}),
    };
  });
}

export function readManifest(file: string): GradingManifest {
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as GradingManifest;
  if (!data || !Array.isArray(data.tests) || typeof data.files !== "object") {
    throw new Error(`${file} is not a grading manifest`);
  }
  if (data.layout !== KIT_LAYOUT) {
    throw new Error(
      `${file} was built for an earlier layout of the course (layout ${data.layout ?? 1}, ` +
        `this course has layout ${KIT_LAYOUT}): rebuild the grading kit (run grade:batch ` +
        "without --frozen-kit, or npm run release:gradescope again)",
    );
  }
  return data;
}
