/**
 * Checking the answers to an exercise file's conceptual questions. Each exercise file ends with a
 * typed section: an exported function (e.g. `momentumQuiz`) returning a plain object with one
 * field per question, `null` in the stub. A failure message says whether the answer is missing,
 * of the wrong type or wrong, never what the right answer is.
 */
import { attempt } from "./call";
import { GradeFailure } from "./failure";

const { abs, max } = Math;
const { isFinite } = Number;

/** The answers object of `name`: read again for each question that checks it. */
export function answerSheet(name: string, fn: () => unknown): () => Record<string, unknown> {
  // asked afresh for each question: a failure of one call costs one question, and a mutation
  // tester that switches the solutions between tests sees every switch
  return () => {
    const out = attempt(name, fn);
    if (out === null || typeof out !== "object" || Array.isArray(out)) {
      throw new GradeFailure(`${name} must return an object with one field per question.`);
    }
    return out as Record<string, unknown>;
  };
}

function present(sheet: Record<string, unknown>, key: string): unknown {
  const v = sheet[key];
  if (v === null || v === undefined) {
    throw new GradeFailure(`${key} has no answer yet (replace the null).`);
  }
  return v;
}

/** A numeric answer, right within relative error `rtol` [1e-4: four significant digits]. */
export function expectNumericAnswer(
  sheet: Record<string, unknown>,
  key: string,
  expected: number,
  rtol = 1e-4,
): void {
  const v = present(sheet, key);
  if (typeof v !== "number" || !isFinite(v)) {
    throw new GradeFailure(`${key} must be a finite number.`);
  }
  if (abs(v - expected) > rtol * max(1e-12, abs(expected))) {
    throw new GradeFailure(`${key}: ${v} is not the right answer.`);
  }
}

/**
 * A multiple-choice answer: a string of the chosen letters (one letter, or several in any order
 * where the question says "all that apply"); the set must be exactly the right one.
 */
export function expectChoiceAnswer(
  sheet: Record<string, unknown>,
  key: string,
  expected: string,
  choices: string,
): void {
  const v = present(sheet, key);
  if (typeof v !== "string" || v.length === 0 || [...v].some((c) => !choices.includes(c))) {
    throw new GradeFailure(`${key} must be a string of the letters ${[...choices].join(", ")}.`);
  }
  const norm = (s: string) => [...new Set(s)].sort().join("");
  if (norm(v) !== norm(expected)) throw new GradeFailure(`${key}: "${v}" is not the right answer.`);
}
