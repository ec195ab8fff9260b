/**
 * Batch grading of five synthetic submissions of notebook 01 (suites 01 and hidden/01) in
 * pristine workspaces: correct, partly correct, an infinite loop, a module that throws, and a
 * tampering one that gains nothing from edited tests, config, printed or forged points.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeBatch, type BatchResult } from "../batch/batch";
import type { StudentResult } from "../batch/gradebook";
import { writeSubmissions } from "./submissions";

const root = process.cwd();
const dir = path.join(root, `build/instructor-test/batch-${process.pid}`);
const subs = path.join(dir, "submissions");
const out = path.join(dir, "gradebook");
const options = {
  root,
  submissions: subs,
  out,
  only: ["01-derivatives"],
  timeLimitMs: 180_000, // generous: a busy machine must not turn into a time-limit failure
  callLimitMs: 1000,
  jobs: 2,
  log: () => undefined,
};

let first: BatchResult;
const byName = (r: BatchResult) => new Map(r.results.map((s) => [s.student, s]));
let students: Map<string, StudentResult>;

beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  writeSubmissions(subs);
  first = await gradeBatch(options);
  students = byName(first);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Points per exercise of one student. */
function points(student: string): Record<string, number> {
  const s = students.get(student);
  if (!s) throw new Error(`no result for ${student}`);
  return Object.fromEntries(s.summary.exercises.map((e) => [e.exercise, e.points]));
}

