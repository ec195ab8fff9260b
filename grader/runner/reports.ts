/**
 * Report formats for a grading summary: the console table, Gradescope's results.json, JUnit XML,
 * GitHub Classroom's autograding result and a Markdown summary (for $GITHUB_STEP_SUMMARY).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { escapeHtml } from "../../lib/util/html";
import { diagnosticLines } from "../harness/verdict";
import type { TestRecord } from "./meta";
import { testPoints, type GradeSummary } from "./score";

/** The name a test has in every report: "<exercise> > <case>". */
export function testName(t: TestRecord): string {
  return `${t.exercise} > ${t.name}`;
}

function clip(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, width - 1)}…`;
}

/** "Hint for <exercise>: ..." for every exercise not fully passed that has a hint. */
export function hintLines(s: GradeSummary): string[] {
  return s.exercises.filter((e) => e.hint).map((e) => `Hint for ${e.exercise}: ${e.hint}`);
}

/** What Gradescope shows under a test: its failure message, then the exercise's hint when the
 * test failed, then a question's explanation (the test itself shows after the due date). */
export function testOutput(t: TestRecord): string {
  const failed = t.status !== "passed";
  return [
    t.message,
    failed && t.hint ? `Hint: ${t.hint}` : "",
    t.explanation ? `Explanation: ${t.explanation}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

/** The console table: one row per exercise, then the total, then the hints of failed ones. */
export function formatTable(s: GradeSummary, messageWidth = 72): string {
  const rows = s.exercises.map((e) => [
    e.exercise,
    String(e.points),
    String(e.maxPoints),
    e.status,
    clip(e.firstFailure, messageWidth),
  ]);
  const header = ["Exercise", "Points", "Max", "Status", "First failure"];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === 1 || c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const pct = s.maxPoints > 0 ? ((100 * s.points) / s.maxPoints).toFixed(1) : "0.0";
  const hints = hintLines(s);
  const compiler = diagnosticLines(s.diagnostics ?? []);
  return [
    line(header),
    rule,
    ...rows.map(line),
    rule,
    `Total: ${s.points} / ${s.maxPoints} points (${pct}%) for ${s.target}/`,
    ...(compiler.length > 0 ? ["", ...compiler] : []),
    ...(hints.length > 0 ? ["", ...hints] : []),
  ].join("\n");
}

/**
 * A test's level in Gradescope's results.json. Gradescope's specification
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/, "Controlling test case
 * visibility") shows students their total score only while no test is held back, and does not
 * count `hidden` tests as held back: they are meant to carry no points. The kit's hidden tests
 * carry points, so they are written `after_due_date`: name, result and output appear after the
 * due date, and until then so does the total, which would give their results away.
 */
export function gradescopeVisibility(v: TestRecord["visibility"]): TestRecord["visibility"] {
  return v === "hidden" ? "after_due_date" : v;
}

/** Gradescope's results.json (https://gradescope-autograders.readthedocs.io, "Output format"). */
export function gradescopeResults(s: GradeSummary): object {
  const sum = (ts: TestRecord[], f: (t: TestRecord) => number) =>
    Math.round(ts.reduce((a, t) => a + f(t), 0) * 1e4) / 1e4;
  const shown = s.tests.filter((t) => gradescopeVisibility(t.visibility) === "visible");
  const held = s.tests.filter((t) => !shown.includes(t));
  const max = (t: TestRecord) => t.maxPoints;
  // the submission-wide output is shown at once: it may count only what the visible tests give
  const output =
    held.length === 0
      ? `${s.points} / ${s.maxPoints} points.`
      : `Visible tests: ${sum(shown, testPoints)} / ${sum(shown, max)} points. ` +
        `${held.length} more tests and questions, ${sum(held, max)} points in total, are ` +
        "graded now and shown, with your total, after the due date.";
  return {
    score: s.points,
    execution_time: Math.round(s.durationMs / 1000),
    // the compiler's errors are the student's own file's: no secret, shown at once
    output: [output, ...diagnosticLines(s.diagnostics ?? [])].join("\n"),
    visibility: "visible",
    stdout_visibility: "hidden",
    tests: s.tests.map((t, i) => ({
      name: testName(t),
      number: String(i + 1),
      score: testPoints(t),
      max_score: t.maxPoints,
      status: t.status === "passed" ? "passed" : "failed",
      output: testOutput(t),
      visibility: gradescopeVisibility(t.visibility),
      tags: [t.exercise, t.kind],
    })),
    // for the instructor only (Gradescope shows students none of it)
    ...(s.run ? { extra_data: { sandbox: s.run.layers, seed: s.run.seed } } : {}),
  };
}

