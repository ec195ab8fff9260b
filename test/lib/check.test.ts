import { describe, expect, it } from "vitest";
import { checkFinite, checkLength, checkNumber, OptkitError } from "../../lib";

describe("argument checks", () => {
  it("names the argument and the expectation", () => {
    expect(() => checkNumber("lr", NaN, { min: 0 })).toThrow(
      "lr: expected a finite number >= 0, got NaN",
    );
    expect(() => checkNumber("beta", 1, { min: 0, max: 0.999 })).toThrow(
      "beta: expected a finite number in [0, 0.999], got 1",
    );
    expect(() => checkLength("grad", new Float64Array(2), 3)).toThrow(
      "grad: expected length 3, got 2",
    );
    expect(() => checkFinite("x", [1, Infinity])).toThrow(
      "x: expected finite values, got Infinity at index 1",
    );
  });
  it("throws OptkitError carrying the argument name", () => {
    try {
      checkNumber("eps", -1, { min: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OptkitError);
      expect((e as OptkitError).arg).toBe("eps");
    }
  });
  it("accepts good input", () => {
    expect(checkNumber("n", 3, { integer: true, min: 1 })).toBe(3);
    expect(() => checkFinite("x", new Float32Array([1, 2]))).not.toThrow();
  });
});
