/**
 * The grading harness: which implementation is graded, how a graded test is declared (with its
 * points), how a student's function is called (time limit, mutation guard, plain-sentence
 * failures), and how results are compared (relative error, as in the course's conventions).
 */
import { describe, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import seedrandom from "seedrandom";
import type { CaseKind, GradeMeta, Visibility } from "../../scripts/grade/meta";

/** A failed check: its message is one plain sentence shown to the student. */
export class GradeFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GradeFailure";
  }
}

// ---------------------------------------------------------------------------------------------
// Target: `OPTKIT_GRADE_TARGET` names the folder graded ("exercises" by default, "solutions").

/** A relative folder inside the course (e.g. "exercises", "build/submissions/ada"), no "..". */
export function isTargetPath(target: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(target) && !target.split("/").includes("..");
}

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
  const marker = records ? path.join(records, `${name}.importing`) : "";
  if (marker) fs.writeFileSync(marker, JSON.stringify({ pid: process.pid, where }));
  try {
    // A plain string (not a template literal in the call) keeps Vite from rewriting the import
    // into a one-folder-deep glob; vitest resolves it relative to this file at run time.
    const specifier = `../../${target}/${name}.ts`;
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

// ---------------------------------------------------------------------------------------------
// Declaring graded tests.

export interface CaseOptions {
  visibility?: Visibility;
}

export interface ExerciseCases {
  fixed(name: string, points: number, fn: () => void, opts?: CaseOptions): void;
  random(name: string, points: number, fn: () => void, opts?: CaseOptions): void;
  edge(name: string, points: number, fn: () => void, opts?: CaseOptions): void;
}

/** Group the graded cases of one exercise; each case carries its points in the task meta. */
export function exercise(name: string, body: (cases: ExerciseCases) => void): void {
  const add =
    (kind: CaseKind) =>
    (caseName: string, points: number, fn: () => void, opts: CaseOptions = {}) => {
      const grade: GradeMeta = {
        exercise: name,
        points,
        kind,
        visibility: opts.visibility ?? "visible",
      };
      it(`${kind}: ${caseName}`, { meta: { grade } }, fn);
    };
  describe(name, () => body({ fixed: add("fixed"), random: add("random"), edge: add("edge") }));
}

// ---------------------------------------------------------------------------------------------
// Calling a student's function.

/** How long one call of a student's function may run before it is stopped. */
export const CALL_TIME_LIMIT_MS = 3000;

const sandbox = vm.createContext({ thunk: (): unknown => undefined });
/** Exercises whose call hit the time limit in this suite. */
const timedOut = new Set<string>();
const runThunk = new vm.Script("thunk()");

function firstLine(s: string): string {
  return s.split("\n")[0].trim();
}

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
 * Call `fn` (which calls the student's `name`) with a time limit, and check afterwards that
 * none of `inputs` (the arrays and objects handed to it) changed. Every problem becomes a
 * `GradeFailure` with one plain sentence.
 */
export function attempt<T>(name: string, fn: () => T, inputs: Record<string, unknown> = {}): T {
  const before = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, snapshot(v)]));
  let result: T;
  try {
    result = callLimited(name, fn);
  } catch (e) {
    throw describeThrow(name, e);
  }
  for (const [k, v] of Object.entries(inputs)) {
    const change = firstChange(before[k], snapshot(v));
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
  // Duck-typed: errors raised by the vm (a time-out) or by another realm fail `instanceof Error`.
  const err = (e !== null && typeof e === "object" ? e : {}) as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
  };
  const errName = typeof err.name === "string" ? err.name : "an error";
  const message = typeof err.message === "string" ? err.message : String(e);
  if (err.code === "ERR_SCRIPT_EXECUTION_TIMEOUT" || /^Script execution timed out/.test(message)) {
    timedOut.add(name);
    return new GradeFailure(
      `${name} did not return within ${CALL_TIME_LIMIT_MS / 1000} s (an infinite loop?).`,
    );
  }
  if (errName === "NotImplementedError") return new GradeFailure(`${name} is not implemented yet.`);
  if (errName === "GradeFailure") return new GradeFailure(message);
  return new GradeFailure(`${name} threw ${errName}: ${firstLine(message)}`);
}

/** Run `fn` under the time limit; an exercise that timed out once is not called again. */
function callLimited<T>(name: string, fn: () => T): T {
  if (timedOut.has(name)) {
    throw new GradeFailure(
      `${name} was not called again: it did not return within ${CALL_TIME_LIMIT_MS / 1000} s in an earlier test.`,
    );
  }
  try {
    sandbox.thunk = fn;
    return runThunk.runInContext(sandbox, { timeout: CALL_TIME_LIMIT_MS }) as T;
  } finally {
    sandbox.thunk = () => undefined;
  }
}

/** The student's `name` must throw (an Error of its own, not "not implemented", no timeout). */
export function expectThrows(name: string, fn: () => unknown, what: string): void {
  try {
    callLimited(name, fn);
  } catch (e) {
    const failure = describeThrow(name, e);
    const notOwnError =
      /is not implemented yet|did not return within|was not called again|could not be loaded|does not export/;
    if (notOwnError.test(failure.message)) throw failure;
    return;
  }
  throw new GradeFailure(`${name} should throw an error ${what}, but it returned normally.`);
}

