/**
 * Which implementation is graded: `OPTKIT_GRADE_TARGET` names a folder of the course
 * ("exercises" by default, "solutions", or e.g. a copy under build/), and `loadTarget` imports
 * a notebook's module from it without ever letting a broken module hide the suite's tests.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isTargetPath } from "../../../scripts/grade/meta";
import { firstLine, GradeFailure } from "./failure";

export function gradingTarget(): string {
  const target = process.env.OPTKIT_GRADE_TARGET || "exercises";
  if (!isTargetPath(target)) {
    throw new Error(
      `OPTKIT_GRADE_TARGET must be a folder of the course like "exercises", got "${target}"`,
    );
  }
  return target;
}

/**
 * Import `<target>/<name>` for grading. A module that fails to load, or lacks an export of the
 * reference, still yields an object with every function: each one throws a sentence saying
 * why, so every test is collected and fails on its own instead of the whole suite vanishing.
 */
export async function loadTarget<M extends object>(name: string, reference: M): Promise<M> {
  const target = gradingTarget();
  const where = `${target}/${name}.ts`;
  let mod: Record<string, unknown> = {};
  let loadError = "";
  // While the import runs, a marker tells the parent (scripts/grade/run.ts) which process to stop
  // if the module's top level never finishes: the vm time limit cannot cover an import.
  const records = process.env.OPTKIT_GRADE_RECORDS;
  const marker = records ? path.join(records, `${name}.${process.pid}.importing`) : "";
  if (marker) fs.writeFileSync(marker, JSON.stringify({ pid: process.pid, where }));
  try {
    // A plain string (not a template literal in the call) keeps Vite from rewriting the import
    // into a one-folder-deep glob; vitest resolves it relative to this file at run time.
    const specifier = `../../../${target}/${name}.ts`;
    mod = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  } catch (e) {
    loadError = firstLine(e instanceof Error ? e.message : String(e));
  } finally {
    if (marker) fs.rmSync(marker, { force: true });
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(reference)) {
    const value = mod[key];
    if (typeof value === "function") {
      out[key] = value;
    } else {
      const why = loadError
        ? `${where} could not be loaded (${loadError}).`
        : `${where} does not export a function named ${key}.`;
      out[key] = () => {
        throw new GradeFailure(why);
      };
    }
  }
  return out as M;
}
