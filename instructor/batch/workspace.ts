/**
 * A pristine workspace per submission: a fresh copy of the grading kit (the instructor's suites,
 * harness, config and recorded reference outputs) with only the student's exercise files put
 * over the stubs; node_modules is the course's, linked.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { freshDir, listTree } from "../files";
import type { Submission } from "./submissions";

export function prepareWorkspace(
  kit: string,
  work: string,
  nodeModules: string,
  sub: Pick<Submission, "exercises">,
) {
  freshDir(work);
  for (const f of listTree(kit)) {
    if (f === ".kit-stamp") continue;
    fs.mkdirSync(path.dirname(path.join(work, f)), { recursive: true });
    fs.copyFileSync(path.join(kit, f), path.join(work, f));
  }
  for (const [name, file] of sub.exercises) {
    fs.copyFileSync(file, path.join(work, "exercises", name));
  }
  fs.symlinkSync(path.resolve(nodeModules), path.join(work, "node_modules"), "dir");
}
