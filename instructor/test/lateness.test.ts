/** Lateness: the LMS's times and extensions read from CSV, days late and the penalty they cost. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { finalScore, type StudentResult } from "../batch/gradebook";
import { lateness, readDatesCsv } from "../batch/lateness";
import { summarize } from "../../grader/runner/score";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-lateness-"));
function csv(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

describe("the LMS's times", () => {
  it("reads student,submitted_at with quotes and CRLF", () => {
    const f = csv(
      "ok.csv",
      'student,submitted_at\r\n"ada",2026-12-01T10:00:00Z\r\nbob,2026-12-03T00:00:00+01:00\r\n',
    );
    const m = readDatesCsv(f, "submitted_at");
    expect(m.get("ada")?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(m.get("bob")?.toISOString()).toBe("2026-12-02T23:00:00.000Z");
  });

  it("names the line of a bad date, a wrong header, a duplicate, a missing file", () => {
    expect(() => readDatesCsv(csv("h.csv", "name,time\n"), "submitted_at")).toThrow(
      /h\.csv:1: expected the header "student,submitted_at"/,
    );
    expect(() => readDatesCsv(csv("d.csv", "student,due\nada,tomorrow\n"), "due")).toThrow(
      /d\.csv:2: expected student,due \(an ISO date\), got "ada,tomorrow"/,
    );
    expect(() =>
      readDatesCsv(csv("dup.csv", "student,due\nada,2026-01-01\nada,2026-01-02\n"), "due"),
    ).toThrow(/dup\.csv:3: ada appears twice/);
    expect(() => readDatesCsv(path.join(dir, "none.csv"), "due")).toThrow(/none\.csv: cannot read/);
  });
});

describe("late penalties", () => {
  const due = new Date("2026-12-01T23:59:00Z");
  const policy = { due, penaltyPerDay: 10, penaltyCap: 25 };
  it("counts started days and caps the penalty", () => {
    expect(lateness("ada", new Date("2026-12-01T23:00:00Z"), policy)).toEqual({
      late: false,
      daysLate: 0,
      penalty: 0,
    });
    expect(lateness("ada", new Date("2026-12-02T00:00:00Z"), policy)).toEqual({
      late: true,
      daysLate: 1,
      penalty: 10,
    });
    expect(lateness("ada", new Date("2026-12-03T12:00:00Z"), policy)).toEqual({
      late: true,
      daysLate: 2,
      penalty: 20,
    });
    expect(lateness("ada", new Date("2026-12-09T00:00:00Z"), policy).penalty).toBe(25);
    expect(lateness("ada", null, policy).late).toBe(false);
  });

  it("an extension moves one student's due date only", () => {
    const extensions = new Map([["bob", new Date("2026-12-05T00:00:00Z")]]);
    const at = new Date("2026-12-03T00:00:00Z");
    expect(lateness("bob", at, { ...policy, extensions }).late).toBe(false);
    expect(lateness("ada", at, { ...policy, extensions }).late).toBe(true);
  });

  it("takes the penalty off the total; an override of the total still wins", () => {
    const tests = [
      {
        file: "f",
        exercise: "e",
        name: "t",
        kind: "fixed" as const,
        visibility: "visible" as const,
        maxPoints: 8,
        status: "passed" as const,
        message: "",
        durationMs: 0,
      },
    ];
    const r: StudentResult = {
      student: "ada",
      inputHash: "",
      kitStamp: "",
      submittedAt: null,
      late: true,
      daysLate: 1,
      penalty: 25,
      status: "graded",
      notes: [],
      summary: summarize("exercises", tests),
    };
    expect(finalScore(r, []).total).toBe(6);
    expect(
      finalScore(r, [{ student: "ada", exercise: "total", points: 8, reason: "waived" }]).total,
    ).toBe(8);
  });
});
