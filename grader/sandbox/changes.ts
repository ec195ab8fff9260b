/**
 * Arguments cross to a submission one way: the grader's own objects are never written by it.
 * When a submitted function changes what it was given, the grader learns of it as a note (its
 * own, unchanged argument beside the submission's copy as it was afterwards), and a test that
 * checks that inputs are left unchanged (harness/call.ts `attempt`) reads the notes. No Node
 * module here: the live course's browser worker uses it too.
 */

/** One changed argument: the grader's object, and the submission's copy after the call. */
export interface ArgumentChange {
  original: unknown;
  after: unknown;
}

let notes: ArgumentChange[] = [];

/** Note that a call left `after` where the grader had passed `original`. */
export function noteArgumentChange(original: unknown, after: unknown): void {
  notes.push({ original, after });
}

/** The notes since the last call of this function (and forget them). */
export function takeArgumentChanges(): ArgumentChange[] {
  const taken = notes;
  notes = [];
  return taken;
}

/**
 * A copy of `value` for a submission that runs in this process: arrays, typed arrays and plain
 * objects are copied, functions (the grader's callbacks) and other values are kept.
 */
export function copyArgument(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return (value as unknown as Float64Array).slice();
  if (Array.isArray(value)) return value.map(copyArgument);
  if (
    value !== null &&
    typeof value === "object" &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyArgument(v)]));
  }
  return value;
}
