/**
 * End to end: grade a deliberately broken submission of notebook 01 and check that every kind of
 * breakage costs only its own tests, is reported in one sentence, and that printing a fake score
 * changes nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { grade } from "../runner/run";
import { summarize } from "../runner/score";

const root = process.cwd();
const rel = `build/grader-test/run-${process.pid}`;
const dir = path.join(root, rel);

/** The reference solution of notebook 01 with one function broken per kind of failure. */
function writeBrokenSubmission(): void {
  fs.mkdirSync(dir, { recursive: true });
  let src = fs.readFileSync(path.join(root, "solutions/01-derivatives.ts"), "utf8");
  const swap = (from: string, to: string) => {
    if (!src.includes(from)) throw new Error(`fixture: cannot find ${from}`);
    src = src.replace(from, to);
  };
  swap("  return (f(x + h) - f(x - h)) / (2 * h);", "  for (;;) x += h;");
  swap(
    "  const s = sigmoid(z);",
    '  console.log("Points: 999 / 999");\n  const s = NaN * sigmoid(z);',
  );
  swap(
    "  const grad = new Float64Array(x.length);\n  for",
    "  const grad = new Float64Array(x.length + 1);\n  for",
  );
  swap("  let worst = 0;", "  let worst = 0;\n  if (a.length > 0) a[0] = 42;");
  swap(
    "  const n = y.length;",
    '  const n = y.length;\n  if (n > 0) throw new RangeError("oops");',
  );
  fs.writeFileSync(path.join(dir, "01-derivatives.ts"), src);
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("grading a broken submission", () => {
  it("completes, charges each breakage to its own tests, and explains each in a sentence", async () => {
    writeBrokenSubmission();
    const run = await grade({ root, target: rel, filters: ["01-derivatives"] });
    const s = summarize(rel, run.records, run.durationMs);
    const byName = new Map(s.exercises.map((e) => [e.exercise, e]));
    const first = (name: string) => byName.get(name)?.firstFailure ?? "(missing)";

    expect(s.exercises).toHaveLength(10);
    expect(first("centralDifference")).toBe(
      "centralDifference did not return within 3 s (an infinite loop?).",
    );
    expect(first("sigmoidDerivative")).toBe("sigmoidDerivative(0) returned NaN, expected 0.25.");
    expect(first("numericalGradient")).toBe("numericalGradient(...) has 3 entries, expected 2.");
    expect(first("relativeError")).toMatch(
      /^relativeError changed its input a \(a\[0\] was 1, now 42\)/,
    );
    const written = fs.readFileSync(path.join(dir, "01-derivatives.ts"), "utf8").split("\n");
    const thrownAt = written.findIndex((l) => l.includes('RangeError("oops")')) + 1;
    expect(first("logisticLossAndGradient")).toBe(
      `logisticLossAndGradient threw RangeError: oops (at exercises/01-derivatives.ts:${thrownAt})`,
    );
    // Untouched: full points; the timed-out exercise is not called again in later tests.
    expect(byName.get("reverseModeGradient")).toMatchObject({ status: "passed" });
    expect(byName.get("derivativesQuiz")).toMatchObject({ status: "passed" });
    expect(
      run.records.filter((r) => r.exercise === "centralDifference").slice(1)[0].message,
    ).toMatch(/was not called again/);
    // The points are the passed tests' points, whatever the submission printed.
    const expected = run.records
      .filter((r) => r.status === "passed")
      .reduce((a, r) => a + r.maxPoints, 0);
    expect(s.points).toBe(expected);
    expect(s.points).toBeLessThan(s.maxPoints);
    expect(run.records.every((r) => r.maxPoints > 0)).toBe(true);
  }, 60_000);
});