// ---------------------------------------------------------------------------------------------
// Comparing results.

export interface Tolerance {
  /** relative error bound, |a - b| / max(1e-8, |a| + |b|) [1e-7] */
  rtol?: number;
  /** absolute error that always passes (for entries near 0) [1e-12] */
  atol?: number;
}

function fmt(x: number): string {
  return Number.isInteger(x) || !Number.isFinite(x) ? String(x) : String(Number(x.toPrecision(10)));
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1e-8, Math.abs(a) + Math.abs(b));
}

function closeEnough(a: number, b: number, tol: Tolerance): boolean {
  const { rtol = 1e-7, atol = 1e-12 } = tol;
  if (a === b) return true; // also equal infinities
  return Math.abs(a - b) <= atol || relErr(a, b) <= rtol;
}

function describeValue(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (ArrayBuffer.isView(x) || Array.isArray(x)) {
    return `a ${x.constructor.name} of length ${(x as ArrayLike<unknown>).length}`;
  }
  if (typeof x === "object") return "an object";
  return typeof x === "number" ? fmt(x) : `a ${typeof x}`;
}

/** `actual` (what `what` returned) must be a finite number close to `expected`. */
export function checkNumber(what: string, actual: unknown, expected: number, tol: Tolerance = {}) {
  if (typeof actual !== "number") {
    throw new GradeFailure(`${what} returned ${describeValue(actual)}, expected a number.`);
  }
  if (Number.isNaN(actual))
    throw new GradeFailure(`${what} returned NaN, expected ${fmt(expected)}.`);
  if (!closeEnough(actual, expected, tol)) {
    throw new GradeFailure(
      `${what} returned ${fmt(actual)}, expected ${fmt(expected)} ` +
        `(relative error ${relErr(actual, expected).toExponential(1)}).`,
    );
  }
}

/** `actual` must be an exact integer equal to `expected` (counts, indices). */
export function checkExact(what: string, actual: unknown, expected: number | string | boolean) {
  if (actual !== expected) {
    throw new GradeFailure(`${what} is ${describeValue(actual)}, expected ${String(expected)}.`);
  }
}

/** `actual` must be an array-like of numbers, of `expected`'s length, elementwise close. */
export function checkVector(
  what: string,
  actual: unknown,
  expected: ArrayLike<number>,
  tol: Tolerance = {},
): void {
  const isArrayLike = ArrayBuffer.isView(actual) || Array.isArray(actual);
  if (!isArrayLike) {
    throw new GradeFailure(
      `${what} is ${describeValue(actual)}, expected an array of ${expected.length} numbers.`,
    );
  }
  const a = actual as ArrayLike<unknown>;
  if (a.length !== expected.length) {
    throw new GradeFailure(`${what} has ${a.length} entries, expected ${expected.length}.`);
  }
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    if (typeof ai !== "number") {
      throw new GradeFailure(`${what}[${i}] is ${describeValue(ai)}, expected a number.`);
    }
    if (Number.isNaN(ai)) throw new GradeFailure(`${what} contains NaN at index ${i}.`);
    if (!closeEnough(ai, expected[i], tol)) {
      throw new GradeFailure(
        `${what}[${i}] is ${fmt(ai)}, expected ${fmt(expected[i])} ` +
          `(relative error ${relErr(ai, expected[i]).toExponential(1)}).`,
      );
    }
  }
}

/** A matrix given as rows: same number of rows, each row checked with `checkVector`. */
export function checkMatrix(
  what: string,
  actual: unknown,
  expected: readonly ArrayLike<number>[],
  tol: Tolerance = {},
): void {
  if (!Array.isArray(actual)) {
    throw new GradeFailure(`${what} is ${describeValue(actual)}, expected an array of rows.`);
  }
  if (actual.length !== expected.length) {
    throw new GradeFailure(`${what} has ${actual.length} rows, expected ${expected.length}.`);
  }
  expected.forEach((row, i) => checkVector(`${what}[${i}]`, actual[i], row, tol));
}

/** `actual` must be an object (not null) with the named fields. */
export function checkFields(what: string, actual: unknown, fields: readonly string[]): void {
  if (actual === null || typeof actual !== "object") {
    throw new GradeFailure(
      `${what} returned ${describeValue(actual)}, expected an object with ${fields.join(", ")}.`,
    );
  }
  for (const f of fields) {
    if (!(f in actual)) throw new GradeFailure(`${what} returned an object without ${f}.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Seeded random cases.

/** A seeded source of test data: uniform, normal (Box-Muller) and integer draws. */
export class CaseRng {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = seedrandom(seed);
  }
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  vector(n: number, scale = 1): Float64Array {
    return Float64Array.from({ length: n }, () => scale * this.normal());
  }
  /** A function returning the generator's next uniform draws (for exercises that take an rng). */
  uniformSource(): () => number {
    return () => this.next();
  }
}

/** The rng for case `i` of an exercise: each case reproducible on its own. */
export function caseRng(exerciseName: string, i: number): CaseRng {
  return new CaseRng(`optkit-grading:${exerciseName}:${i}`);
}
