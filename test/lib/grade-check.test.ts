/** `check()` from a notebook: one exercise or one notebook, graded through the sandboxed grader. */
import { describe, expect, it } from "vitest";
import { check } from "../../lib/util/grade-check";

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
  }, 60_000);

  it("refuses what is neither an exercise nor a notebook number", async () => {
    await expect(check("04; rm -rf /")).rejects.toThrow(/what: expected an exercise's name/);
    await expect(check("noSuchExercise")).rejects.toThrow(/no grading suite has an exercise/);
  });
});
