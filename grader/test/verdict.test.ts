/**
 * Grades that mean what they say, graded end to end from real submissions:
 *  - a file with a syntax error (a stray `}`) scores 0 on every exercise in it, and each of its
 *    tests names the file, line, column and the compiler's message;
 *  - a type error is graded anyway, and listed with its file and line in the reports, the
 *    gradebook and the feedback;
 *  - a call, or an import, that keeps writing lines of its own to the grader's channel is ended
 *    at its first such line (time limits hold whatever a submission writes);
 *  - `npm run grade -- --target <folder> --seed <seed>` grades a folder outside the course.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedbackMarkdown, gradebookCsv } from "../../instructor/batch/gradebook";
import { formatTable, gradescopeResults } from "../runner/reports";
import { grade, type RunResult } from "../runner/run";
import { summarize, type GradeSummary } from "../runner/score";

const root = process.cwd();
const rel = `build/grader-test/verdict-${process.pid}`;
const dir = path.join(root, rel);
const outside = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-outside-"));

/**
 * For `ms`, lines of the protocol's form but of a type it does not define, each long enough
 * (an array of 20,000 numbers) that reading one takes the grader longer than writing it.
 */
const flood = (ms: number) =>
  "{ const line = JSON.stringify({ t: 'progress', data: new Array(20000).fill(0) }) + '\\n'; " +
  `const t0 = Date.now(); while (Date.now() - t0 < ${ms}) fs.writeSync(3, line); }`;

function solution(name: string): string {
  return fs.readFileSync(path.join(root, "solutions", name), "utf8");
}

function swap(src: string, from: string, to: string): string {
  if (!src.includes(from)) throw new Error(`fixture: cannot find ${from}`);
  return src.replace(from, to);
}

/** The line of `src` that contains `text`, 1-based. */
function lineOf(src: string, text: string): number {
  return src.split("\n").findIndex((l) => l.includes(text)) + 1;
}

const TYPE_ERROR = 'export const typeErrorHere: number = "not a number";';
let derivatives = "";

function writeSubmissions(): void {
  fs.mkdirSync(dir, { recursive: true });
  // 03: a stray `}` after the update of newtonRoot; tsc: TS1128 where the file's last `}` is
  const newton = swap(
    solution("03-newton.ts"),
    "x = x - fx / slope;",
    "x = x - fx / slope;\n    }",
  );
  fs.writeFileSync(path.join(dir, "03-newton.ts"), newton);
  // 01: correct, with one type error, and a centralDifference that writes for 7 s (limit 3 s)
  derivatives = swap(
    solution("01-derivatives.ts"),
    "  return (f(x + h) - f(x - h)) / (2 * h);",
    `  ${flood(7000)}\n  return (f(x + h) - f(x - h)) / (2 * h);`,
  );
  derivatives = `import * as fs from "node:fs";\n${derivatives}\n${TYPE_ERROR}\n`;
  fs.writeFileSync(path.join(dir, "01-derivatives.ts"), derivatives);
  // 02: correct, but its import writes for 6 s (the import limit here is 3 s)
  const gd = `import * as fs from "node:fs";\n${flood(6000)}\n${solution("02-gradient-descent.ts")}`;
  fs.writeFileSync(path.join(dir, "02-gradient-descent.ts"), gd);
}

let run: RunResult;
let summary: GradeSummary;
const suites = ["grader/suites/01-", "grader/suites/02-", "grader/suites/03-"];

