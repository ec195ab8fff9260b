/**
 * Comparing results with the expected values, by the course's relative error
 * |a - b| / max(1e-8, |a| + |b|) (with a small absolute floor for entries near 0). Each check
 * throws a `GradeFailure` that names the value, the index and both numbers. NaN and ±Infinity
 * never pass (Infinity would equal Infinity, and any comparison with NaN is false) unless the
 * case expects exactly that value (`nonFinite: true`).
 */
import { GradeFailure } from "./failure";

// Taken when the harness loads, before any submission is imported: a submission that replaces
// Math.abs or Number.isNaN cannot make the checks pass.
const { abs, max } = Math;
const { isNaN, isInteger, isFinite } = Number;
const { isArray } = Array;
const { isView } = ArrayBuffer;

export interface Tolerance {
  /** relative error bound, |a - b| / max(1e-8, |a| + |b|) [1e-7] */
  rtol?: number;
  /** absolute error that always passes (for entries near 0) [1e-12] */
  atol?: number;
  /** the case expects NaN or ±Infinity: a non-finite answer passes when it is exactly that [false] */
  nonFinite?: boolean;
}

function fmt(x: number): string {
  return isInteger(x) || !isFinite(x) ? String(x) : String(Number(x.toPrecision(10)));
}

function relErr(a: number, b: number): number {
  return abs(a - b) / max(1e-8, abs(a) + abs(b));
}

/** The relative error of `a` against `b` in words: which one, its value and the bound. */
function relErrText(a: number, b: number, tol: Tolerance): string {
  const bound = (tol.rtol ?? 1e-7).toExponential(0);
  return `relative error |a − b| / (|a| + |b|) = ${relErr(a, b).toExponential(1)}, allowed ${bound}`;
}

function closeEnough(a: number, b: number, tol: Tolerance): boolean {
  const { rtol = 1e-7, atol = 1e-12, nonFinite = false } = tol;
  if (!isFinite(a) || !isFinite(b)) return nonFinite && (a === b || (isNaN(a) && isNaN(b)));
  if (a === b) return true;
  return abs(a - b) <= atol || relErr(a, b) <= rtol;
}

function describeValue(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (isView(x) || isArray(x)) {
    return `a ${x.constructor.name} of length ${(x as ArrayLike<unknown>).length}`;
  }
  if (typeof x === "object") return "an object";
  return typeof x === "number" ? fmt(x) : `a ${typeof x}`;
}

/** `actual` (what `what` returned) must be a finite number close to `expected`. */
export function expectNumber(what: string, actual: unknown, expected: number, tol: Tolerance = {}) {
  if (typeof actual !== "number") {
    throw new GradeFailure(`${what} returned ${describeValue(actual)}, expected a number.`);
  }
  if (!isFinite(actual) && !tol.nonFinite) {
    throw new GradeFailure(`${what} returned ${fmt(actual)}, expected ${fmt(expected)}.`);
  }
  if (!closeEnough(actual, expected, tol)) {
    throw new GradeFailure(
      `${what} returned ${fmt(actual)}, expected ${fmt(expected)} ` +
        `(${relErrText(actual, expected, tol)}).`,
    );
  }
}

/** `actual` must be an exact integer equal to `expected` (counts, indices). */
export function expectExact(what: string, actual: unknown, expected: number | string | boolean) {
  if (actual !== expected) {
    throw new GradeFailure(`${what} is ${describeValue(actual)}, expected ${String(expected)}.`);
  }
}

/** `actual` must be an array-like of numbers, of `expected`'s length, elementwise close. */
export function expectVector(
  what: string,
  actual: unknown,
  expected: ArrayLike<number>,
  tol: Tolerance = {},
): void {
  const isArrayLike = isView(actual) || isArray(actual);
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
    if (!isFinite(ai) && !tol.nonFinite) {
      throw new GradeFailure(`${what} contains ${fmt(ai)} at index ${i}.`);
    }
    if (!closeEnough(ai, expected[i], tol)) {
      throw new GradeFailure(
        `${what}[${i}] is ${fmt(ai)}, expected ${fmt(expected[i])} ` +
          `(${relErrText(ai, expected[i], tol)}).`,
      );
    }
  }
}

/** A matrix given as rows: same number of rows, each row checked with `expectVector`. */
export function expectMatrix(
  what: string,
  actual: unknown,
  expected: readonly ArrayLike<number>[],
  tol: Tolerance = {},
): void {
  if (!isArray(actual)) {
    throw new GradeFailure(`${what} is ${describeValue(actual)}, expected an array of rows.`);
  }
  if (actual.length !== expected.length) {
    throw new GradeFailure(`${what} has ${actual.length} rows, expected ${expected.length}.`);
  }
  expected.forEach((row, i) => expectVector(`${what}[${i}]`, actual[i], row, tol));
}

/** `actual` must be an object (not null) with the named fields. */
export function expectFields(what: string, actual: unknown, fields: readonly string[]): void {
  if (actual === null || typeof actual !== "object") {
    throw new GradeFailure(
      `${what} returned ${describeValue(actual)}, expected an object with ${fields.join(", ")}.`,
    );
  }
  for (const f of fields) {
    if (!(f in actual)) throw new GradeFailure(`${what} returned an object without ${f}.`);
  }
}
