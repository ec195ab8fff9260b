/**
 * The desk's storage: written answers read from the files' text, rubric and mark writes that
 * refuse a stale base version (no last write wins), anonymous ids, and the marks merged into a
 * student's feedback records.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { summarize } from "../../grader/runner/score";
import type { StudentResult } from "../batch/gradebook";
import { publish } from "../batch/publish";
import { startDesk } from "../desk/desk";
import { collectWritten, readRegrades, writtenRecords } from "../desk/merge";
import {
  anonId,
  Conflict,
  gradebookSalt,
  markPoints,
  readMarks,
  saveMark,
  saveRubric,
} from "../desk/store";
import { courseQuestions, writtenAnswers } from "../desk/written";

const root = path.resolve(__dirname, "../..");
let g: string;
let sub: string;

beforeEach(() => {
  g = fs.mkdtempSync(path.join(os.tmpdir(), "desk-"));
  sub = path.join(g, "ada-02-gradient-descent.ts");
  fs.writeFileSync(
    sub,
    'export function gradientDescentWritten() {\n  return { whyDivergesAboveTwoOverL: "The factor " +\n' +
      '    "1 - eta L drops below -1." };\n}\nexport function evil() { throw new Error("never run"); }\n',
  );
  collectWritten(
    root,
    ["02"],
    [{ student: "ada", exercises: new Map([["02-gradient-descent.ts", sub]]) }],
    g,
  );
});
afterEach(() => fs.rmSync(g, { recursive: true, force: true }));

const Q = "gradientDescentWritten.whyDivergesAboveTwoOverL";

describe("written answers", () => {
  it("are read from the file's text, a wrapped string joined, and the file is not run", () => {
    expect(writtenAnswers(sub).get(Q)).toBe("The factor 1 - eta L drops below -1.");
    const answers = JSON.parse(fs.readFileSync(path.join(g, "written/answers.json"), "utf8"));
    expect(answers).toEqual({ ada: { [Q]: "The factor 1 - eta L drops below -1." } });
  });

  it("one question per notebook, with points and the solution's reference", () => {
    const qs = courseQuestions(root);
    expect(qs.map((q) => q.file)).toEqual([
      "01-derivatives.ts",
      "02-gradient-descent.ts",
      "03-newton.ts",
      "04-momentum-adam.ts",
      "05-sgd-mnist.ts",
    ]);
    for (const q of qs) {
      expect(q.points).toBe(2);
      expect(q.reference.length).toBeGreaterThan(40);
      expect(q.text).toMatch(/^Why /);
    }
  });
});

describe("the desk's storage", () => {
  it("anonymous ids are stable within a gradebook and differ between gradebooks", () => {
    const salt = gradebookSalt(g);
    expect(gradebookSalt(g)).toBe(salt);
    expect(anonId(salt, "ada")).toBe(anonId(salt, "ada"));
    expect(anonId(salt, "ada")).not.toBe(anonId(salt, "bob"));
    expect(anonId("other salt", "ada")).not.toBe(anonId(salt, "ada"));
    expect(anonId(salt, "ada")).toMatch(/^s-[0-9a-f]{10}$/);
  });

  it("a write based on a stale version is refused with a Conflict, and nothing is lost", () => {
    const id = anonId(gradebookSalt(g), "ada");
    const first = saveMark(g, Q, id, 0, { items: ["a"], comment: "one", adjustment: 0 });
    expect(first.version).toBe(1);
    // a second grader loaded version 0 too: refused, the first grader's mark stays
    expect(() => saveMark(g, Q, id, 0, { items: ["b"], comment: "two", adjustment: 0 })).toThrow(
      Conflict,
    );
    expect(readMarks(g)[Q][id]).toMatchObject({ version: 1, items: ["a"], comment: "one" });
    const second = saveMark(g, Q, id, 1, { items: ["a", "b"], comment: "two", adjustment: 0 });
    expect(second.version).toBe(2);
    saveRubric(g, Q, 0, [{ id: "a", points: 1, comment: "names the factor" }]);
    expect(() => saveRubric(g, Q, 0, [])).toThrow(/changed since you loaded it/);
  });

  it("a rubric edit changes the points of every mark holding the item", () => {
    const salt = gradebookSalt(g);
    const r1 = saveRubric(g, Q, 0, [
      { id: "a", points: 1, comment: "names the factor" },
      { id: "b", points: 1, comment: "says why it grows" },
    ]);
    const ada = saveMark(g, Q, anonId(salt, "ada"), 0, {
      items: ["a", "b"],
      comment: "",
      adjustment: 0,
    });
    expect(markPoints(ada, r1, 2)).toBe(2);
    const r2 = saveRubric(g, Q, 1, [
      { id: "a", points: 0.5, comment: "names the factor" },
      { id: "b", points: 1, comment: "says why it grows" },
    ]);
    expect(markPoints(ada, r2, 2)).toBe(1.5);
    expect(markPoints({ ...ada, adjustment: 5 }, r2, 2)).toBe(2);
    expect(markPoints({ ...ada, override: { points: 0.25, reason: "r" } }, r2, 2)).toBe(0.25);
    const [rec] = writtenRecords(g, "ada").filter((t) => t.exercise === "gradientDescentWritten");
    expect(rec).toMatchObject({ points: 1.5, maxPoints: 2, visibility: "after_published" });
    expect(rec.message).toContain("names the factor (+0.5)");
  });

  it("bad input gets a clear error; regrade requests need their header", () => {
    expect(() =>
      saveMark(g, "nope.q", "s-0123456789", 0, { items: [], comment: "", adjustment: 0 }),
    ).toThrow(/no written question/);
    const id = anonId(gradebookSalt(g), "ada");
    expect(() =>
      saveMark(g, Q, id, 0, {
        items: [],
        comment: "",
        adjustment: 0,
        override: { points: 1, reason: " " },
      }),
    ).toThrow(/needs its reason/);
    fs.writeFileSync(
      path.join(g, "written/regrades.csv"),
      "student,question,reason\nada,Q,too harsh\n",
    );
    expect(readRegrades(g)).toEqual([{ student: "ada", question: "Q", reason: "too harsh" }]);
    fs.writeFileSync(path.join(g, "written/regrades.csv"), "who,what\n");
    expect(() => readRegrades(g)).toThrow(/expected the header/);
  });
});

describe("the desk's server", () => {
  it("answers a stale write with 409 and the stored mark, and refuses writes from other sites", async () => {
    const desk = await startDesk(g, 0);
    try {
      const state = (await (await fetch(desk.url + "api/state")).json()) as {
        id: string;
        answers: { student: string; label: string }[];
      }[];
      const q = state.find((x) => x.id === Q)!;
      expect(q.answers.map((a) => a.label)).toEqual([anonId(gradebookSalt(g), "ada")]);
      const put = (base: number, comment: string, origin?: string) =>
        fetch(desk.url + "api/mark", {
          method: "PUT",
          headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
          body: JSON.stringify({
            question: Q,
            student: q.answers[0].student,
            base,
            mark: { items: [], comment, adjustment: 0 },
          }),
        });
      expect((await put(0, "first")).status).toBe(200);
      const stale = await put(0, "second");
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as { current: { comment: string } }).current.comment).toBe(
        "first",
      );
      expect((await put(1, "third", "http://evil.example")).status).toBe(403);
      expect(Object.values(readMarks(g)[Q])[0].comment).toBe("first");
    } finally {
      await desk.close();
    }
  });
});

describe("publishing the written marks", () => {
  const result = (student: string): StudentResult => ({
    student,
    inputHash: "",
    kitStamp: "",
    submittedAt: null,
    late: false,
    status: "graded",
    notes: [],
    summary: summarize("exercises", [
      {
        file: "grader/suites/02.grading.ts",
        exercise: "gdStep",
        name: "fixed: one step",
        kind: "fixed",
        visibility: "visible",
        maxPoints: 3,
        status: "passed",
        message: "",
        durationMs: 1,
      },
    ]),
  });
  const manifest = {
    layout: 1,
    files: {},
    tests: [
      {
        id: "t",
        file: "f",
        exercise: "gdStep",
        name: "n",
        kind: "fixed" as const,
        visibility: "visible" as const,
        points: 3,
      },
    ],
  };

  it("adds them to the gradebook and the Canvas file, and to the feedback only once published", () => {
    const id = anonId(gradebookSalt(g), "ada");
    saveRubric(g, Q, 0, [{ id: "a", points: 1, comment: "names the factor" }]);
    saveMark(g, Q, id, 0, { items: ["a"], comment: "say why it grows", adjustment: 0 });
    fs.mkdirSync(path.join(g, "feedback"));
    const roster = [
      { student: "ada", id: "7", name: "Ada", email: "a@x", section: "", login: "a@x" },
    ];
    const run = (published: boolean) =>
      publish({
        out: g,
        manifest,
        results: [result("ada")],
        roster,
        policy: {},
        published,
        early: true,
      });
    run(false);
    const gradebook = fs.readFileSync(path.join(g, "gradebook.csv"), "utf8");
    expect(gradebook.split("\n")[0]).toBe(
      "student,gdStep,gradientDescentWritten,total,max,status,late,days_late,penalty_percent,submitted_at,submitted_at_source,syntax_errors,type_errors,notes",
    );
    expect(gradebook).toMatch(/^ada,3,1,4,5,graded/m);
    expect(fs.readFileSync(path.join(g, "canvas.csv"), "utf8")).toMatch(
      /Points Possible,,,,,5\n.*,4\n/,
    );
    const sealed = fs.readFileSync(path.join(g, "feedback/ada.md"), "utf8");
    expect(sealed).not.toContain("say why it grows");
    expect(sealed).not.toContain("Along the eigenvector");
    expect(sealed).toContain("1 more tests and questions, 2 points in total");
    // a regrade request answered with an override: the student reads its reason once published
    saveMark(g, Q, id, 1, {
      items: ["a"],
      comment: "say why it grows",
      adjustment: 0,
      override: { points: 2, reason: "you said it in the second sentence" },
    });
    run(true);
    const md = fs.readFileSync(path.join(g, "feedback/ada.md"), "utf8");
    expect(md).toContain("Total: 5 / 5 points.");
    expect(md).toContain("Regrade: you said it in the second sentence");
    expect(md).toContain("Reference: Along the eigenvector");
    const gs = JSON.parse(fs.readFileSync(path.join(g, "gradescope/ada.json"), "utf8")) as {
      score: number;
      tests: { score: number; visibility: string }[];
    };
    expect(gs.score).toBe(5);
    expect(gs.tests[1]).toMatchObject({ score: 2, visibility: "after_published" });
  });
});
