// Schedules against their closed forms and torch.optim.lr_scheduler (PyTorch 1.13, printing
// optimizer.param_groups[0]["lr"] before each of 12 scheduler.step() calls, base lr 0.5).
import { describe, expect, it } from "vitest";
import {
  clipGradNorm,
  clipGradValue,
  constantLR,
  cosineAnnealingLR,
  exponentialLR,
  inverseTimeLR,
  linearDecayLR,
  linearLR,
  linearWarmupLR,
  multiStepLR,
  sequentialLR,
  stepLR,
  warmupCosineLR,
  type Schedule,
} from "../../../lib/optim";
import { OptkitError } from "../../../lib/util/check";
import { expectClose } from "./close";

const first = (s: Schedule, n = 12) => Array.from({ length: n }, (_, t) => s(t));

describe("schedules equal PyTorch's lr_scheduler", () => {
  it("StepLR(step_size=3, gamma=0.5)", () => {
    expectClose(
      first(stepLR(0.5, 3, 0.5)),
      [0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.0625, 0.0625, 0.0625],
    );
  });

  it("MultiStepLR(milestones=[2, 5, 9], gamma=0.1)", () => {
    expectClose(
      first(multiStepLR(0.5, [2, 5, 9])),
      [0.5, 0.5, 0.05, 0.05, 0.05, 0.005, 0.005, 0.005, 0.005, 0.0005, 0.0005, 0.0005],
      1e-14,
    );
  });

  it("ExponentialLR(gamma=0.9), also as e^{-k t} with k = -ln 0.9", () => {
    const torch = [
      0.5, 0.45, 0.405, 0.3645, 0.32805, 0.295245, 0.2657205, 0.23914845, 0.215233605, 0.1937102445,
      0.17433922005, 0.156905298045,
    ];
    expectClose(first(exponentialLR(0.5, 0.9)), torch, 1e-14);
    const k = -Math.log(0.9);
    expectClose(first(exponentialLR(0.5, Math.exp(-k))), torch, 1e-14);
  });

  it("CosineAnnealingLR(T_max=8, eta_min=0.05), including after T", () => {
    const torch = [
      0.5, 0.48287289481503953, 0.4340990257669732, 0.36110377228214524, 0.275, 0.18889622771785486,
      0.11590097423302685, 0.0671271051849605, 0.05, 0.06712710518496048, 0.11590097423302687,
      0.18889622771785486,
    ];
    expectClose(first(cosineAnnealingLR(0.5, 8, 0.05)), torch, 1e-14);
  });

  it("LinearLR defaults (1/3 -> 1 over 5 steps) and linear warmup", () => {
    const torch = [
      1 / 6,
      0.23333333333333334,
      0.3,
      0.36666666666666675,
      0.43333333333333346,
      0.5,
      0.5,
      0.5,
      0.5,
      0.5,
      0.5,
      0.5,
    ];
    expectClose(first(linearLR(0.5)), torch, 1e-14);
    expectClose(first(linearWarmupLR(0.5, 5)), torch, 1e-14);
  });

  it("linear decay (notebook 02, section 7) == LinearLR(start_factor=1, end_factor=0.1, total_iters=4)", () => {
    const torch = [0.5, 0.3875, 0.275, 0.1625, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05];
    expectClose(first(linearDecayLR(0.5, 0.05, 4)), torch, 1e-14);
    expectClose(
      first(linearLR(0.5, { startFactor: 1, endFactor: 0.1, totalIters: 4 })),
      torch,
      1e-14,
    );
  });

  it("SequentialLR([LinearLR(start 0.25, 4 steps), CosineAnnealingLR(T=6)], milestones=[4])", () => {
    const torch = [
      0.125, 0.21875, 0.3125, 0.40625, 0.5, 0.4665063509461097, 0.375, 0.25, 0.125,
      0.03349364905389032, 0, 0.03349364905389032,
    ];
    const s = sequentialLR([linearWarmupLR(0.5, 4, 0.25), cosineAnnealingLR(0.5, 6)], [4]);
    const w = warmupCosineLR(0.5, 4, 10, { startFactor: 0.25 });
    for (let t = 0; t < 12; t++) {
      expect(Math.abs(s(t) - torch[t])).toBeLessThan(1e-15);
      expect(Math.abs(w(t) - torch[t])).toBeLessThan(1e-15);
    }
  });

  it("constant and inverse time (closed forms)", () => {
    expect(first(constantLR(0.3), 3)).toEqual([0.3, 0.3, 0.3]);
    expectClose(first(inverseTimeLR(1, 0.5), 4), [1, 1 / 1.5, 1 / 2, 1 / 2.5], 1e-15);
  });

  it("bad input", () => {
    expect(() => stepLR(-1, 3)).toThrow(OptkitError);
    expect(() => stepLR(1, 0)).toThrow(/stepSize/);
    expect(() => multiStepLR(1, [5, 2])).toThrow(/milestones/);
    expect(() => cosineAnnealingLR(1, 10)(-1)).toThrow(/^t:/);
    expect(() => sequentialLR([constantLR(1)], [3])).toThrow(/milestones/);
  });
});

describe("gradient clipping", () => {
  it("by norm: [3, 4] and [12] with max norm 1 (total norm 13), as clip_grad_norm_", () => {
    const g = [Float64Array.of(3, 4), Float64Array.of(12)];
    const norm = clipGradNorm(g, 1);
    expect(norm).toBe(13);
    const c = 1 / (13 + 1e-6);
    expectClose(g[0], [3 * c, 4 * c], 1e-15);
    expectClose(g[1], [12 * c], 1e-15);
    // torch.nn.utils.clip_grad_norm_ on the same float64 gradients (PyTorch 1.13)
    expectClose(g[0], [0.23076921301775288, 0.3076922840236705], 1e-15);
    expectClose(g[1], [0.9230768520710115], 1e-15);
  });

  it("by norm leaves small gradients alone and rejects non-finite ones", () => {
    const g = Float64Array.of(0.3, 0.4);
    expect(clipGradNorm(g, 1)).toBeCloseTo(0.5, 15);
    expect(Array.from(g)).toEqual([0.3, 0.4]);
    expect(() => clipGradNorm(Float64Array.of(NaN), 1)).toThrow(/grads/);
    expect(() => clipGradNorm(g, -1)).toThrow(/maxNorm/);
  });

  it("by value", () => {
    const g = Float32Array.of(-3, 0.5, 2);
    clipGradValue(g, 1);
    expect(Array.from(g)).toEqual([-1, 0.5, 1]);
  });
});
