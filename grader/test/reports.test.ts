/** The grader's own logic: scores from records, the report formats, arguments, self-checks. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { TestRecord } from "../runner/meta";
import { parseArgs } from "../runner/grade";
import { plainMessage } from "../runner/reporter";
import {
  classroomResult,
  formatTable,
  gradescopeResults,
  junitXml,
  markdownSummary,
  writeReports,
} from "../runner/reports";
import { summarize } from "../runner/score";
import { checkCaseKinds, checkRecords } from "../../instructor/verify/verify";

function rec(over: Partial<TestRecord>): TestRecord {
  return {
    file: "grader/suites/01-derivatives.grading.ts",
    exercise: "centralDifference",
    name: "fixed: a case",
    kind: "fixed",
    visibility: "visible",
    maxPoints: 1,
    status: "passed",
    message: "",
    durationMs: 2,
    ...over,
  };
}

const records: TestRecord[] = [
  rec({ name: "fixed: sin", maxPoints: 2 }),
  rec({
    name: "random: seeded",
    kind: "random",
    maxPoints: 1.5,
    status: "failed",
    message: "x is wrong.",
  }),
  rec({
    exercise: "adamStep",
    name: 'fixed: <first> & "step"',
    maxPoints: 3,
    status: "failed",
    message: "a | b < c",
  }),
  rec({
    exercise: "adamStep",
    name: "random: hidden one",
    kind: "random",
    visibility: "hidden",
    status: "not run",
    message: "did not run",
  }),
];

describe("summarize", () => {
  const s = summarize("exercises", records, 1234);
  it("adds the points of passed tests only, per exercise and in total", () => {
    expect(s.points).toBe(2);
    expect(s.maxPoints).toBe(7.5);
    expect(s.exercises.map((e) => [e.exercise, e.points, e.maxPoints, e.status])).toEqual([
      ["centralDifference", 2, 3.5, "partial"],
      ["adamStep", 0, 4, "failed"],
    ]);
  });
  it("keeps the first failure message of each exercise", () => {
    expect(s.exercises[0].firstFailure).toBe("x is wrong.");
    expect(s.exercises[1].firstFailure).toBe("a | b < c");
  });
  it("scores an empty run as 0 / 0", () => {
    expect(summarize("exercises", [])).toMatchObject({ points: 0, maxPoints: 0, exercises: [] });
  });
});

describe("report formats", () => {
  const s = summarize("exercises", records, 1234);
  it("Gradescope: score, and per test name, score, max_score, status, output, visibility", () => {
    const r = gradescopeResults(s) as { score: number; tests: Record<string, unknown>[] };
    expect(r.score).toBe(2);
    expect(r.tests).toHaveLength(4);
    expect(r.tests[1]).toMatchObject({
      name: "centralDifference > random: seeded",
      score: 0,
      max_score: 1.5,
      status: "failed",
      output: "x is wrong.",
      visibility: "visible",
    });
    // a hidden test carries points: Gradescope must hold it, and the total, until the due date
    expect(r.tests[3]).toMatchObject({ visibility: "after_due_date", status: "failed" });
  });
  it("JUnit: one testsuite per exercise, failures escaped", () => {
    const xml = junitXml(s);
    expect(xml).toContain('<testsuites name="optkit grading (exercises)" tests="4" failures="3"');
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toContain('name="fixed: &lt;first&gt; &amp; &quot;step&quot;"');
    expect(xml).toContain('<failure message="a | b &lt; c"/>');
  });
  it("GitHub Classroom: version 1, pass/fail and max_score", () => {
    const c = classroomResult(s) as {
      status: string;
      max_score: number;
      tests: { status: string }[];
    };
    expect(c).toMatchObject({ version: 1, status: "fail", max_score: 7.5 });
    expect(c.tests.map((t) => t.status)).toEqual(["pass", "fail", "fail", "fail"]);
  });
  it("Markdown: total, escaped table cells, and no messages of hidden tests", () => {
    const md = markdownSummary(s);
    expect(md).toContain("## Grading: 2 / 7.5 points");
    expect(md).toContain("| adamStep | 0 | 4 | failed | a \\| b < c |");
    expect(md).not.toContain("hidden one");
  });
  it("console table: a row per exercise and the total", () => {
    const t = formatTable(s);
    expect(t).toMatch(/centralDifference\s+2\s+3\.5\s+partial\s+x is wrong\./);
    expect(t).toContain("Total: 2 / 7.5 points (26.7%) for exercises/");
  });
  it("writes every report file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-reports-"));
    const files = writeReports(s, dir).map((f) => path.basename(f));
    expect(files).toEqual([
      "results.json",
      "junit.xml",
      "classroom.json",
      "classroom.b64",
      "summary.md",
    ]);
    const b64 = fs.readFileSync(path.join(dir, "classroom.b64"), "utf8");
    expect(JSON.parse(Buffer.from(b64, "base64").toString())).toEqual(classroomResult(s));
    fs.rmSync(dir, { recursive: true });
  });
});

describe("grade arguments and messages", () => {
  it("parses target, watch, filters and limits", () => {
    expect(parseArgs([])).toMatchObject({ target: "exercises", watch: false, filters: [] });
    expect(parseArgs(["--target", "solutions", "--watch", "03"])).toMatchObject({
      target: "solutions",
      watch: true,
      filters: ["03"],
    });
    expect(parseArgs(["--time-limit", "30"]).timeLimitMs).toBe(30_000);
  });
  it("rejects relative targets that leave the course, and unknown options", () => {
    expect(() => parseArgs(["--target", "../elsewhere"])).toThrow("--target");
    // a folder outside the course is named by its absolute path
    expect(parseArgs(["--target", "/abs/ada"]).target).toBe("/abs/ada");
    expect(() => parseArgs(["--target", "/abs/\nada"])).toThrow("--target");
    expect(() => parseArgs(["--bogus"])).toThrow(/Unknown option .--bogus/);
    expect(() => parseArgs(["--time-limit", "abc"])).toThrow(
      /--time-limit abc: expected a positive number/,
    );
  });
  it("turns vitest's time-out into one sentence", () => {
    expect(plainMessage("Test timed out in 10000ms.\nIf this is a long-running test...")).toBe(
      "The test did not finish within 10 s (an infinite loop?).",
    );
    expect(plainMessage("gdStep is not implemented yet.\n  at stack")).toBe(
      "gdStep is not implemented yet.",
    );
  });
});

describe("verify's checks", () => {
  it("flags tests without points, failing solutions and passing stubs", () => {
    expect(checkRecords([rec({ maxPoints: 0 })], "solutions", true)).toHaveLength(1);
    expect(checkRecords([rec({ status: "failed" })], "solutions", true)).toHaveLength(1);
    expect(checkRecords([rec({})], "stubs", false)).toHaveLength(1);
    expect(checkRecords([rec({ status: "failed" })], "stubs", false)).toEqual([]);
    expect(checkRecords([], "stubs", false)).toHaveLength(1);
  });
  it("requires a fixed and a random case per exercise", () => {
    expect(checkCaseKinds([rec({ kind: "fixed" }), rec({ kind: "edge" })])).toEqual([
      "centralDifference: has no seeded random case",
    ]);
    expect(checkCaseKinds([rec({ kind: "fixed" }), rec({ kind: "random" })])).toEqual([]);
  });
});
