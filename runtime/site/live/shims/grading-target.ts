/**
 * The browser's stand-in for the grading harness's target loader (grader/harness/
 * target.ts, same exports): the graded module is the student's exercise file as edited on the
 * page, compiled and loaded by the worker, and called directly. Errors it throws become
 * `SubmittedError`s (name and message) as they do across the sandbox. The time limits: each
 * call and the import tell the page (through `optkitGradingWatch`, set by the worker), which
 * ends the worker past the limit and checks again in a fresh one, where that call (or import)
 * then fails at once with the grader's sentence (see page.ts). A file with a syntax error is
 * refused as the grader refuses it (grader/harness/verdict.ts): every exercise in it scores 0.
 */
import { CallTimeout } from "../../../../grader/sandbox/link";
import { directStandIns } from "../../../../grader/harness/stand-ins";
import { refusal } from "../../../../grader/harness/verdict";
import { CHECK_IMPORT_LIMIT_MS, type GradingWatch } from "../limits";

/** How long importing the exercise file may take: the page's watchdog enforces it. */
export const IMPORT_LIMIT_MS = CHECK_IMPORT_LIMIT_MS;

export function gradingTarget(): string {
  return "exercises";
}

export const sandboxLayers: string[] = ["browser worker"];

export function inProcessTarget(): boolean {
  return false;
}

type Loader = (name: string) => Record<string, unknown>;

/** Why a module could not be loaded, as the grader says it (a syntax error with its place). */
function loadFailure(e: unknown): string {
  if (!(e instanceof Error)) return `could not be loaded (${String(e)})`;
  const at = e as Error & { file?: string; line?: number; column?: number };
  if (e.name === "SyntaxError" && typeof at.line === "number") {
    const syntax = { line: at.line, column: at.column ?? 0, code: null, message: e.message };
    return refusal([{ ...syntax, file: at.file ?? "", kind: "syntax" }]);
  }
  const place = at.file && at.line ? ` at ${at.file}, line ${at.line}, column ${at.column}` : "";
  return `could not be loaded (${e.name}: ${e.message}${place})`;
}

/** The stand-ins, each call watched and counted; the call that timed out before throws. */
function watched<M extends object>(standIns: M, w: GradingWatch | undefined): M {
  if (!w) return standIns;
  const counts: Record<string, number> = {};
  const out: Record<string, unknown> = {};
  for (const [key, fn] of Object.entries(standIns)) {
    out[key] = (...args: unknown[]) => {
      counts[key] = (counts[key] ?? 0) + 1;
      if (w.limits.calls[key] === counts[key]) throw new CallTimeout(w.limits.callMs);
      w.watch("call", key);
      try {
        return (fn as (...a: unknown[]) => unknown)(...args);
      } finally {
        w.watch("returned", key);
      }
    };
  }
  return out as M;
}

export async function loadTarget<M extends object>(name: string, reference: M): Promise<M> {
  const where = `exercises/${name}.ts`;
  const g = globalThis as { optkitGradingLoad?: Loader; optkitGradingWatch?: GradingWatch };
  const load = g.optkitGradingLoad;
  const w = g.optkitGradingWatch;
  let mod: Record<string, unknown> = {};
  let loadError = "";
  if (w?.limits.imports.includes(where)) {
    loadError =
      `did not finish importing within ${w.limits.importMs / 1000} s ` +
      "(an infinite loop at the top level of the file?)";
  } else {
    try {
      if (!load) throw new Error("no exercise loader");
      w?.watch("import", where);
      mod = load(name);
    } catch (e) {
      loadError = loadFailure(e);
    } finally {
      w?.watch("imported", where);
    }
  }
  return watched(directStandIns(mod, reference, where, loadError), w);
}
