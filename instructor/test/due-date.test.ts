/**
 * What a student sees before and after the due date. Two submissions of notebook 01 (the
 * solution, and one with a wrong sigmoidDerivative that fails hidden tests too) are graded by
 * `grade:batch` with a due date ahead: their feedback and their Gradescope results.json must
 * name no hidden test, show no failure message or explanation of one and no total that holds
 * hidden points; only how many such tests there are and their points. Publishing is refused
 * until every due date has passed, and then writes everything. A student missing from the
 * LMS's times is never "on time"; progress lines say their points are raw. The runs after the
 * first reuse its kit and results (nothing is graded twice).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestRecord } from "../../grader/runner/meta";
import { gradescopeResults, writeReports } from "../../grader/runner/reports";
import { testPoints } from "../../grader/runner/score";
import { escapeHtml } from "../../lib/util/html";
import { gradeBatch, type BatchOptions } from "../batch/batch";
import type { StudentResult } from "../batch/gradebook";
import { withWritten } from "../batch/publish";
import { inKit } from "../files";
import { TEMPLATES } from "../release/release";

const root = process.cwd();
const dir = path.join(root, `build/instructor-test/due-date-${process.pid}`);
const out = path.join(dir, "gradebook");
const times = path.join(dir, "times.csv");
const DAY = 24 * 3600 * 1000;
const ahead = new Date(Date.now() + 30 * DAY);
const past = new Date("2000-01-01T00:00:00Z");
const lines: string[] = [];
const options: BatchOptions = {
  root,
  submissions: path.join(dir, "submissions"),
  out,
  only: ["01-derivatives"],
  due: ahead,
  submittedAt: times,
  timeLimitMs: 180_000, // generous: a busy machine must not turn into a time-limit failure
  callLimitMs: 1000,
  jobs: 2,
  log: (line) => lines.push(line),
};
const later = { ...options, frozenKit: true }; // the first run's kit and results

let students: Map<string, StudentResult>;
const student = (name: string) => students.get(name)!;
/** as the feedback shows the student: with the written answers' marks (none graded here) */
const marked = (name: string) => withWritten(out, student(name));
const feedback = (name: string, ext = "md") =>
  fs.readFileSync(path.join(out, "feedback", `${name}.${ext}`), "utf8");
const heldBack = (r: StudentResult) => r.summary.tests.filter((t) => t.visibility !== "visible");
const sum = (ts: TestRecord[], f: (t: TestRecord) => number) =>
  Math.round(ts.reduce((a, t) => a + f(t), 0) * 1e4) / 1e4;
const row = (name: string) =>
  fs
    .readFileSync(path.join(out, "gradebook.csv"), "utf8")
    .split("\n")
    .find((r) => r.startsWith(`${name},`))!;

beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  const solution = fs.readFileSync(path.join(root, "solutions/01-derivatives.ts"), "utf8");
  const body = "  const s = sigmoid(z);\n  return s * (1 - s);";
  expect(solution).toContain(body);
  const wrong = solution.replace(body, "  return 0.25 + 0 * z;");
  for (const [name, text] of [
    ["ada", solution],
    ["bob", wrong],
  ]) {
    const file = path.join(options.submissions, name, "exercises/01-derivatives.ts");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  // bob is missing from the LMS's export
  fs.writeFileSync(times, `student,submitted_at\nada,${new Date().toISOString()}\n`);
  const r = await gradeBatch(options);
  students = new Map(r.results.map((s) => [s.student, s]));
}, 150_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("before the due date", () => {
  it("feedback counts the hidden tests and questions, and names, shows or explains none", () => {
    const bob = student("bob");
    const held = heldBack(bob);
    // the case is real: hidden tests and questions, one hidden test failed with a message
    expect(held.some((t) => t.kind === "question" && t.explanation)).toBe(true);
    const failedHidden = held.filter((t) => t.status !== "passed" && t.kind !== "question");
    expect(failedHidden.length).toBeGreaterThan(0);
    for (const name of ["ada", "bob"]) {
      const md = feedback(name);
      const html = feedback(name, "html");
      const held = heldBack(marked(name));
      expect(held.some((t) => t.name.startsWith("written: "))).toBe(true);
      for (const t of held) {
        for (const secret of [t.name, t.explanation, t.message].filter(Boolean) as string[]) {
          expect(md).not.toContain(secret);
          expect(html).not.toContain(escapeHtml(secret));
        }
      }
      expect(md).toContain(
        `${held.length} more tests and questions, ${sum(held, (t) => t.maxPoints)} points in total`,
      );
      expect(md).not.toMatch(/Total:|hidden test/);
    }
    // the score shown is the visible tests' alone
    const shown = bob.summary.tests.filter((t) => t.visibility === "visible");
    expect(feedback("bob")).toContain(
      `Visible tests: ${sum(shown, testPoints)} / ${sum(shown, (t) => t.maxPoints)} points.`,
    );
    expect(sum(shown, testPoints)).not.toBe(bob.summary.points);
  });

  it("Gradescope's results.json holds back every hidden test, and so the total", () => {
    const bob = student("bob");
    writeReports(bob.summary, path.join(dir, "gradescope"));
    const r = JSON.parse(fs.readFileSync(path.join(dir, "gradescope/results.json"), "utf8")) as {
      output: string;
      tests: { name: string; visibility: string; max_score: number }[];
    };
    expect(r).toEqual(JSON.parse(JSON.stringify(gradescopeResults(bob.summary))));
    const held = heldBack(bob);
    const levels = new Map(r.tests.map((t) => [t.name, t.visibility]));
    for (const t of held) {
      // Gradescope's "hidden" would leave the total (hidden points included) on show
      expect(levels.get(`${t.exercise} > ${t.name}`)).toBe("after_due_date");
    }
    const visible = r.tests.filter((t) => t.visibility === "visible");
    expect(visible).toHaveLength(bob.summary.tests.length - held.length);
    const shown = bob.summary.tests.filter((t) => t.visibility === "visible");
    expect(r.output).toBe(
      `Visible tests: ${sum(shown, testPoints)} / ${sum(shown, (t) => t.maxPoints)} points. ` +
        `${held.length} more tests and questions, ${sum(held, (t) => t.maxPoints)} points in ` +
        "total, are graded now and shown, with your total, after the due date.",
    );
  });

  it("a student missing from --submitted-at is said at the start and is never on time", () => {
    const start = lines.findIndex((l) => l.startsWith("[1/2]"));
    const said = lines.findIndex((l) =>
      /no time in .*times\.csv: bob; .*lateness is unknown/.test(l),
    );
    expect(said).toBeGreaterThanOrEqual(0);
    expect(said).toBeLessThan(start);
    expect(row("bob")).toMatch(/,unknown,0,0,,none,/);
    expect(row("ada")).toMatch(/,,0,0,[^,]+,lms,/);
    expect(feedback("bob")).toMatch(/time of submission unknown/);
  });

  it("publishing is refused while a due date or an extension lies ahead", async () => {
    const before = feedback("bob");
    await expect(gradeBatch({ ...later, publish: true })).rejects.toThrow(
      /--publish: the due date .* has not passed/,
    );
    const ext = path.join(dir, "extensions.csv");
    fs.writeFileSync(ext, `student,due\nbob,${ahead.toISOString()}\n`);
    await expect(
      gradeBatch({ ...later, due: past, extensions: ext, publish: true }),
    ).rejects.toThrow(/--publish: an extension .* has not passed/);
    await expect(gradeBatch({ ...later, due: undefined, publish: true })).rejects.toThrow(
      /--publish needs --due/,
    );
    expect(feedback("bob")).toBe(before);
  });
});

