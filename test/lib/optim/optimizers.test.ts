// The optimizer classes: PyTorch's API and defaults, checked against hand computations from the
// documented rules and against figures printed by PyTorch 1.13 (torch.optim, float64).
import { describe, expect, it } from "vitest";
import { Adagrad, Adam, AdamW, RMSprop, SGD, type Optimizer } from "../../../lib/optim";
import { OptkitError } from "../../../lib/util/check";
import { expectClose } from "./close";

/** Gradient of f(x) = x1^2 + 2 x2^2. */
const gradQ = (x: Float64Array) => Float64Array.of(2 * x[0], 4 * x[1]);

/** Three steps from (-5, -2) on x1^2 + 2 x2^2; the iterates after each step. */
function threeSteps<S, H extends { eta: number }>(opt: Optimizer<S, H>): number[][] {
  const x = Float64Array.of(-5, -2);
  const out: number[][] = [];
  for (let k = 0; k < 3; k++) {
    opt.step(x, gradQ(x));
    out.push(Array.from(x));
  }
  return out;
}

describe("d2l's gradient descent demo: 10 steps on x^2 from x = 10", () => {
  // x_{k+1} = (1 - 2 eta) x_k, so x_10 = 10 (1 - 2 eta)^10 (d2l prints these values).
  it.each([
    [0.2, 0.060466],
    [0.05, 3.486784],
    [1.1, 61.917364],
  ])("eta %f gives %f", (eta, expected) => {
    const x = Float64Array.of(10);
    const opt = new SGD({ lr: eta });
    for (let k = 0; k < 10; k++) opt.step(x, Float64Array.of(2 * x[0]));
    expectClose(x[0], expected, 1e-5); // d2l prints 6 decimals
  });
});

