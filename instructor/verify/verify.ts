/**
 * `npm run grade:verify`: the kit's self-check. Grades the solutions and the untouched stubs with the
 * same suites and fails (exit 1) unless
 *   - the solutions pass every test (100%),
 *   - the stubs pass no test (0 points on every test),
 *   - every test carries points (> 0),
 *   - every exercise has at least one fixed case and one seeded random case,
 *   - every function exported by a solution module is graded, and nothing else is.
 */
import * as path from "node:path";
import type { TestRecord } from "../../grader/runner/meta";
import { grade, suiteFiles, suiteModule } from "../../grader/runner/run";
import { summarize } from "../../grader/runner/score";
import { courseQuestions } from "../desk/written";

/** Problems with one target's records; `expectPass` says whether all tests should pass. */
export function checkRecords(records: TestRecord[], target: string, expectPass: boolean): string[] {
  const problems: string[] = [];
  if (records.length === 0) problems.push(`${target}: no grading tests ran`);
  for (const r of records) {
    const id = `${r.file}: ${r.exercise} > ${r.name}`;
    if (!(r.maxPoints > 0)) problems.push(`${id}: carries no points`);
    if (expectPass && r.status !== "passed") problems.push(`${target} fail ${id}: ${r.message}`);
    if (!expectPass && r.status === "passed")
      problems.push(`${target} pass ${id} (stubs must score 0)`);
  }
  return problems;
}

/** Problems with the case mix: each exercise needs a fixed and a random case (an exercise made
 * only of conceptual questions has neither: each answer is one fixed fact). */
export function checkCaseKinds(records: TestRecord[]): string[] {
  const kinds = new Map<string, Set<string>>();
  for (const r of records) {
    const set = kinds.get(r.exercise) ?? new Set<string>();
    set.add(r.kind);
    kinds.set(r.exercise, set);
  }
  const problems: string[] = [];
  for (const [exercise, set] of kinds) {
    if (set.size === 1 && set.has("question")) continue;
    if (!set.has("fixed")) problems.push(`${exercise}: has no fixed case`);
    if (!set.has("random")) problems.push(`${exercise}: has no seeded random case`);
  }
  return problems;
}

/** Problems with coverage: every exported solution function graded by its notebook's suites. */
export function checkCoverage(root: string, records: TestRecord[]): string[] {
  const problems: string[] = [];
  // written questions are graded by a person at the desk: each needs points and a reference
  const written = courseQuestions(root);
  const byHand = new Set(written.map((q) => q.id.split(".")[0]));
  for (const q of written) {
    if (!(q.points > 0) || q.reference.trim() === "") {
      problems.push(`${q.file}: written question ${q.id} needs points and a reference explanation`);
    }
  }
  for (const name of new Set(suiteFiles(root).map(suiteModule))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(root, "solutions", name)) as Record<string, unknown>;
    const exported = Object.keys(mod).filter((k) => typeof mod[k] === "function");
    const mine = records.filter((r) => suiteModule(r.file) === name);
    const graded = new Set(mine.map((r) => r.exercise));
    for (const fn of exported) {
      if (!graded.has(fn) && !byHand.has(fn)) problems.push(`${name}: ${fn} has no tests`);
    }
    for (const ex of graded)
      if (!exported.includes(ex)) problems.push(`${name}: a suite grades unknown ${ex}`);
  }
  return problems;
}

async function main(): Promise<void> {
  const root = process.cwd();
  const solutions = await grade({ root, target: "solutions" });
  const stubs = await grade({ root, target: "exercises" });
  const sol = summarize("solutions", solutions.records, solutions.durationMs);
  const stub = summarize("exercises", stubs.records, stubs.durationMs);
  const problems = [
    ...checkRecords(solutions.records, "solutions", true),
    ...checkRecords(stubs.records, "stubs", false),
    ...checkCaseKinds(solutions.records),
    ...checkCoverage(root, solutions.records),
  ];
  const names = (rs: TestRecord[]) => rs.map((r) => `${r.file} ${r.exercise} ${r.name}`).join("\n");
  if (names(solutions.records) !== names(stubs.records)) {
    problems.push("the solutions and the stubs were graded by different sets of tests");
  }
  console.log(
    `solutions: ${sol.points} / ${sol.maxPoints} points (${(sol.durationMs / 1000).toFixed(1)} s); ` +
      `stubs: ${stub.points} / ${stub.maxPoints} points (${(stub.durationMs / 1000).toFixed(1)} s); ` +
      `${sol.exercises.length} exercises, ${sol.tests.length} tests.`,
  );
  if (problems.length > 0) {
    console.error(`verify: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log("verify: ok");
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`verify: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  });
}
