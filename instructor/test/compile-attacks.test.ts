/**
 * grade:batch, for the record, on submissions the student's own tools refuse or that write to
 * the grader's channel (./compile-attacks.ts): a syntax error scores 0 and the feedback says
 * where, a type error is graded and counted, a flooding import scores 0 and a flooding call
 * loses its exercise, each within its time limit.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../csv";
import { gradeBatch, type BatchResult } from "../batch/batch";
import { compileAttackSources, TYPE_ERROR, writeCompileAttacks } from "./compile-attacks";

const root = process.cwd();
const dir = path.join(root, `build/instructor-test/compile-attacks-${process.pid}`);
const out = path.join(dir, "gradebook");
let result: BatchResult;

beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  writeCompileAttacks(path.join(dir, "submissions"), root);
  result = await gradeBatch({
    root,
    submissions: path.join(dir, "submissions"),
    out,
    only: ["01-derivatives"],
    timeLimitMs: 180_000,
    importLimitMs: 3000,
    jobs: 2,
    log: () => undefined,
  });
}, 300_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const lineOf = (src: string, text: string) =>
  src.split("\n").findIndex((l) => l.includes(text)) + 1;
const by = (student: string) => result.results.find((r) => r.student === student)!;
const feedback = (student: string) =>
  fs.readFileSync(path.join(out, "feedback", `${student}.md`), "utf8");

function gradebookRow(student: string): Record<string, string> {
  const file = path.join(out, "gradebook.csv");
  const { header, rows } = readCsv(file);
  const row = rows.find((r) => r.fields[0] === student)!.fields;
  return Object.fromEntries(header.map((h, i) => [h, row[i]]));
}

describe("grade:batch on files the student's tools refuse", () => {
  it("gives a file with a syntax error 0, and says where in the feedback and the gradebook", () => {
    const src = compileAttackSources(root).syntax;
    const stray = lineOf(src, "return (f(x + h) - f(x - h)) / (2 * h);") + 2;
    expect(by("syntax").summary.maxPoints).toBeGreaterThan(40);
    expect(by("syntax").summary.points).toBe(0);
    expect(gradebookRow("syntax")).toMatchObject({ total: "0", syntax_errors: "1" });
    expect(feedback("syntax")).toContain(
      `exercises/01-derivatives.ts does not compile: line ${stray}, column 1: error TS1128`,
    );
  });

  it("grades a file with a type error, and lists and counts the error", () => {
    const line = lineOf(compileAttackSources(root).typed, TYPE_ERROR);
    const typed = by("typed").summary;
    expect(typed.points).toBe(typed.maxPoints);
    expect(gradebookRow("typed")).toMatchObject({ syntax_errors: "0", type_errors: "1" });
    expect(feedback("typed")).toContain(
      `Type error (graded anyway): exercises/01-derivatives.ts:${line}:14 error TS2322`,
    );
  });
});

describe("grade:batch on submissions that write to the grader's channel", () => {
  it("gives 0 to a correct file whose import floods the channel (30 s, limit 3 s)", () => {
    const s = by("flood-import").summary;
    expect(s.points).toBe(0);
    expect(s.exercises[0].firstFailure).toMatch(/could not be loaded \(it wrote something/);
    expect(Math.max(...s.tests.map((t) => t.durationMs))).toBeLessThan(3000);
  });

  it("ends a flooding call at once: that exercise scores 0, the others keep theirs", () => {
    const s = by("flood-call").summary;
    const cd = s.tests.filter((t) => t.exercise === "centralDifference");
    expect(Math.max(...cd.map((t) => t.durationMs))).toBeLessThan(3000);
    expect(s.exercises.find((e) => e.exercise === "centralDifference")?.points).toBe(0);
    const others = s.exercises.filter((e) => e.exercise !== "centralDifference");
    expect(others.every((e) => e.points === e.maxPoints)).toBe(true);
  });
});
