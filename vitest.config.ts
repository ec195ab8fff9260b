import { availableParallelism } from "os";
import { relative } from "path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The slowest test files, longest first (in a fresh clone on the course's 2-core machine: 44,
 * 22, 22, 9, 7, 6, 6, 4 and 4 s): the attack suite, the kernel's library cache, the similarity
 * report, batch grading, the release, the command lines, the notebooks' check(), the grader's
 * robustness and its sandbox without bubblewrap. The plausible wrong answers (four grading runs)
 * were added later: 34 s, where the grader's robustness took 9 s on the same busier day.
 */
const SLOWEST = [
  "instructor/test/attacks.test.ts",
  "grader/test/plausible-bugs.test.ts",
  "test/notebooks/lib-cache.test.ts",
  "instructor/test/similarity.test.ts",
  "instructor/test/batch.test.ts",
  "instructor/test/release.test.ts",
  "test/commands/command-lines.test.ts",
  "test/lib/grade-check.test.ts",
  "grader/test/robustness.test.ts",
  "grader/test/sandbox-layers.test.ts",
];

/**
 * Vitest starts the files it has timed before longest first; files it has not timed (every file,
 * in a fresh clone) go largest first, which puts the grading runs (small files, long tests) last
 * and leaves a worker idle at the end. Untimed, the slowest files known start first.
 */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const path = (f: TestSpecification) => relative(root, f.moduleId).replace(/\\/g, "/");
    const timed = (f: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${f.project.name}:${path(f)}`) !== undefined;
    if (sorted.every(timed)) return sorted;
    const rank = (f: TestSpecification) => {
      const i = SLOWEST.indexOf(path(f));
      return i < 0 ? SLOWEST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

// `npm test`'s tests (the notebooks run in `npm run test:notebooks`). The grading suites in
// grader/suites and grader/hidden run only through `npm run grade` (they fail on untouched stubs by design).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "grader/test/**/*.test.ts", "instructor/test/**/*.test.ts"],
    exclude: ["node_modules/**"],
    testTimeout: 60_000,
    // Vitest leaves one core to its main process by default; ours idles, and on a 2-core
    // machine that default would run every test file one after another.
    maxWorkers: availableParallelism(),
    // Test files share a worker's module cache (modules load once per worker, not once per
    // file). Isolating every file cost 15 to 30 % more CPU time for the whole suite while it
    // also ran the notebooks (118 s against 102 s; 111 s against 86 s), and 11 % without them
    // (120 s against 108 s, back to back on the course's busy 2-core machine).
    isolate: false,
    sequence: { sequencer: SlowestFirst },
  },
});
