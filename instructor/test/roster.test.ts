/** The roster and the LMS exports: Canvas's gradebook import and a plain CSV. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { summarize } from "../../grader/runner/score";
import { readCsv } from "../csv";
import type { StudentResult } from "../batch/gradebook";
import { canvasCsv, lmsCsv, matchRoster, readRoster } from "../batch/roster";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-roster-"));
const file = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};

function result(student: string, points: number, late = false): StudentResult {
  const test = {
    file: "f",
    exercise: "e",
    name: "t",
    kind: "fixed" as const,
    visibility: "visible" as const,
    maxPoints: 10,
    status: points > 0 ? ("passed" as const) : ("failed" as const),
    message: "",
    durationMs: 0,
  };
  const summary = summarize("exercises", [{ ...test, maxPoints: points || 10 }]);
  return {
    student,
    inputHash: "",
    kitStamp: "",
    submittedAt: null,
    late,
    status: "graded",
    notes: [],
    summary,
  };
}

const ROSTER = `student,id,name,email,section
ada,1001,"Lovelace, Ada",ada@uni.edu,A
Bob-GH,1002,"Babbage, Charles",bob@uni.edu,B
cy,1003,"Cy, Young",cy@uni.edu,A
`;

describe("the roster", () => {
  it("reads students, with login defaulting to the email", () => {
    const r = readRoster(file("r.csv", ROSTER));
    expect(r.map((e) => e.student)).toEqual(["ada", "Bob-GH", "cy"]);
    expect(r[1]).toMatchObject({
      id: "1002",
      name: "Babbage, Charles",
      login: "bob@uni.edu",
      section: "B",
    });
  });

  it("names the line of a duplicate student or id, an empty field, a missing column", () => {
    expect(() => readRoster(file("d.csv", `${ROSTER}ada,1009,Again,a@x,A\n`))).toThrow(
      /d\.csv:5: ada is already on line 2/,
    );
    expect(() => readRoster(file("i.csv", `${ROSTER}dee,1001,Dee,d@x,A\n`))).toThrow(
      /i\.csv:5: id 1001 is already on line 2/,
    );
    expect(() => readRoster(file("e.csv", "student,id,name,email\neve,,Eve,e@x\n"))).toThrow(
      /e\.csv:2: the id column is empty/,
    );
    expect(() => readRoster(file("m.csv", "student,name,email\nada,Ada,a@x\n"))).toThrow(
      /m\.csv:1: the header lacks id/,
    );
  });

  it("matches folders case-insensitively; lists unknown folders and missing students", () => {
    const roster = readRoster(file("r2.csv", ROSTER));
    const m = matchRoster(roster, [result("ada", 8), result("bob-gh", 10, true), result("zed", 3)]);
    expect(m.unknown).toEqual(["zed"]);
    expect(m.missing).toEqual(["cy"]);
  });
});

describe("the exports", () => {
  const roster = readRoster(file("r3.csv", ROSTER));
  const m = matchRoster(roster, [result("ada", 8), result("bob-gh", 10, true)]);

  it("canvas.csv has Canvas's import columns, a Points Possible row and a score per student", () => {
    const { header, rows } = readCsv(
      file("canvas.csv", canvasCsv(m, "Optimization kit (123)", 20, [])),
    );
    // Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, assignments
    expect(header).toEqual([
      "student",
      "id",
      "sis user id",
      "sis login id",
      "section",
      "optimization kit (123)",
    ]);
    expect(rows.map((r) => r.fields)).toEqual([
      ["Points Possible", "", "", "", "", "20"],
      ["Lovelace, Ada", "", "1001", "ada@uni.edu", "A", "8"],
      ["Babbage, Charles", "", "1002", "bob@uni.edu", "B", "10"],
      ["Cy, Young", "", "1003", "cy@uni.edu", "A", ""],
    ]);
    // --missing zero: the instructor's choice of 0 for a student without a submission
    const zero = readCsv(file("canvas0.csv", canvasCsv(m, "k", 20, [], "zero")));
    expect(zero.rows.at(-1)?.fields).toEqual(["Cy, Young", "", "1003", "cy@uni.edu", "A", "0"]);
  });

  it("lms.csv has id, name, email, points, max, percent, late flag and status", () => {
    const { header, rows } = readCsv(file("lms.csv", lmsCsv(m, 20, [])));
    expect(header).toEqual([
      "student_id",
      "name",
      "email",
      "points",
      "max",
      "percent",
      "late",
      "status",
    ]);
    expect(rows.map((r) => r.fields)).toEqual([
      ["1001", "Lovelace, Ada", "ada@uni.edu", "8", "20", "40", "", "graded"],
      ["1002", "Babbage, Charles", "bob@uni.edu", "10", "20", "50", "late", "graded"],
      ["1003", "Cy, Young", "cy@uni.edu", "", "20", "", "", "no submission"],
    ]);
    const zero = readCsv(file("lms0.csv", lmsCsv(m, 20, [], "zero")));
    expect(zero.rows.at(-1)?.fields).toEqual([
      "1003",
      "Cy, Young",
      "cy@uni.edu",
      "0",
      "20",
      "0",
      "",
      "no submission",
    ]);
  });
});
