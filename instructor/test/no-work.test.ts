/**
 * Grades that mean what they say, through grade:batch: submissions that implement nothing
 * (instructor/test/no-work.ts) score 0 on every notebook, however they try; the course library
 * answers no exercise; a bug upstream is named where it costs points again; a runtime error's
 * feedback names the line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeBatch, type BatchResult } from "../batch/batch";
import type { StudentResult } from "../batch/gradebook";
import { NO_WORK_STUDENTS, writeNoWork, writePolicyStudents } from "./no-work";

const root = process.cwd();
const dir = path.join(root, `build/instructor-test/no-work-${process.pid}`);
let result: BatchResult;
let crashLine = 0;

beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  const subs = path.join(dir, "submissions");
  writeNoWork(root, subs);
  ({ crashLine } = writePolicyStudents(root, subs));
  result = await gradeBatch({
    root,
    submissions: subs,
    out: path.join(dir, "gradebook"),
    timeLimitMs: 240_000,
    callLimitMs: 2000,
    jobs: 2,
    log: () => undefined,
  });
}, 600_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function student(name: string): StudentResult {
  const s = result.results.find((r) => r.student === name);
  if (!s) throw new Error(`no result for ${name}`);
  return s;
}

/** The exercises where `name` earned points, with the points. */
function earned(name: string): Record<string, number> {
  const s = student(name);
  return Object.fromEntries(
    s.summary.exercises.filter((e) => e.points > 0).map((e) => [e.exercise, e.points]),
  );
}

function exerciseOf(name: string, exercise: string) {
  const e = student(name).summary.exercises.find((x) => x.exercise === exercise);
  if (!e) throw new Error(`${name} has no result for ${exercise}`);
  return e;
}

describe("no points for no work (grade:batch, every notebook, hidden tests included)", () => {
  it.each(NO_WORK_STUDENTS)("%s scores 0 on every exercise", (name) => {
    expect(student(name).status).toBe("graded");
    expect(student(name).summary.maxPoints).toBeGreaterThan(300);
    expect(earned(name)).toEqual({});
  });
});

describe("points for honest work only", () => {
  it("refuses an exercise answered by the course library, and says why", () => {
    const e = exerciseOf("library", "linearDecay");
    expect(e.points).toBe(0);
    expect(e.firstFailure).toMatch(/linearDecayLR/);
    expect(e.firstFailure).toMatch(/library/);
  });

  it("names the failing adamStep in the feedback of adamwStep, which calls it", () => {
    const adam = exerciseOf("upstream", "adamStep");
    const adamw = exerciseOf("upstream", "adamwStep");
    expect(adam.points).toBeLessThan(adam.maxPoints);
    expect(adam.firstFailure).not.toMatch(/calls your/);
    expect(adamw.firstFailure).toMatch(
      /adamwStep calls your adamStep, which fails tests of its own/,
    );
  });

  it("shows a runtime error with the student's file and line", () => {
    const e = exerciseOf("crash", "relativeError");
    expect(e.points).toBeLessThan(e.maxPoints);
    expect(e.firstFailure).toContain(`exercises/01-derivatives.ts:${crashLine}`);
  });
});