describe("three PyTorch steps on x1^2 + 2 x2^2 from (-5, -2), lr 0.1", () => {
  it("SGD momentum 0.9", () => {
    // g = (2 x1, 4 x2); b_1 = g, b_t = 0.9 b_{t-1} + g; x <- x - 0.1 b
    // t1: g = (-10, -8), b = (-10, -8), x = (-4, -1.2)
    // t2: g = (-8, -4.8), b = (-17, -12), x = (-2.3, 0)
    // t3: g = (-4.6, 0), b = (-19.9, -10.8), x = (-0.31, 1.08)
    const path = threeSteps(new SGD({ lr: 0.1, momentum: 0.9 }));
    expectClose(path[0], [-4, -1.2], 1e-15);
    expectClose(path[1], [-2.3, 0], 1e-7); // rounding leaves ~2e-16 where 0 is exact
    expectClose(path[2], [-0.31, 1.08], 1e-14);
  });

  it("SGD momentum 0.9, Nesterov", () => {
    // d = g + 0.9 b
    // t1: g = (-10, -8), b = g, d = (-19, -15.2), x = (-3.1, -0.48)
    // t2: g = (-6.2, -1.92), b = (-15.2, -9.12), d = (-19.88, -10.128), x = (-1.112, 0.5328)
    // t3: g = (-2.224, 2.1312), b = (-15.904, -6.0768), d = (-16.5376, -3.33792),
    //     x = (0.54176, 0.866592)
    const path = threeSteps(new SGD({ lr: 0.1, momentum: 0.9, nesterov: true }));
    expectClose(path[0], [-3.1, -0.48], 1e-15);
    expectClose(path[1], [-1.112, 0.5328], 1e-14);
    expectClose(path[2], [0.54176, 0.866592], 1e-14);
  });

  it("Adam (defaults, lr 0.1): a scalar closed form of the rule, and PyTorch's figures", () => {
    // Independent scalar transcription of the rule: m, v per coordinate, t = 1, 2, 3.
    const x = [-5, -2];
    const m = [0, 0];
    const v = [0, 0];
    const expected: number[][] = [];
    for (let t = 1; t <= 3; t++) {
      const g = [2 * x[0], 4 * x[1]];
      for (let i = 0; i < 2; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        const mHat = m[i] / (1 - 0.9 ** t);
        const vHat = v[i] / (1 - 0.999 ** t);
        x[i] -= (0.1 * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
      expected.push([...x]);
    }
    const path = threeSteps(new Adam({ lr: 0.1 }));
    for (let k = 0; k < 3; k++) expectClose(path[k], expected[k], 1e-13);
    // torch.optim.Adam([x], lr=0.1) in float64, PyTorch 1.13
    expectClose(path[0], [-4.9000000001, -1.900000000125], 1e-15);
    expectClose(path[1], [-4.800057756868857, -1.8001664858630053], 1e-15);
    expectClose(path[2], [-4.700213291333392, -1.7006233916636408], 1e-15);
  });
});

describe("the other rules step for step with PyTorch 1.13 (float64, same problem)", () => {
  it.each<[string, () => Optimizer<unknown, { eta: number }>, number[][]]>([
    [
      "AdamW(lr=0.1)",
      () => new AdamW({ lr: 0.1 }),
      [
        [-4.8950000001000005, -1.898000000125],
        [-4.790165945816799, -1.7962725883921702],
        [-4.685539907506529, -1.694944514002364],
      ],
    ],
    [
      "RMSprop(lr=0.01)",
      () => new RMSprop({ lr: 0.01 }),
      [
        [-4.900000001, -1.90000000125],
        [-4.829827940604733, -1.8309433272561533],
        [-4.772748955319801, -1.7753494433525812],
      ],
    ],
    [
      "RMSprop(lr=0.01, momentum=0.9, centered=True, weight_decay=0.1)",
      () => new RMSprop({ lr: 0.01, momentum: 0.9, centered: true, weightDecay: 0.1 }),
      [
        [-4.89949621943608, -1.8994962197059093],
        [-4.738165721287215, -1.7392987484093998],
        [-4.535769059929771, -1.5406780153730408],
      ],
    ],
    [
      "Adagrad(lr=0.1, lr_decay=0.1, initial_accumulator_value=0.5, weight_decay=0.1)",
      () => new Adagrad({ lr: 0.1, lrDecay: 0.1, initialAccumulatorValue: 0.5, weightDecay: 0.1 }),
      [
        [-4.9002259889903765, -1.9003697417094312],
        [-4.836668091919167, -1.8378717477980535],
        [-4.789337789326846, -1.791733148808511],
      ],
    ],
    [
      "SGD(lr=0.1, momentum=0.9, dampening=0.5, weight_decay=0.1)",
      () => new SGD({ lr: 0.1, momentum: 0.9, dampening: 0.5, weightDecay: 0.1 }),
      [
        [-3.9499999999999997, -1.18],
        [-2.5902499999999997, -0.20009999999999994],
        [-1.0944987499999996, 0.7228305000000002],
      ],
    ],
    [
      "Adam(lr=0.1, amsgrad=True)",
      () => new Adam({ lr: 0.1, amsgrad: true }),
      [
        [-4.9000000001, -1.900000000125],
        [-4.800057756868857, -1.8001664858630053],
        [-4.700213291333392, -1.7006233916636408],
      ],
    ],
  ])("%s", (_name, make, expected) => {
    const path = threeSteps(make());
    for (let k = 0; k < 3; k++) expectClose(path[k], expected[k], 1e-14);
  });
});

describe("the class API", () => {
  it("defaults equal PyTorch's", () => {
    expect(new SGD().hyper).toMatchObject({ eta: 1e-3, mu: 0, dampening: 0, nesterov: false });
    expect(new Adagrad().hyper).toMatchObject({ eta: 1e-2, lrDecay: 0, eps: 1e-10 });
    expect(new RMSprop().hyper).toMatchObject({ eta: 1e-2, alpha: 0.99, eps: 1e-8, mu: 0 });
    expect(new Adam().hyper).toMatchObject({ eta: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    expect(new Adam().hyper.weightDecay).toBe(0);
    expect(new AdamW().hyper.weightDecay).toBe(0.01);
  });

  it("several arrays share one step count; each has its own state; results as one by one", () => {
    const a = Float64Array.of(1, 2);
    const b = Float64Array.of(-3);
    const opt = new Adam({ lr: 0.1 });
    const single = [new Adam({ lr: 0.1 }), new Adam({ lr: 0.1 })];
    const a1 = a.slice();
    const b1 = b.slice();
    for (let k = 0; k < 4; k++) {
      opt.step([a, b], [Float64Array.of(a[0], 3 * a[1]), Float64Array.of(b[0] ** 3)]);
      single[0].step(a1, Float64Array.of(a1[0], 3 * a1[1]));
      single[1].step(b1, Float64Array.of(b1[0] ** 3));
    }
    expect(opt.t).toBe(4);
    expect(opt.state.map((s) => s.step)).toEqual([4, 4]);
    expect(opt.state[1].m.length).toBe(1);
    expect(Array.from(a)).toEqual(Array.from(a1));
    expect(Array.from(b)).toEqual(Array.from(b1));
  });

  it("lr can change between steps", () => {
    const x = Float64Array.of(1);
    const opt = new SGD({ lr: 0.5 });
    opt.step(x, Float64Array.of(1));
    opt.lr = 0.25;
    opt.step(x, Float64Array.of(1));
    expect(x[0]).toBe(1 - 0.5 - 0.25);
  });

  it("Float32Array parameters follow the float64 path", () => {
    const x64 = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const x32 = Float32Array.from(x64);
    const o64 = new Adam({ lr: 0.01 });
    const o32 = new Adam({ lr: 0.01 });
    for (let k = 0; k < 20; k++) {
      o64.step(
        x64,
        x64.map((v) => v * v * v),
      );
      o32.step(
        x32,
        x32.map((v) => v * v * v),
      );
    }
    expectClose(x32, x64, 1e-5);
  });
});

describe("bad input gives an OptkitError naming the argument", () => {
  const argOf = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof OptkitError) return e.arg;
      throw e;
    }
    throw new Error("no error thrown");
  };

  it("learning rates, betas, momentum, Nesterov", () => {
    expect(argOf(() => new SGD({ lr: -1 }))).toBe("lr");
    expect(argOf(() => new Adam({ lr: NaN }))).toBe("lr");
    expect(argOf(() => new Adam({ lr: Infinity }))).toBe("lr");
    expect(argOf(() => new Adam({ betas: [0.9, 1] }))).toBe("betas[1]");
    expect(argOf(() => new AdamW({ betas: [-0.1, 0.999] }))).toBe("betas[0]");
    expect(argOf(() => new RMSprop({ alpha: 1 }))).toBe("alpha");
    expect(argOf(() => new SGD({ momentum: -0.5 }))).toBe("momentum");
    expect(argOf(() => new SGD({ nesterov: true }))).toBe("nesterov");
    expect(argOf(() => new SGD({ nesterov: true, momentum: 0.9, dampening: 0.1 }))).toBe(
      "nesterov",
    );
    expect(argOf(() => new Adagrad({ initialAccumulatorValue: -1 }))).toBe(
      "initialAccumulatorValue",
    );
    const opt = new SGD({ lr: 0.1 });
    expect(argOf(() => (opt.lr = -0.1))).toBe("lr");
    expect(opt.lr).toBe(0.1);
  });

  it("shapes: lengths, array counts, one array versus several", () => {
    const opt = new SGD({ lr: 0.1 });
    expect(argOf(() => opt.step(new Float64Array(3), new Float64Array(2)))).toBe("grads");
    const multi = new Adam();
    const p = [new Float64Array(2), new Float64Array(3)];
    expect(argOf(() => multi.step(p, [new Float64Array(2)]))).toBe("grads");
    expect(argOf(() => multi.step(p, [new Float64Array(2), new Float64Array(4)]))).toBe("grads[1]");
    multi.step(p, [new Float64Array(2), new Float64Array(3)]);
    expect(argOf(() => multi.step([p[0]], [new Float64Array(2)]))).toBe("params");
    expect(argOf(() => multi.step(p[0], p))).toBe("grads");
    const later = new RMSprop();
    later.step(new Float64Array(2), new Float64Array(2));
    expect(argOf(() => later.step(new Float64Array(3), new Float64Array(3)))).toBe("params");
  });
});
