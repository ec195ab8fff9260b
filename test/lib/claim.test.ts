import { describe, expect, it } from "vitest";
import { ClaimError, claim, claimThat } from "../../lib";
import { expectError } from "./expect-error";

/** the error `run` throws (the test fails if it throws none) */
function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, got none");
}

describe("claim", () => {
  it("prints a check mark line and returns the measurement when it is within the tolerance", () => {
    const lines: string[] = [];
    expect(claim("test accuracy (%)", 98.13, 98.1, 0.1, (l) => lines.push(l))).toBe(98.13);
    expect(lines).toEqual(["✓ test accuracy (%): measured 98.13 (expected 98.1 ± 0.1)"]);
  });

  it("accepts the edge of the tolerance and a relative tolerance", () => {
    const lines: string[] = [];
    claim("edge", 1.5, 1, 0.5, (l) => lines.push(l));
    claim("ratio", 5.7, 6, { rel: 0.1 }, (l) => lines.push(l));
    expect(lines[1]).toBe("✓ ratio: measured 5.7 (expected 6 ± 10 %)");
  });

  it("throws a ClaimError naming label, measured, expected and tolerance when the measurement drifts", () => {
    const lines: string[] = [];
    const e = thrown(() => claim("test accuracy (%)", 97.2, 98.1, 0.1, (l) => lines.push(l)));
    expect(e).toBeInstanceOf(ClaimError);
    expect(e.message).toBe("claim failed: test accuracy (%): measured 97.2 (expected 98.1 ± 0.1)");
    expect(lines).toEqual([]);
    expect(thrown(() => claim("ratio", 5, 6, { rel: 0.1 })).message).toBe(
      "claim failed: ratio: measured 5 (expected 6 ± 10 %)",
    );
  });

  it("fails on a measurement that is not a finite number", () => {
    expect(thrown(() => claim("gap", NaN, 0, 1)).message).toBe(
      "claim failed: gap: measured NaN (expected 0 ± 1)",
    );
    expect(thrown(() => claim("gap", Infinity, 0, 1))).toBeInstanceOf(ClaimError);
  });

  it("rejects bad arguments with a clear error", () => {
    expectError(
      () => claim("", 1, 1, 0),
      "label",
      'label: expected a non-empty string, got "" (a string)',
    );
    expectError(
      () => claim("x", 1, NaN, 0),
      "expected",
      "expected: expected a finite number, got NaN",
    );
    expectError(
      () => claim("x", 1, 1, -1),
      "tolerance",
      "tolerance: expected a finite number >= 0, got -1",
    );
    expectError(
      () => claim("x", 1, 1, { rel: -0.1 }),
      "tolerance",
      "tolerance: expected a number >= 0 or { rel: number >= 0 }, got -0.1",
    );
  });
});

describe("claimThat", () => {
  it("prints the label and its detail when the claim holds", () => {
    const lines: string[] = [];
    claimThat("lowest at the last epoch", true, "epoch 6 of 6", (l) => lines.push(l));
    claimThat("diverges", true, undefined, (l) => lines.push(l));
    expect(lines).toEqual(["✓ lowest at the last epoch (epoch 6 of 6)", "✓ diverges"]);
  });

  it("throws a ClaimError with the label and the detail when it does not", () => {
    const e = thrown(() =>
      claimThat("lowest at the last epoch", false, "lowest after epoch 4 of 6"),
    );
    expect(e).toBeInstanceOf(ClaimError);
    expect(e.message).toBe("claim failed: lowest at the last epoch (lowest after epoch 4 of 6)");
  });

  it("rejects a condition that is not a boolean", () => {
    expectError(
      () => claimThat("x", 1 as unknown as boolean),
      "holds",
      "holds: expected true or false, got 1",
    );
  });
});
