/**
 * `process` for the grading suites in the browser (esbuild's `inject`): the harness replays the
 * reference outputs recorded when the site was built, from the files the worker fetched.
 */
export const process = {
  env: {
    OPTKIT_GRADE_REFERENCE: "fixtures",
    OPTKIT_GRADE_FIXTURES: "/test/grading/reference",
  } as Record<string, string | undefined>,
  cwd: (): string => "/",
};