describe("grade:batch", () => {
  it("grades every submission, public and hidden tests, against the manifest's points", () => {
    expect([...students.keys()]).toEqual(["ada", "bob", "cy", "dee", "eve"]);
    const ada = students.get("ada")!;
    expect(ada.status).toBe("graded");
    const failures = ada.summary.exercises.map((e) => e.firstFailure).filter(Boolean);
    expect({ points: ada.summary.points, failures }).toEqual({
      points: ada.summary.maxPoints,
      failures: [],
    });
    expect(ada.summary.maxPoints).toBeGreaterThan(40);
    const hidden = ada.summary.tests.filter((t) => t.file.startsWith("grader/hidden/"));
    expect(hidden.length).toBeGreaterThanOrEqual(4);
    expect(hidden.every((t) => t.visibility !== "visible" && t.status === "passed")).toBe(true);
  });

  it("gives partial credit to a partly correct submission", () => {
    const bob = points("bob");
    const ada = points("ada");
    expect(bob.sigmoidDerivative).toBe(1); // only sigma'(0) = 1/4 holds for a constant 1/4
    // logisticHessian calls the student's sigmoidDerivative: the same bug may cost it too
    const others = (p: Record<string, number>) => ({
      ...p,
      sigmoidDerivative: 0,
      logisticHessian: 0,
    });
    expect(others(bob)).toEqual(others(ada));
  });

  it("an infinite loop costs only that exercise's tests", () => {
    const cy = students.get("cy")!;
    expect(points("cy").centralDifference).toBe(0);
    expect(cy.summary.points).toBe(
      students.get("ada")!.summary.points - points("ada").centralDifference,
    );
    const msg = cy.summary.exercises.find((e) => e.exercise === "centralDifference")!.firstFailure;
    expect(msg).toMatch(/did not return within 1 s/);
  });

  it("a module that throws on import scores 0 with a plain sentence", () => {
    const dee = students.get("dee")!;
    expect(dee.summary.points).toBe(0);
    expect(dee.summary.tests.length).toBe(students.get("ada")!.summary.tests.length);
    expect(dee.summary.exercises[0].firstFailure).toMatch(/could not be loaded \(boom\)/);
  });

  it("a tampering submission gains nothing: only its one solved exercise counts", () => {
    const eve = students.get("eve")!;
    const ada = points("ada");
    expect(eve.summary.points).toBe(ada.centralDifference);
    expect(eve.summary.maxPoints).toBe(students.get("ada")!.summary.maxPoints);
    expect(eve.summary.tests.every((t) => t.maxPoints < 10)).toBe(true);
    expect(eve.notes.join(" ")).toMatch(/01-derivatives\.grading\.ts, vitest\.grading\.config\.ts/);
    // its forged records file could not even be written: the sandbox allows no writes
    expect(eve.notes.join(" ")).not.toMatch(/not written by the grader/);
    expect(eve.notes.join(" ")).toMatch(/Sandbox: process, permissions, limits/);
  });

  it("writes the gradebook and feedback; before publishing, no hidden test is named", () => {
    const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toMatch(/^student,centralDifference,.*,total,max,status,late,.*submitted_at/);
    expect(csv).toHaveLength(6);
    expect(csv[1]).toMatch(/^ada,/);
    const cy = fs.readFileSync(path.join(out, "feedback/cy.md"), "utf8");
    expect(cy).not.toMatch(/hidden test|error term/);
    expect(cy).toMatch(/Not shown before the due date: \d+ more tests and questions/);
    expect(fs.readFileSync(path.join(out, "feedback/cy.html"), "utf8")).toMatch(/<h2>/);
  });

  it("re-running is idempotent; overrides and a due date are applied, never overwritten", async () => {
    const gradebook = path.join(out, "gradebook.csv");
    const before = fs.readFileSync(gradebook, "utf8");
    const overrides = path.join(out, "overrides.csv");
    const line = 'bob,sigmoidDerivative,5,"regraded by hand, see email"\n';
    fs.appendFileSync(overrides, line);
    const frozen = { ...options, frozenKit: true }; // the course may change meanwhile
    const again = await gradeBatch({ ...frozen, due: new Date("2000-01-01T00:00:00Z") });
    expect(again.reused).toBe(5);
    expect(fs.readFileSync(overrides, "utf8")).toMatch(line);
    const rows = fs.readFileSync(gradebook, "utf8").split("\n");
    const bob = rows.find((r) => r.startsWith("bob,"))!;
    expect(bob).toContain(`,${first.results[1].summary.points - 1 + 5},`);
    expect(bob).toMatch(/,late,/);
    expect(fs.readFileSync(path.join(out, "feedback/bob.md"), "utf8")).toMatch(/regraded by hand/);
    fs.writeFileSync(overrides, fs.readFileSync(overrides, "utf8").replace(line, ""));
    await gradeBatch(frozen);
    expect(fs.readFileSync(gradebook, "utf8")).toBe(before);
  });

  it("the LMS's times decide lateness; a submission's own dates are only self-reported", async () => {
    const gradebook = path.join(out, "gradebook.csv");
    const rows = () => fs.readFileSync(gradebook, "utf8").split("\n");
    const row = (who: string) => rows().find((r) => r.startsWith(`${who},`))!;
    const due = new Date("2026-12-01T23:59:00Z");
    await gradeBatch({ ...options, frozenKit: true, due });
    expect(row("ada")).toMatch(/,self-reported,/);
    const times = path.join(dir, "times.csv");
    fs.writeFileSync(
      times,
      "student,submitted_at\nada,2026-12-03T10:00:00Z\nbob,2026-12-01T12:00:00Z\n",
    );
    const r = await gradeBatch({
      ...options,
      frozenKit: true,
      due,
      submittedAt: times,
      latePenalty: 10,
    });
    expect(r.reused).toBe(5); // nothing re-graded: only the times changed
    expect(row("ada")).toMatch(/,late,2,20,2026-12-03T10:00:00.000Z,lms,/);
    expect(row("bob")).toMatch(/,,0,0,2026-12-01T12:00:00.000Z,lms,/);
    expect(row("cy")).toMatch(/,unknown,0,0,,none,/); // not in the LMS's export: no time
    const ada = students.get("ada")!.summary.points;
    expect(row("ada")).toContain(`,${Math.round(ada * 0.8 * 1e4) / 1e4},`);
  });

  it("with a roster, writes canvas.csv and lms.csv and names unknown folders and missing students", async () => {
    const roster = path.join(dir, "roster.csv");
    fs.writeFileSync(
      roster,
      "student,id,name,email\nADA,1,Ada,ada@x\nbob,2,Bob,bob@x\ncy,3,Cy,cy@x\ndee,4,Dee,dee@x\nzoe,5,Zoe,zoe@x\n",
    );
    const r = await gradeBatch({ ...options, frozenKit: true, roster });
    expect(r.unknown).toEqual(["eve"]);
    expect(r.missing).toEqual(["zoe"]);
    const canvas = fs.readFileSync(path.join(out, "canvas.csv"), "utf8").split("\n");
    expect(canvas[0]).toBe("Student,ID,SIS User ID,SIS Login ID,Section,optkit");
    expect(canvas[2]).toBe(`Ada,,1,ada@x,,${students.get("ada")!.summary.points}`);
    expect(fs.readFileSync(path.join(out, "lms.csv"), "utf8")).toMatch(
      /\n5,Zoe,zoe@x,,\d+,,,no submission\n/, // blank: not graded yet (--missing zero gives 0)
    );
  });
});
