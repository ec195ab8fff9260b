/** The instructor tools' pure parts: the reference codec, manifest scoring, overrides, CSV,
 * notebooks and package.json on their way into the release, the release file rules. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readCsv, writeCsv } from "../csv";
import { applyManifest, type ManifestTest } from "../../grader/runner/manifest";
import type { TestRecord } from "../../grader/runner/meta";
import { summarize } from "../../grader/runner/score";
import { inKit, inRelease } from "../files";
import {
  finalScore,
  gradebookCsv,
  OVERRIDES_HEADER,
  readOverrides,
  type StudentResult,
} from "../batch/gradebook";
import { stripNotebook, studentPackageJson } from "../release/student-copy";
import { decode, encode, fingerprint } from "../../grader/sandbox/codec";

describe("reference codec", () => {
  it("round-trips typed arrays bit for bit, NaN, the infinities, -0 and nested objects", () => {
    const value = {
      p: Float64Array.of(0.1, -0, NaN, Infinity, 1e-310),
      rows: [[1, 2], [3]],
      state: { step: 3, m: Float32Array.of(1.5) },
      loss: -Infinity,
      zero: -0,
      none: undefined,
      $tricky: { $number: "5" },
    };
    const back = decode(JSON.parse(JSON.stringify(encode(value)))) as typeof value;
    expect(back.p).toBeInstanceOf(Float64Array);
    expect(Array.from(back.p)).toEqual([0.1, -0, NaN, Infinity, 1e-310]);
    expect(Object.is(back.p[1], -0) && Object.is(back.zero, -0)).toBe(true);
    expect(back.state.m).toBeInstanceOf(Float32Array);
    expect(back).toEqual(value);
  });

  it("refuses what it cannot record, and fingerprints the numbers of the arguments", () => {
    expect(() => encode({ f: () => 1 }, "result")).toThrow(/result\.f: cannot record a function/);
    expect(fingerprint([Float64Array.of(1, 2), { b: 3 }, () => 9, "x"])).toEqual([3, 6]);
  });
});

const test = (id: string, points: number, exercise = "adamStep"): ManifestTest => ({
  id,
  file: "grader/suites/04.grading.ts",
  exercise,
  name: id,
  kind: "fixed",
  visibility: "visible",
  points,
});

describe("scores from the manifest", () => {
  it("ignores the run's points, names and unknown tests; a missing test is not run", () => {
    const tests = [test("a", 1), test("b", 2)];
    const forged: TestRecord = {
      id: "a",
      file: "x",
      exercise: "free points",
      name: "a",
      kind: "fixed",
      visibility: "hidden",
      maxPoints: 1000,
      status: "passed",
      message: "",
      durationMs: 1,
    };
    const extra = { ...forged, id: "zzz" };
    const out = applyManifest([forged, extra], tests, () => "it never ran");
    const s = summarize("exercises", out);
    expect([s.points, s.maxPoints]).toEqual([1, 3]);
    expect(out[0]).toMatchObject({ exercise: "adamStep", maxPoints: 1, visibility: "visible" });
    expect(out[1]).toMatchObject({ status: "not run", message: "it never ran" });
  });
});

describe("gradebook", () => {
  const records = applyManifest([], [test("a", 2, "sgdStep"), test("b", 3, "adamStep")], () => "");
  const result: StudentResult = {
    student: "ada",
    inputHash: "",
    kitStamp: "",
    submittedAt: "2026-12-02T00:00:00.000Z",
    late: true,
    status: "graded",
    notes: ['said "hi", twice,\nthen on a second line'],
    summary: summarize("exercises", records),
  };

  it("applies overrides per exercise and for the total", () => {
    const o = { student: "ada", exercise: "adamStep", points: 2.5, reason: "partial by hand" };
    expect(finalScore(result, [o]).total).toBe(2.5);
    const t = { student: "ada", exercise: "total", points: 4, reason: "late waiver" };
    expect(finalScore(result, [o, t]).total).toBe(4);
    expect(finalScore(result, [{ ...o, student: "bob" }]).total).toBe(0);
  });

  it("writes no cell a spreadsheet would run as a formula, and leaves numbers alone", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "optkit-csv-")), "f.csv");
    const hostile = ['=HYPERLINK("x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "ok"];
    fs.writeFileSync(
      file,
      writeCsv([["a", "b", "c", "d", "e", "f"], hostile, [-2.5, "-2.5", "+3", "1e-3", 0]]),
    );
    const [row, numbers] = readCsv(file).rows.map((r) => r.fields);
    // readCsv trims, so the tab case reads back as 'x after its apostrophe
    expect(row).toEqual([
      '\'=HYPERLINK("x")',
      "'+1+cmd|' /C calc'!A0",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      "ok",
    ]);
    expect(numbers).toEqual(["-2.5", "-2.5", "+3", "1e-3", "0"]);
  });

  it("makes a submission folder named like a formula inert in the gradebook", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "optkit-csv-")), "h.csv");
    const student = '=HYPERLINK("http://example.invalid","late waiver")';
    fs.writeFileSync(file, gradebookCsv([{ ...result, student }], ["sgdStep"], []));
    expect(readCsv(file).rows[0].fields[0]).toBe(`'${student}`);
  });

  it("writes quoted CSV that reads back, newlines in notes included", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "optkit-csv-")), "g.csv");
    fs.writeFileSync(file, gradebookCsv([result], ["sgdStep", "adamStep"], []));
    const { header, rows } = readCsv(file);
    expect(header.join(",")).toBe(
      "student,sgdstep,adamstep,total,max,status,late,days_late,penalty_percent," +
        "submitted_at,submitted_at_source,syntax_errors,type_errors,notes",
    );
    expect(rows.map((r) => r.fields)).toEqual([
      [
        "ada",
        "0",
        "0",
        "0",
        "5",
        "graded",
        "late",
        "0",
        "0",
        "2026-12-02T00:00:00.000Z",
        "",
        "0",
        "0",
        'said "hi", twice,\nthen on a second line',
      ],
    ]);
  });

  it("reads overrides whose reason spans lines; a bad line is named", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-csv-"));
    const good = path.join(dir, "overrides.csv");
    fs.writeFileSync(
      good,
      `${OVERRIDES_HEADER}# a comment\nada,total,7,"regraded,\nsee ""email"""\nbob,adamStep,1.5,\n`,
    );
    expect(readOverrides(good)).toEqual([
      { student: "ada", exercise: "total", points: 7, reason: 'regraded,\nsee "email"' },
      { student: "bob", exercise: "adamStep", points: 1.5, reason: "" },
    ]);
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, `${OVERRIDES_HEADER}ada,total,7,ok\nbob,total,lots,why\n`);
    expect(() => readOverrides(bad)).toThrow(/bad\.csv:3: expected student,exercise,points,reason/);
    fs.writeFileSync(bad, 'student,exercise,points,reason\nada,"total\n');
    expect(() => readOverrides(bad)).toThrow(/bad\.csv:\d+: not valid CSV/);
  });
});

describe("the student copy", () => {
  it("strips outputs and instructor cells from notebooks", () => {
    const nb = {
      cells: [
        { cell_type: "code", source: ["1"], outputs: [{ text: "1" }], execution_count: 3 },
        { cell_type: "markdown", source: ["answer"], metadata: { tags: ["solution"] } },
        { cell_type: "markdown", source: ["# hi"] },
      ],
    };
    const out = JSON.parse(stripNotebook(JSON.stringify(nb)));
    expect(out.cells).toHaveLength(2);
    expect(out.cells[0]).toMatchObject({ outputs: [], execution_count: null });
  });

  it("drops the instructor's scripts and those whose file did not ship", () => {
    const pkg = {
      scripts: {
        test: "npm run typecheck && npm run lint && vitest run",
        grade: "ts-node grader/runner/grade.ts",
        "grade:verify": "ts-node instructor/verify/verify.ts",
        "bench:mnist": "ts-node tools/bench/mnist.ts",
        "grade:batch": "ts-node instructor/batch/batch.ts",
      },
    };
    const out = JSON.parse(
      studentPackageJson(JSON.stringify(pkg), (f) => f.startsWith("grader/runner/")),
    );
    expect(Object.keys(out.scripts)).toEqual(["test", "grade"]);
    expect(out.scripts.test).toBe("npm run typecheck && npm run grade");
  });

  it("never ships solutions, hidden suites, notes, CI or instructor tools; the kit has the solutions", () => {
    const no = [
      "solutions/01-derivatives.ts",
      "grader/hidden/01-derivatives.grading.ts",
      "notes/week1.md",
      "lib/INSTRUCTOR.md",
      ".ci/run",
      ".github/workflows/ci.yml",
      "instructor/release/release.ts",
      "instructor/verify/verify.ts",
      "grader/test/robustness.test.ts",
      "grader/reference/01-derivatives.grading.json",
    ];
    expect(no.filter(inRelease)).toEqual([]);
    expect(
      ["lib/index.ts", "exercises/01-derivatives.ts", "package-lock.json"].every(inRelease),
    ).toBe(true);
    expect(inKit("solutions/01-derivatives.ts")).toBe(true);
    expect(inKit("grader/hidden/01-derivatives.grading.ts")).toBe(true);
  });
});
