import * as path from "node:path";
import { defineConfig } from "vitest/config";
import { GradeReporter } from "./grader/runner/reporter";

// The grading suites (`npm run grade`, `npm run grade:verify`): grader/suites/*.grading.ts graded
// against exercises/ or solutions/ (OPTKIT_GRADE_TARGET). Each suite file runs in its own forked
// process; one call of a submitted function is stopped after a few seconds (grader/harness),
// one test after 10 s. Run through `npm run grade` (which writes the reports) rather than directly.
const grading = Boolean(process.env.OPTKIT_GRADE_RECORDS || process.env.OPTKIT_GRADE_WATCH);
const target = process.env.OPTKIT_GRADE_TARGET || "exercises";
const escaped = path.resolve(target).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export default defineConfig({
  // Each grading run keeps vitest's cache (results.json) to itself: runs graded side by side,
  // sharing node_modules, would otherwise write and read one file at the same time.
  cacheDir: process.env.OPTKIT_GRADE_CACHE_DIR || undefined,
  test: {
    include: ["grader/suites/**/*.grading.ts", "grader/hidden/**/*.grading.ts"],
    pool: "forks",
    isolate: true,
    fileParallelism: true,
    maxWorkers: Number(process.env.OPTKIT_GRADE_MAX_WORKERS) || 2,
    testTimeout: 10_000,
    hookTimeout: 10_000,
    teardownTimeout: 2_000,
    reporters: grading ? [new GradeReporter()] : ["default"],
    silent: grading && process.env.OPTKIT_GRADE_WATCH !== "1",
    // Watch mode: saving <target>/03-newton.ts re-runs grader/suites/03-newton.grading.ts (the
    // suites import the target at run time, so vitest's module graph cannot tell).
    watchTriggerPatterns: [
      {
        pattern: new RegExp(`^${escaped}/(\\d\\d-[\\w-]+)\\.ts$`),
        testsToRun: (_file, match) => `grader/suites/${match[1]}.grading.ts`,
      },
    ],
  },
});