describe("after the due date", () => {
  it("publishing writes every test, its message and explanation, and the total", async () => {
    lines.length = 0;
    const r = await gradeBatch({ ...later, due: past, publish: true, latePenalty: 10 });
    expect(r.feedback).toBe("published");
    expect(r.reused).toBe(2);
    const bob = marked("bob");
    const md = feedback("bob");
    for (const t of heldBack(bob)) {
      expect(md).toContain(t.name);
      if (t.explanation) expect(md).toContain(t.explanation);
      if (t.status !== "passed") expect(md).toContain(t.message);
    }
    expect(md).toContain(`Total: ${bob.summary.points} / ${bob.summary.maxPoints} points.`);
    // ada, submitted long after 2000 with 10 % a day, loses the whole total: said beside the raw
    const ada = student("ada").summary;
    expect(lines.join("\n")).toMatch(
      new RegExp(`ada: ${ada.points} / ${ada.maxPoints} raw points \\(0 after the late penalty\\)`),
    );
    expect(lines[0]).toMatch(/progress shows raw points, the gradebook's total is after late/);
    expect(row("ada")).toMatch(/^ada,.*,0,\d+,graded,late,/);
  });

  it("--publish-early publishes before the due date", async () => {
    const r = await gradeBatch({ ...later, publishEarly: true });
    expect(r.feedback).toBe("published");
    expect(feedback("bob")).toContain(heldBack(student("bob"))[0].name);
  });
});

describe("names and documents", () => {
  it("no hidden test's name carries an expected value", () => {
    const hidden = path.join(root, "grader/hidden");
    const names = fs
      .readdirSync(hidden)
      .flatMap((f) => [
        ...fs
          .readFileSync(path.join(hidden, f), "utf8")
          .matchAll(/c\.(?:fixed|random|edge)\(\s*"([^"]+)"/g),
      ])
      .map((m) => m[1]);
    expect(names.length).toBeGreaterThan(10);
    // decimals, exponents, vectors of numbers, "gives 0"
    const value = /\d\.\d|\de-?\d|\(\s*-?\d[^)]*,|\bgives?\s+(exactly\s+)?-?\d/;
    expect(names.filter((n) => value.test(n))).toEqual([]);
  });

  it("the Gradescope recipe names what the zip holds, the solutions and hidden tests among it", () => {
    const doc = fs.readFileSync(path.join(TEMPLATES, "GRADESCOPE.md"), "utf8");
    const folders = ["lib/", "exercises/", "solutions/", "grader/hidden/", "grader/suites/"];
    expect(folders.filter((d) => !inKit(`${d}x.ts`))).toEqual([]);
    expect(folders.filter((d) => !doc.includes(`\`${d}\``))).toEqual([]);
    expect(doc).not.toMatch(/never the\s+solutions/);
    expect(doc).toMatch(/why that is safe/);
  });
});
