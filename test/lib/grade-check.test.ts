/** `check()` from a notebook: one exercise or one notebook, graded through the sandboxed grader. */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check, warmGraderPid } from "../../lib/util/grade-check";

// a graded folder of the test's own, inside the course (a target must be)
const target = `build/check-test-${process.pid}`;
const dir = path.join(process.cwd(), target);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
/** Write `file` of the test's graded folder. */
function put(file: string, text: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

/** The exercises a grading suite declares. */
const declared = (suite: string) =>
  new Set([...fs.readFileSync(suite, "utf8").matchAll(/exercise\("(\w+)"/g)].map((m) => m[1]));

describe("check", () => {
  it("gives the untouched stub 0 points and its hint, without throwing", async () => {
    const r = await check("adamStep");
    expect(r.points).toBe(0);
    expect(r.maxPoints).toBeGreaterThan(0);
    expect(r.exercises.map((e) => e.exercise)).toEqual(["adamStep"]);
    expect(r.exercises[0].firstFailure).toMatch(/adamStep is not implemented yet/);
    expect(r.exercises[0].hint).toBeTruthy();
  }, 60_000);

  it("gives the solutions of a whole notebook every public point, with no hidden test", async () => {
    const r = await check("03", { target: "solutions" });
    expect(r.points).toBe(r.maxPoints);
    expect(r.exercises.length).toBeGreaterThan(3);
    expect(r.exercises.every((e) => e.hint === undefined)).toBe(true);
    // nothing of the hidden suite: neither its own exercises (the quiz) nor its tests' points
    const pub = declared("grader/suites/03-newton.grading.ts");
    const hiddenOnly = [...declared("grader/hidden/03-newton.grading.ts")].filter(
      (e) => !pub.has(e),
    );
    expect(hiddenOnly.length).toBeGreaterThan(0);
    expect(r.exercises.map((e) => e.exercise).filter((e) => !pub.has(e))).toEqual([]);
  }, 60_000);

  it("refuses what is neither an exercise nor a notebook number", async () => {
    await expect(check("04; rm -rf /")).rejects.toThrow(/what: expected an exercise's name/);
    await expect(check("noSuchExercise")).rejects.toThrow(/no grading suite has an exercise/);
  });

  it("reuses one warm grader, which sees every edit of the graded file", async () => {
    put("04-momentum-adam.ts", fs.readFileSync("solutions/04-momentum-adam.ts", "utf8"));
    const solved = await check("adamStep", { target });
    expect(solved.points).toBe(solved.maxPoints);
    const pid = warmGraderPid();
    expect(pid).toBeGreaterThan(0);
    put("04-momentum-adam.ts", fs.readFileSync("exercises/04-momentum-adam.ts", "utf8"));
    const stub = await check("adamStep", { target });
    expect([stub.points, stub.maxPoints]).toEqual([0, solved.maxPoints]);
    expect(warmGraderPid()).toBe(pid);
  }, 60_000);

  it("grades a whole notebook as the cold grader does, test for test", async () => {
    const warm = await check("04");
    process.env.OPTKIT_CHECK_WARM = "0";
    try {
      const cold = await check("04");
      const plain = (r: typeof warm) => ({ ...r, seconds: 0 });
      expect(plain(warm)).toEqual(plain(cold));
      expect(warm.tests.length).toBeGreaterThan(20);
    } finally {
      delete process.env.OPTKIT_CHECK_WARM;
    }
  }, 60_000);

  it("keeps the sandbox: the warm grader's submission cannot read the solutions", async () => {
    const solution = path.join(process.cwd(), "solutions", "01-derivatives.ts");
    put(
      "01-derivatives.ts",
      `import * as fs from "node:fs";
export function centralDifference(): number {
  let got = "";
  try {
    got = fs.readFileSync(${JSON.stringify(solution)}, "utf8");
  } catch (e) {
    got = "denied " + String((e as Error).message).slice(0, 40);
  }
  throw new Error("LOOT " + got);
}
`,
    );
    const r = await check("centralDifference", { target });
    expect(r.points).toBe(0);
    expect(r.exercises[0].firstFailure).toMatch(/LOOT denied/);
    expect(r.exercises[0].firstFailure).not.toMatch(/export function/);
  }, 60_000);
});
