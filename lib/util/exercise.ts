/**
 * The bridge between exercise stubs and the rest of the course. Every stub in `exercises/`
 * throws `NotImplementedError` naming its exercise; notebooks use `tryExercise` to run a
 * student's implementation when it exists and to say so politely when it does not.
 */

/** Thrown by an exercise stub that the student has not filled in yet. */
export class NotImplementedError extends Error {
  constructor(readonly exercise: string) {
    super(`${exercise} is not implemented yet: fill in its body in exercises/.`);
    this.name = "NotImplementedError";
  }
}

/** True for a `NotImplementedError`, also across module copies (the kernel may load two). */
export function isNotImplemented(e: unknown): e is NotImplementedError {
  return e instanceof Error && e.name === "NotImplementedError";
}

/**
 * Run `fn` (which calls a student's exercise). Returns its result, or `undefined` after printing
 * a friendly note when the exercise is still a stub. Any other error propagates.
 */
export function tryExercise<T>(
  fn: () => T,
  log: (msg: string) => void = console.log,
): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!isNotImplemented(e)) throw e;
    log(`Not yet: ${e.message} Then run this cell again.`);
    return undefined;
  }
}