/** XML text: HTML's escapes, and no control characters (XML 1.0 has no way to write them). */
function xmlEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ""));
}

/** JUnit XML: one <testsuite> per exercise, points as test properties. */
export function junitXml(s: GradeSummary): string {
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const failures = s.tests.filter((t) => t.status !== "passed").length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="optkit grading (${xmlEscape(s.target)})" tests="${s.tests.length}" ` +
      `failures="${failures}" time="${secs(s.durationMs)}">`,
  ];
  for (const e of s.exercises) {
    const tests = s.tests.filter((t) => t.exercise === e.exercise);
    const time = tests.reduce((sum, t) => sum + t.durationMs, 0);
    out.push(
      `  <testsuite name="${xmlEscape(e.exercise)}" tests="${tests.length}" ` +
        `failures="${tests.length - e.passed}" time="${secs(time)}">`,
    );
    for (const t of tests) {
      out.push(
        `    <testcase classname="${xmlEscape(e.exercise)}" name="${xmlEscape(t.name)}" ` +
          `file="${xmlEscape(t.file)}" time="${secs(t.durationMs)}">`,
        `      <properties><property name="points" value="${testPoints(t)}"/>` +
          `<property name="max_points" value="${t.maxPoints}"/></properties>`,
      );
      if (t.status !== "passed") {
        out.push(`      <failure message="${xmlEscape(t.message)}"/>`);
      }
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return out.join("\n") + "\n";
}

/**
 * GitHub Classroom's autograding result (the JSON that classroom-resources'
 * autograding-grading-reporter reads, base64-encoded, from a runner's `result` output).
 */
export function classroomResult(s: GradeSummary): object {
  return {
    version: 1,
    status: s.points === s.maxPoints ? "pass" : "fail",
    max_score: s.maxPoints,
    tests: s.tests.map((t) => ({
      name: testName(t),
      status: t.status === "passed" ? "pass" : "fail",
      score: testPoints(t),
      max_score: t.maxPoints,
      message: t.message,
      filename: t.file,
      duration: Math.round(t.durationMs),
    })),
  };
}

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A Markdown summary: the total, a table per exercise and the failing tests. */
export function markdownSummary(s: GradeSummary): string {
  const lines = [
    `## Grading: ${s.points} / ${s.maxPoints} points`,
    "",
    `Graded \`${s.target}/\` in ${(s.durationMs / 1000).toFixed(1)} s.`,
    "",
    "| Exercise | Points | Max | Status | First failure |",
    "|---|---:|---:|---|---|",
    ...s.exercises.map(
      (e) =>
        `| ${e.exercise} | ${e.points} | ${e.maxPoints} | ${e.status} | ${mdCell(e.firstFailure)} |`,
    ),
  ];
  const compiler = diagnosticLines(s.diagnostics ?? []);
  if (compiler.length > 0) lines.push("", ...compiler.map((c) => `- ${mdCell(c)}`));
  const failing = s.tests.filter((t) => t.status !== "passed" && t.visibility === "visible");
  if (failing.length > 0) {
    lines.push("", "<details><summary>Failing tests</summary>", "");
    for (const t of failing) lines.push(`- **${mdCell(testName(t))}**: ${mdCell(t.message)}`);
    lines.push("", "</details>");
  }
  const hints = hintLines(s);
  if (hints.length > 0) lines.push("", ...hints.map((h) => `- ${mdCell(h)}`));
  return lines.join("\n") + "\n";
}

/** Write every report under `dir`; returns the paths written. */
export function writeReports(s: GradeSummary, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const classroom = JSON.stringify(classroomResult(s));
  const files: [string, string][] = [
    ["results.json", JSON.stringify(gradescopeResults(s), null, 2) + "\n"],
    ["junit.xml", junitXml(s)],
    ["classroom.json", JSON.stringify(classroomResult(s), null, 2) + "\n"],
    ["classroom.b64", Buffer.from(classroom).toString("base64") + "\n"],
    ["summary.md", markdownSummary(s)],
  ];
  return files.map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
}
