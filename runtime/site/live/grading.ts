/**
 * Grading in the worker: the public grading suites (grader/suites/0N-*.grading.ts, bundled for
 * the browser by bundle.ts with `vitest` and the harness's target loader swapped, see shims/)
 * run against the student's exercise file as the worker loads it, with the reference outputs
 * recorded from the solutions when the site was built. The points and first failures come from
 * the grader's own `summarize`, as `npm run grade` reports them.
 */
import type { TestRecord } from "../../../grader/runner/meta";
import { summarize } from "../../../grader/runner/score";
import type { Grader } from "./shims/grade-check";
import type { CollectedSuite } from "./shims/vitest";

/** The site's grading folder: its suites and the recorded reference outputs. */
export interface GradingIndex {
  /** suite paths from the course root; each is bundled as grading/<basename>.js */
  suites: string[];
  /** file names in grading/reference/ */
  fixtures: string[];
  /** per suite, the points of its tests in `npm run grade`'s run of the solutions (if any) */
  points: Record<string, number>;
}

interface Globals {
  optkitGradingSuite?: CollectedSuite;
  optkitGradingFiles?: Record<string, string>;
  optkitGradingLoad?: (name: string) => Record<string, unknown>;
}

const FIXTURES = "/grader/reference/";
let runs = 0;

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0].trim() || "The test failed without a message.";
}

/** Import and run one suite; only the tests of `exercise` when given. */
async function runSuite(
  site: string,
  file: string,
  exercise: string | null,
): Promise<TestRecord[]> {
  const g = globalThis as Globals;
  const suite: CollectedSuite = { file, tests: [], beforeAll: [], afterAll: [] };
  g.optkitGradingSuite = suite;
  const name = file.replace(/^.*\//, "").replace(/\.ts$/, ".js");
  // a fresh URL each time: the suite loads the exercise file as it is now
  await import(/* @vite-ignore */ `${site}grading/${name}?run=${++runs}`);
  g.optkitGradingSuite = undefined;
  const records: TestRecord[] = [];
  for (const fn of suite.beforeAll) await fn();
  for (const t of suite.tests) {
    const grade = (t.meta.grade ?? {}) as Partial<TestRecord> & { points?: number };
    const ex = grade.exercise ?? t.names[0];
    if (exercise && ex !== exercise) continue;
    suite.expect?.setState({ currentTestName: t.names.join(" > "), testPath: `/${file}` });
    const t0 = performance.now();
    let message = "";
    try {
      await t.fn();
    } catch (e) {
      message = firstLine(e);
    }
    records.push({
      file,
      exercise: ex,
      name: t.names[t.names.length - 1],
      kind: grade.kind ?? "fixed",
      visibility: grade.visibility ?? "visible",
      maxPoints: grade.points ?? 0,
      status: message ? "failed" : "passed",
      message,
      durationMs: performance.now() - t0,
      ...(grade.hint ? { hint: grade.hint } : {}),
    });
  }
  for (const fn of suite.afterAll) await fn();
  return records;
}

/**
 * The grader behind `check(what)` in the worker. `load(name)` returns the student's exercise
 * module `exercises/<name>.ts`; `sources` are the exercise files' texts (to find which suite
 * grades an exercise).
 */
export function browserGrader(
  site: string,
  load: (name: string) => Record<string, unknown>,
  sources: () => Record<string, string>,
): Grader {
  let index: GradingIndex | null = null;
  return async (what) => {
    const g = globalThis as Globals;
    if (!index) {
      const res = await fetch(`${site}grading/index.json`);
      if (!res.ok) throw new Error(`grading/index.json: HTTP ${res.status}`);
      index = (await res.json()) as GradingIndex;
      const files: Record<string, string> = {};
      await Promise.all(
        index.fixtures.map(async (f) => {
          files[FIXTURES + f] = await (await fetch(`${site}grading/reference/${f}`)).text();
        }),
      );
      g.optkitGradingFiles = files;
    }
    g.optkitGradingLoad = load;
    const notebook = /^\d\d$/.test(what);
    const owner = (suite: string) => {
      const name = suite.replace(/^.*\//, "").replace(/\.grading\.ts$/, "");
      const src = sources()[`exercises/${name}.ts`] ?? "";
      return notebook
        ? name.startsWith(`${what}-`)
        : new RegExp(`export\\s+(async\\s+)?(function|const|class)\\s+${what}\\b`).test(src);
    };
    const suites = index.suites.filter(owner);
    if (suites.length === 0) throw new Error(`no public grading suite grades ${what}`);
    const records: TestRecord[] = [];
    for (const s of suites) records.push(...(await runSuite(site, s, notebook ? null : what)));
    const summary = summarize("exercises", records);
    return {
      points: summary.points,
      maxPoints: summary.maxPoints,
      exercises: summary.exercises.map((e) => ({
        exercise: e.exercise,
        points: e.points,
        maxPoints: e.maxPoints,
        firstFailure: e.firstFailure,
        ...(e.hint ? { hint: e.hint } : {}),
      })),
      tests: records.map((t) => ({
        exercise: t.exercise,
        name: t.name,
        points: t.status === "passed" ? t.maxPoints : 0,
        passed: t.status === "passed",
      })),
    };
  };
}
