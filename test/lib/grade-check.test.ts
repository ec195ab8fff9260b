/** `check()` from a notebook: one exercise or one notebook, graded through the sandboxed grader. */
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { check } from "../../lib/util/grade-check";

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
});
