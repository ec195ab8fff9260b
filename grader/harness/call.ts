/**
 * Calling a student's function: a time limit on every call (enforced by the stand-ins of
 * ./target.ts, which kill the submission's process past it), a guard against mutated inputs
 * (the submission's copies compared with the grader's, which it cannot write),
 * and every problem turned into a `GradeFailure` with one plain sentence.
 */
import {
  CallTimeout,
  capped,
  ProcessEnded,
  SubmittedError,
  UnreadableResult,
} from "../sandbox/link";
import { takeArgumentChanges, type ArgumentChange } from "../sandbox/changes";
import { firstLine, GradeFailure, valuePaired } from "./failure";

/** How long one call of a student's function may run before it is stopped [3 s]. */
export const CALL_TIME_LIMIT_MS = Number(process.env.OPTKIT_GRADE_CALL_LIMIT_MS) || 3000;

/** Exercises whose call hit the time limit in this suite. */
const timedOut = new Set<string>();

function snapshot(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(snapshot);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v)]));
  }
  return value;
}

/** The first difference between two snapshots, as "[2] was 1, now 1.5", or "" if equal. */
function firstChange(before: unknown, after: unknown, path = ""): string {
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) {
      return `${path} had length ${before.length}, now ${after.length}`;
    }
    for (let i = 0; i < before.length; i++) {
      const d = firstChange(before[i], after[i], `${path}[${i}]`);
      if (d) return d;
    }
    return "";
  }
  if (
    before !== null &&
    typeof before === "object" &&
    after !== null &&
    typeof after === "object"
  ) {
    for (const k of Object.keys(before)) {
      const d = firstChange(
        (before as Record<string, unknown>)[k],
        (after as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
      if (d) return d;
    }
    return "";
  }
  if (typeof before === "function") return "";
  return Object.is(before, after) ? "" : `${path} was ${String(before)}, now ${String(after)}`;
}

/**
 * The submission's copy, after the call, of `input` (an argument of one of the noted calls, or a
 * part of one), or `undefined` when no noted argument holds it.
 */
function copyAfter(changes: ArgumentChange[], input: unknown): { found: boolean; after?: unknown } {
  const walk = (original: unknown, after: unknown): { found: boolean; after?: unknown } => {
    if (original === input) return { found: true, after };
    if (original === null || typeof original !== "object" || ArrayBuffer.isView(original)) {
      return { found: false };
    }
    if (after === null || typeof after !== "object") return { found: false };
    for (const [k, v] of Object.entries(original)) {
      const hit = walk(v, (after as Record<string, unknown>)[k]);
      if (hit.found) return hit;
    }
    return { found: false };
  };
  for (const c of changes) {
    const hit = walk(c.original, c.after);
    if (hit.found) return hit;
  }
  return { found: false };
}

/**
 * Call `fn` (which calls the student's `name`) with a time limit, and check afterwards that
 * none of `inputs` (the arrays and objects handed to it) changed: the submission's own copies are
 * compared with them (the grader's objects themselves never change, see sandbox/changes.ts).
 * Every problem becomes a `GradeFailure` with one plain sentence.
 */
export function attempt<T>(name: string, fn: () => T, inputs: Record<string, unknown> = {}): T {
  takeArgumentChanges(); // notes of earlier calls belong to no one now
  let result: T;
  try {
    result = callLimited(name, fn);
  } catch (e) {
    throw describeThrow(name, e);
  }
  const changes = takeArgumentChanges();
  for (const [k, v] of Object.entries(inputs)) {
    const copy = copyAfter(changes, v);
    const change = copy.found ? firstChange(snapshot(v), snapshot(copy.after)) : "";
    if (change) {
      throw new GradeFailure(
        `${name} changed its input ${k} (${k}${change}); exercises must not mutate their inputs.`,
      );
    }
  }
  return result;
}

function describeThrow(name: string, e: unknown): GradeFailure {
  if (e instanceof GradeFailure) return e;
  if (e instanceof CallTimeout) {
    timedOut.add(name);
    return new GradeFailure(
      `${name} did not return within ${e.limitMs / 1000} s (an infinite loop?).`,
    );
  }
  if (e instanceof ProcessEnded) return new GradeFailure(`${name} failed: ${e.message}.`);
  if (e instanceof UnreadableResult) return new GradeFailure(`${name} ${e.message}.`);
  const err = (e !== null && typeof e === "object" ? e : {}) as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
  };
  const errName = typeof err.name === "string" ? err.name : "an error";
  const message = typeof err.message === "string" ? err.message : String(e);
  if (errName === "NotImplementedError") return new GradeFailure(`${name} is not implemented yet.`);
  if (errName === "GradeFailure") return new GradeFailure(message);
  const at = e instanceof SubmittedError && e.at ? ` (at exercises/${e.at})` : "";
  return new GradeFailure(`${name} threw ${errName}: ${capped(firstLine(message))}${at}`);
}

/** Run `fn` under the time limit; an exercise that timed out once is not called again. */
function callLimited<T>(name: string, fn: () => T): T {
  if (timedOut.has(name)) {
    throw new GradeFailure(
      `${name} was not called again: it did not return within ${CALL_TIME_LIMIT_MS / 1000} s in an earlier test.`,
    );
  }
  return fn();
}

/**
 * The student's `name` must throw an error of its own: not "not implemented", not a time-out,
 * not a module that failed to load (only errors raised by the submitted code itself count). Only
 * in a case that checked a correct answer first (`withValue`): throwing alone earns nothing.
 */
export function expectThrows(name: string, fn: () => unknown, what: string): void {
  if (!valuePaired()) {
    // the kit's own mistake, not the student's: a submission that only throws would pass
    throw new Error(`a test that ${name} throws ${what} needs a value check (withValue)`);
  }
  try {
    callLimited(name, fn);
  } catch (e) {
    if (e instanceof SubmittedError && e.name !== "NotImplementedError") return;
    throw describeThrow(name, e);
  }
  throw new GradeFailure(`${name} should throw an error ${what}, but it returned normally.`);
}
