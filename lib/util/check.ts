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
  if (typeof value === "string") return `${JSON.stringify(value)} (a string)`;
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

/**
 * `v` must be an array or typed array: untyped callers (a notebook cell, JavaScript) may pass
 * null, undefined, a number or an object, which would otherwise fail later with a raw TypeError.
 */
export function checkArray(arg: string, v: ArrayLike<number>): void {
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    throw new OptkitError(arg, `expected an array of numbers, got ${describe(v)}`);
  }
}

/** Every entry of `v` must be finite; the message gives the first bad index. */
export function checkFinite(arg: string, v: ArrayLike<number>): void {
  checkArray(arg, v);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) {
      throw new OptkitError(arg, `expected finite values, got ${describe(v[i])} at index ${i}`);
    }
  }
}

/** `f` must be a function: untyped callers may pass a number or an object where one goes. */
export function checkFunction(arg: string, f: unknown): void {
  if (typeof f !== "function") {
    throw new OptkitError(arg, `expected a function, got ${describe(f)}`);
  }
}

/** `v` must have exactly `n` entries. */
export function checkLength(arg: string, v: ArrayLike<number>, n: number): void {
  checkArray(arg, v);
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
  checkArray(argA, a);
  checkArray(argB, b);
  if (a.length !== b.length) {
    throw new OptkitError(argB, `expected the length of ${argA} (${a.length}), got ${b.length}`);
  }
}

/**
 * The option names of an options type, listed once: the compiler checks that the record names
 * every key of `T` and nothing else, so the list cannot fall out of step with the type.
 */
export function optionNames<T>(keys: Record<keyof T, true>): readonly string[] {
  return Object.keys(keys);
}

/**
 * An options object must be an object (or undefined) whose keys are all among `allowed`. A typo
 * such as `{ learningRate: 0.1 }` would otherwise be ignored in untyped code (a notebook cell,
 * JavaScript): the message names the key and lists the valid ones, e.g.
 * `learningRate: not an option of SGD; expected one of lr, momentum, ...`.
 * `prefix` names a nested object (`"clip."`). Returns `opts`.
 */
export function checkOptions<T>(
  owner: string,
  opts: T,
  allowed: readonly string[],
  prefix = "",
): T {
  if (opts === undefined) return opts;
  if (
    opts === null ||
    typeof opts !== "object" ||
    Array.isArray(opts) ||
    ArrayBuffer.isView(opts)
  ) {
    throw new OptkitError(
      prefix ? prefix.slice(0, -1) : "options",
      `expected an object of ${owner} options (${allowed.join(", ")}), got ${describe(opts)}`,
    );
  }
  for (const key of Object.keys(opts)) {
    if (!allowed.includes(key)) {
      throw new OptkitError(
        `${prefix}${key}`,
        `not an option of ${owner}; expected one of ${allowed.join(", ")}`,
      );
    }
  }
  return opts;
}

/** As `checkOptions`, for an options object that must be given (it holds a required key). */
export function checkRequiredOptions<T>(owner: string, opts: T, allowed: readonly string[]): T {
  if (opts === undefined) {
    throw new OptkitError(
      "options",
      `expected an object of ${owner} options (${allowed.join(", ")}), got undefined`,
    );
  }
  return checkOptions(owner, opts, allowed);
}
