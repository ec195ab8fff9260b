/**
 * Batch grading, stage 1, collect: the grading kit (built, or the last one kept with
 * --frozen-kit) and every student's submission, read through the kit's exercise names only.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { MANIFEST_FILE, readManifest, type GradingManifest } from "../../grader/runner/manifest";
import { buildKit } from "../kit";
import type { BatchOptions } from "./options";
import { findSubmissions, type Submission } from "./submissions";

export interface Collected {
  kitDir: string;
  manifest: GradingManifest;
  /** changes whenever anything the kit depends on changes: cached results older than it are stale */
  kitStamp: string;
  subs: Submission[];
}

export async function collect(o: BatchOptions, out: string): Promise<Collected> {
  const kitDir = path.join(out, "kit");
  const manifestFile = path.join(kitDir, MANIFEST_FILE);
  const manifest =
    o.frozenKit && fs.existsSync(manifestFile)
      ? readManifest(manifestFile)
      : await buildKit(o.root, kitDir, { only: o.only });
  const kitStamp = fs.readFileSync(path.join(kitDir, ".kit-stamp"), "utf8");
  const subs = findSubmissions(path.resolve(o.submissions), path.join(out, "checkouts"), (name) =>
    fs.existsSync(path.join(kitDir, "exercises", name)),
  );
  return { kitDir, manifest, kitStamp, subs };
}
