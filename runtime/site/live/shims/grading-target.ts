/**
 * The browser's stand-in for the grading harness's target loader (grader/harness/
 * target.ts, same exports): the graded module is the student's exercise file as edited on the
 * page, compiled and loaded by the worker, and called directly. Errors it throws become
 * `SubmittedError`s (name and message) as they do across the sandbox. There is no process to
 * kill here: an endless loop holds the worker until Stop.
 */
import { directStandIns } from "../../../../grader/harness/stand-ins";

export function gradingTarget(): string {
  return "exercises";
}

export const sandboxLayers: string[] = ["browser worker"];

export function inProcessTarget(): boolean {
  return false;
}

type Loader = (name: string) => Record<string, unknown>;

export async function loadTarget<M extends object>(name: string, reference: M): Promise<M> {
  const where = `exercises/${name}.ts`;
  const load = (globalThis as { optkitGradingLoad?: Loader }).optkitGradingLoad;
  let mod: Record<string, unknown> = {};
  let loadError = "";
  try {
    if (!load) throw new Error("no exercise loader");
    mod = load(name);
  } catch (e) {
    loadError = `could not be loaded (${e instanceof Error ? `${e.name}: ${e.message}` : String(e)})`;
  }
  return directStandIns(mod, reference, where, loadError);
}
