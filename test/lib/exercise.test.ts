import { describe, expect, it } from "vitest";
import { NotImplementedError, tryExercise } from "../../lib";

describe("tryExercise", () => {
  it("returns the result of an implemented exercise", () => {
    expect(tryExercise(() => 42)).toBe(42);
  });
  it("prints a note for a stub instead of failing", () => {
    const lines: string[] = [];
    const r = tryExercise(
      () => {
        throw new NotImplementedError("centralDifference");
      },
      (m) => lines.push(m),
    );
    expect(r).toBeUndefined();
    expect(lines[0]).toContain("centralDifference is not implemented yet");
  });
  it("lets real errors through", () => {
    expect(() =>
      tryExercise(() => {
        throw new RangeError("bad");
      }),
    ).toThrow("bad");
  });
});
