import { defineConfig } from "vitest/config";

// `npm run grade:mutation` (grader/runner/mutation.ts): the grading suites of one notebook
// (OPTKIT_MUTATE_MODULE, e.g. "03-newton"), public and hidden, run by the mutation tester against
// mutated copies of solutions/ imported in-process (grader/harness/target.ts). The
// reference outputs come from recordings of the unmutated solutions (OPTKIT_GRADE_REFERENCE).
const only = process.env.OPTKIT_MUTATE_MODULE || "*";

export default defineConfig({
  test: {
    include: [`grader/suites/${only}.grading.ts`, `grader/hidden/${only}.grading.ts`],
    testTimeout: 10_000,
    hookTimeout: 10_000,
  },
});
