import { describe, expect, it } from "vitest";
import { sgdConstantStepBound, sgdDecayingStepBound, sgdNoiseFloor } from "../../../lib";
import { expectError } from "../expect-error";

const c = { mu: 0.1, L: 1, sigma2: 2, gap0: 5 };

describe("sgdConstantStepBound", () => {
  it("starts at the initial gap and falls to the floor eta L sigma2 / (2 mu)", () => {
    expect(sgdConstantStepBound(0, 0.5, c)).toBeCloseTo(5, 12);
    // floor 0.5 * 1 * 2 / 0.2 = 5: a start on the floor stays there
    expect(sgdConstantStepBound(7, 0.5, c)).toBeCloseTo(5, 12);
    const floor = (0.1 * 1 * 2) / (2 * 0.1);
    expect(sgdConstantStepBound(1, 0.1, c)).toBeCloseTo(0.99 * (5 - floor) + floor, 12);
    expect(sgdConstantStepBound(1e6, 0.1, c)).toBeCloseTo(floor, 12);
    expect(sgdNoiseFloor(0.1, c)).toBeCloseTo(floor, 12);
  });

  it("rejects a step above 1/L and constants that make no sense", () => {
    expectError(
      () => sgdConstantStepBound(0, 1.5, c),
      "eta",
      "eta: expected a finite number in [0, 1], got 1.5",
    );
    expectError(
      () => sgdConstantStepBound(0, 0.1, { ...c, L: 0.05 }),
      "L",
      "L: expected a finite number >= 0.1, got 0.05",
    );
    expectError(
      () => sgdConstantStepBound(-1, 0.1, c),
      "t",
      "t: expected a finite number >= 0, got -1",
    );
  });
});

describe("sgdDecayingStepBound", () => {
  it("is nu / (gamma + t) with nu the larger of the noise term and gamma gap0", () => {
    // beta = 20, gamma = 40: noise term 400 * 1 * 2 / (2 * 1) = 400, gamma gap0 = 200
    expect(sgdDecayingStepBound(0, 20, 40, c)).toBeCloseTo(400 / 40, 12);
    expect(sgdDecayingStepBound(60, 20, 40, c)).toBeCloseTo(400 / 100, 12);
    // a larger initial gap takes over
    expect(sgdDecayingStepBound(0, 20, 40, { ...c, gap0: 50 })).toBeCloseTo(50, 12);
  });

  it("needs beta > 1/mu, gamma > 1 and a first step at most 1/L", () => {
    expectError(
      () => sgdDecayingStepBound(0, 5, 40, c),
      "beta",
      "beta: expected beta > 1/mu = 10, got 5",
    );
    expectError(
      () => sgdDecayingStepBound(0, 20, 10, c),
      "gamma",
      "gamma: expected eta_0 = beta / gamma <= 1/L = 1, got 2",
    );
    expectError(
      () => sgdDecayingStepBound(0, 20, 1, c),
      "gamma",
      "gamma: expected a number > 1, got 1",
    );
  });
});