beforeAll(async () => {
  writeSubmissions();
  run = await grade({ root, target: rel, filters: suites, importLimitMs: 3000 });
  summary = summarize(rel, run.records, run.durationMs);
  summary.diagnostics = run.diagnostics;
}, 240_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

const inFile = (name: string) => summary.exercises.filter((e) => e.file.includes(name));

describe("the grader's verdict on a file", () => {
  it("gives a file that does not compile 0 on every exercise, naming file, line, column and message", () => {
    const newton = inFile("03-newton");
    expect(newton.length).toBeGreaterThan(3);
    expect(newton.every((e) => e.points === 0)).toBe(true);
    const sentence =
      `${rel}/03-newton.ts does not compile: line 35, column 1: error TS1128: ` +
      "Declaration or statement expected; every exercise in it scores 0 until it compiles.";
    const tests = run.records.filter((r) => r.file.includes("03-newton"));
    // (a case may name its input first: "p cos p from 0: <sentence>")
    expect(tests.filter((r) => !r.message.endsWith(sentence)).map((r) => r.message)).toEqual([]);
    expect(run.diagnostics.filter((d) => d.kind === "syntax")).toEqual([
      {
        file: `${rel}/03-newton.ts`,
        line: 35,
        column: 1,
        code: 1128,
        message: "Declaration or statement expected.",
        kind: "syntax",
      },
    ]);
  });

  it("grades a file with a type error, and lists the error with its file and line", () => {
    const line = lineOf(derivatives, TYPE_ERROR);
    const types = run.diagnostics.filter((d) => d.kind === "type");
    expect(types).toEqual([
      expect.objectContaining({ file: `${rel}/01-derivatives.ts`, line, code: 2322 }),
    ]);
    const graded = inFile("01-derivatives").filter((e) => e.exercise !== "centralDifference");
    expect(graded.length).toBeGreaterThan(3);
    expect(graded.every((e) => e.points === e.maxPoints)).toBe(true);
    const listed = `Type error (graded anyway): ${rel}/01-derivatives.ts:${line}:14 error TS2322`;
    expect(formatTable(summary)).toContain(listed);
    expect((gradescopeResults(summary) as { output: string }).output).toContain(listed);
    expect(formatTable(summary)).toContain(
      `Does not compile, every exercise in it scores 0: ${rel}/03-newton.ts:35:1 error TS1128`,
    );
  });

  it("marks both in the gradebook and the feedback", () => {
    const result = {
      student: "ada",
      inputHash: "",
      kitStamp: "",
      submittedAt: null,
      late: false,
      status: "graded" as const,
      notes: [],
      summary,
    };
    const csv = gradebookCsv([result], [], []).split("\n");
    const header = csv[0].split(",");
    const row = csv[1].split(",");
    expect(row[header.indexOf("syntax_errors")]).toBe("1");
    expect(row[header.indexOf("type_errors")]).toBe("1");
    const feedback = feedbackMarkdown(result, []);
    expect(feedback).toContain(`${rel}/01-derivatives.ts:${lineOf(derivatives, TYPE_ERROR)}:14`);
    expect(feedback).toContain(`${rel}/03-newton.ts:35:1 error TS1128`);
  });
});

describe("time limits, whatever a submission writes to the grader's channel", () => {
  it("ends a call at the first line outside the protocol (a 7 s call, limit 3 s)", () => {
    const cd = summary.exercises.find((e) => e.exercise === "centralDifference");
    // each call ends at once (before: the first call ran for 7 s and more, past its 3 s limit)
    const calls = run.records.filter((r) => r.exercise === "centralDifference");
    expect(Math.max(...calls.map((r) => r.durationMs))).toBeLessThan(3000);
    expect(cd?.points).toBe(0);
    expect(cd?.firstFailure).toMatch(
      /centralDifference failed: it wrote something .* not an answer/,
    );
  });

  it("ends an import that floods the channel (a correct file, 6 s of writing, limit 3 s)", () => {
    const gd = inFile("02-gradient-descent");
    expect(gd.length).toBeGreaterThan(3);
    expect(gd.every((e) => e.points === 0)).toBe(true);
    expect(gd[0].firstFailure).toMatch(/could not be loaded \(it wrote something .* not an answer/);
  });
});

describe("npm run grade -- --target <folder> --seed <seed>", () => {
  it("grades a submission folder outside the course, with the seed given", () => {
    fs.mkdirSync(path.join(outside, "exercises"));
    fs.writeFileSync(
      path.join(outside, "exercises", "01-derivatives.ts"),
      solution("01-derivatives.ts"),
    );
    const tsNode = path.join(root, "node_modules", "ts-node", "dist", "bin.js");
    const args = ["--target", outside, "--seed", "s3cr3t", "--json", "--public"];
    const out = path.join(outside, "reports");
    const r = spawnSync(
      process.execPath,
      [tsNode, "grader/runner/grade.ts", ...args, "--out", out, "01-"],
      { cwd: root, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" } },
    );
    expect(r.stderr).toBe("");
    const s = JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as GradeSummary;
    expect(s.target).toBe(path.join(outside, "exercises"));
    expect(s.run?.seed).toBe("s3cr3t");
    expect(s.maxPoints).toBeGreaterThan(20);
    expect(s.points).toBe(s.maxPoints);
  }, 180_000);
});
