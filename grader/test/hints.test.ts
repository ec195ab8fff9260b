/** Hints and conceptual questions: where the reports show them, and that every exercise has one. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { applyManifest, testsFromRecords } from "../runner/manifest";
import type { TestRecord } from "../runner/meta";
import { formatTable, gradescopeResults, markdownSummary } from "../runner/reports";
import { summarize } from "../runner/score";
import { checkCaseKinds } from "../../instructor/verify/verify";
import { feedbackMarkdown, type StudentResult } from "../../instructor/batch/gradebook";
import { HINTS } from "../harness/hints";
import { expectChoiceAnswer, expectNumericAnswer } from "../harness/questions";

function rec(over: Partial<TestRecord>): TestRecord {
  return {
    id: `grader/suites/04-momentum-adam.grading.ts::${over.exercise} > ${over.name}`,
    file: "grader/suites/04-momentum-adam.grading.ts",
    exercise: "adamStep",
    name: "fixed: a case",
    kind: "fixed",
    visibility: "visible",
    maxPoints: 1,
    status: "passed",
    message: "",
    durationMs: 1,
    ...over,
  };
}

const records: TestRecord[] = [
  rec({ exercise: "adamStep", name: "fixed: one", hint: "Correct both moments." }),
  rec({
    exercise: "sgdStep",
    name: "fixed: two",
    hint: "b_1 = g.",
    status: "failed",
    message: "p is wrong.",
  }),
  rec({
    exercise: "momentumQuiz",
    name: "question: rmspropEps",
    kind: "question",
    visibility: "after_due_date",
    status: "failed",
    message: 'rmspropEps: "a" is not the right answer.',
    hint: "Notebook 04.",
    explanation: "PyTorch adds eps after the root.",
  }),
];

describe("hints", () => {
  const s = summarize("exercises", records);
  it("an exercise's hint is kept only while it is not fully passed", () => {
    expect(s.exercises.map((e) => [e.exercise, e.hint])).toEqual([
      ["adamStep", ""],
      ["sgdStep", "b_1 = g."],
      ["momentumQuiz", "Notebook 04."],
    ]);
  });
  it("the console table and the Markdown summary list the hints of failed exercises", () => {
    const table = formatTable(s);
    expect(table).toContain("Hint for sgdStep: b_1 = g.");
    expect(table).not.toContain("Correct both moments.");
    expect(markdownSummary(s)).toContain("- Hint for sgdStep: b_1 = g.");
  });
  it("Gradescope shows the hint under a failed test and a question's explanation", () => {
    const tests = (gradescopeResults(s) as { tests: { output: string; visibility: string }[] })
      .tests;
    expect(tests[0].output).toBe("");
    expect(tests[1].output).toBe("p is wrong.\nHint: b_1 = g.");
    expect(tests[2].output).toContain("Explanation: PyTorch adds eps after the root.");
    expect(tests[2].visibility).toBe("after_due_date");
  });
  it("the manifest keeps hints and explanations (instructor grading scores from it)", () => {
    const out = applyManifest([], testsFromRecords(records), () => "never ran");
    expect(out.map((r) => [r.hint, r.explanation])).toEqual([
      ["Correct both moments.", undefined],
      ["b_1 = g.", undefined],
      ["Notebook 04.", "PyTorch adds eps after the root."],
    ]);
  });
  it("batch feedback shows the hint of a failed exercise and a question's explanation", () => {
    const r: StudentResult = {
      student: "ada",
      inputHash: "",
      kitStamp: "",
      submittedAt: null,
      late: false,
      status: "graded",
      notes: [],
      summary: s,
    };
    const md = feedbackMarkdown(r, [], { published: true });
    expect(md).toContain("- Hint: b_1 = g.");
    expect(md).not.toContain("Hint: Correct both moments.");
    expect(md).toContain(
      'question: rmspropEps: 0 / 1, failed. rmspropEps: "a" is not the right answer. PyTorch adds eps after the root.',
    );
  });
  it("every exported solution function has a hint", () => {
    const root = process.cwd();
    const names = fs
      .readdirSync(path.join(root, "solutions"))
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        [
          ...fs
            .readFileSync(path.join(root, "solutions", f), "utf8")
            .matchAll(/^export function (\w+)/gm),
        ].map((m) => m[1]),
      );
    expect(names.length).toBeGreaterThan(40);
    // the written answers (`...Written`) are graded by a person at the desk, not by tests
    const tested = names.filter((n) => !n.endsWith("Written"));
    expect(tested.length).toBe(names.length - 5);
    expect(tested.filter((n) => !HINTS[n])).toEqual([]);
    // release:check reads "root:" or "OPTKIT" in results.json as a leaked secret
    expect(Object.values(HINTS).filter((h) => /root:|OPTKIT/.test(h))).toEqual([]);
  });
});

describe("conceptual questions", () => {
  it("an exercise made only of questions needs no random case; a mixed one still does", () => {
    expect(checkCaseKinds(records.slice(2))).toEqual([]);
    expect(checkCaseKinds([...records.slice(2), rec({ exercise: "momentumQuiz" })])).toEqual([
      "momentumQuiz: has no seeded random case",
    ]);
  });
  it("answers are checked without printing the right one", () => {
    const sheet = { n: 3, c: "b", none: null, s: "x" };
    expect(() => expectNumericAnswer(sheet, "n", 3)).not.toThrow();
    expect(() => expectNumericAnswer(sheet, "n", 4)).toThrow(/^n: 3 is not the right answer\.$/);
    expect(() => expectNumericAnswer(sheet, "none", 4)).toThrow(/no answer yet/);
    // four significant digits are enough, three are not
    expect(() => expectNumericAnswer({ x: 0.1009 }, "x", 101 / 1001)).not.toThrow();
    expect(() => expectNumericAnswer({ x: 0.101 }, "x", 101 / 1001)).toThrow(/not the right/);
    expect(() => expectChoiceAnswer(sheet, "c", "b", "abc")).not.toThrow();
    expect(() => expectChoiceAnswer(sheet, "c", "ab", "abc")).toThrow(/^c: "b" is not the right/);
    expect(() => expectChoiceAnswer(sheet, "s", "a", "abc")).toThrow(/letters a, b, c/);
    expect(() => expectChoiceAnswer({ c: "ba" }, "c", "ab", "abc")).not.toThrow();
  });
});
