/**
 * Surviving mutants of `npm run grade:mutation` judged equivalent: the changed code computes the
 * same results as the solution on every input the exercise's specification allows, so no test
 * can (or should) kill it. Matched by file, mutator and code, not by line number. Each entry says
 * why; an entry is added only after trying to write a test that kills the mutant.
 */
export interface EquivalentMutant {
  /** the solutions file, e.g. "solutions/03-newton.ts" */
  file: string;
  /** Stryker's mutator name, e.g. "EqualityOperator" */
  mutator: string;
  /** the code the mutant replaced, and its replacement (whitespace is ignored) */
  original: string;
  replacement: string;
  reason: string;
}

export const EQUIVALENT: EquivalentMutant[] = [];
