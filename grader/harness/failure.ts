/** The failure type of the grading checks. */

/** A failed check: its message is one plain sentence shown to the student. */
export class GradeFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GradeFailure";
  }
}

/**
 * The submission's module or function cannot be used at all (it does not compile, is missing,
 * or the library answers it): every test of it fails with the same sentence, said once.
 */
export class Unusable extends GradeFailure {
  constructor(message: string) {
    super(message);
    this.name = "Unusable";
  }
}

/** The first line of a message, trimmed. */
export function firstLine(s: string): string {
  return s.split("\n")[0].trim();
}

let paired = false;

/**
 * Whether the running case has checked a correct answer on valid input first (set by the
 * harness's `exercise` cases, `CaseOptions.withValue`); with an argument, set it.
 */
export function valuePaired(set?: boolean): boolean {
  if (set !== undefined) paired = set;
  return paired;
}
