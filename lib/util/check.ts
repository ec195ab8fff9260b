/**
 * Argument checks shared by the whole library. Every check throws an `OptkitError` whose
 * message names the argument and says what was expected, e.g.
 * `grad: expected length 3, got 2` or `lr: expected a finite number >= 0, got NaN`.
 */

/** A vector of numbers: the library computes in float64, the MNIST fast path in float32. */
export type Vec = Float64Array | Float32Array;

/** An error raised for bad input; `arg` is the name of the offending argument. */
export class OptkitError extends Error {
  constructor(
    readonly arg: string,
    problem: string,
  ) {
    super(`${arg}: ${problem}`);
    this.name = "OptkitError";
  }
}

/** Describe a value briefly for an error message. */
export function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    return `${value.constructor.name}(${(value as ArrayLike<unknown>).length})`;
  }
  return typeof value;
}

/** `x` must be a finite number (and optionally within [min, max]). Returns `x`. */
export function checkNumber(
  arg: string,
  x: number,
  opts: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const { min = -Infinity, max = Infinity, integer = false } = opts;
  const ok =
    typeof x === "number" &&
    Number.isFinite(x) &&
    x >= min &&
    x <= max &&
    (!integer || Number.isInteger(x));
  if (!ok) {
    const kind = integer ? "an integer" : "a finite number";
    const range =
      min > -Infinity && max < Infinity
        ? ` in [${min}, ${max}]`
        : min > -Infinity
          ? ` >= ${min}`
          : max < Infinity
            ? ` <= ${max}`
            : "";
    throw new OptkitError(arg, `expected ${kind}${range}, got ${describe(x)}`);
  }
  return x;
}

/** Every entry of `v` must be finite; the message gives the first bad index. */
export function checkFinite(arg: string, v: ArrayLike<number>): void {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) {
      throw new OptkitError(arg, `expected finite values, got ${v[i]} at index ${i}`);
    }
  }
}

/** `v` must have exactly `n` entries. */
export function checkLength(arg: string, v: ArrayLike<number>, n: number): void {
  if (v.length !== n) {
    throw new OptkitError(arg, `expected length ${n}, got ${v.length}`);
  }
}

/** `a` and `b` must have equal lengths (e.g. params and grads). */
export function checkSameLength(
  argA: string,
  a: ArrayLike<number>,
  argB: string,
  b: ArrayLike<number>,
): void {
  if (a.length !== b.length) {
    throw new OptkitError(argB, `expected the length of ${argA} (${a.length}), got ${b.length}`);
  }
}
