// The functional core against independent references: CS231n's optimizer fixtures, hand
// computations from the documented rules, and the lectures' momentum forms mapped onto each other.
import { describe, expect, it } from "vitest";
import {
  adamState,
  adamStep,
  adamwStep,
  rmspropState,
  rmspropStep,
  sgdState,
  sgdStep,
  type MomentumForm,
} from "../../../lib/optim";
import { expectClose, relErr } from "./close";

/** numpy.linspace(a, b, n) (the fixtures' 4x5 grids, row-major). */
function linspace(a: number, b: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

// CS231n (Stanford), assignment 2, FullyConnectedNets.ipynb: the expected arrays for
// sgd_momentum, rmsprop and adam, printed there with 8 decimals (hence the tolerance: an
// absolute error of 5e-9 on the entry 0.0197... is a relative error of 1.3e-7).
const FIXTURE_TOL = 2e-7;

describe("CS231n optimizer fixtures (4x5 linspace grids)", () => {
  const N = 20;
  const w = () => linspace(-0.4, 0.6, N);
  const dw = linspace(-0.6, 0.4, N);

  it("sgd_momentum (heavy ball: v = 0.9 v - lr dw, w += v) with lr 1e-3", () => {
    const p = w();
    const state = sgdState(N);
    state.buf.set(linspace(0.6, 0.9, N));
    sgdStep(p, dw, state, { eta: 1e-3, mu: 0.9, momentumForm: "heavyBall" });
    // prettier-ignore
    const expectedNextW = [
      0.1406, 0.20738947, 0.27417895, 0.34096842, 0.40775789,
      0.47454737, 0.54133684, 0.60812632, 0.67491579, 0.74170526,
      0.80849474, 0.87528421, 0.94207368, 1.00886316, 1.07565263,
      1.14244211, 1.20923158, 1.27602105, 1.34281053, 1.4096];
    // prettier-ignore
    const expectedVelocity = [
      0.5406, 0.55475789, 0.56891579, 0.58307368, 0.59723158,
      0.61138947, 0.62554737, 0.63970526, 0.65386316, 0.66802105,
      0.68217895, 0.69633684, 0.71049474, 0.72465263, 0.73881053,
      0.75296842, 0.76712632, 0.78128421, 0.79544211, 0.8096];
    expectClose(p, expectedNextW, FIXTURE_TOL);
    expectClose(state.buf, expectedVelocity, FIXTURE_TOL);
  });

  it("rmsprop (decay 0.99, eps 1e-8) with lr 1e-2", () => {
    const p = w();
    const state = rmspropState(N);
    state.squareAvg.set(linspace(0.6, 0.9, N));
    rmspropStep(p, dw, state, { eta: 1e-2 });
    // prettier-ignore
    const expectedNextW = [
      -0.39223849, -0.34037513, -0.28849239, -0.23659121, -0.18467247,
      -0.132737, -0.08078555, -0.02881884, 0.02316247, 0.07515774,
      0.12716641, 0.17918792, 0.23122175, 0.28326742, 0.33532447,
      0.38739248, 0.43947102, 0.49155973, 0.54365823, 0.59576619];
    // prettier-ignore
    const expectedCache = [
      0.5976, 0.6126277, 0.6277108, 0.64284931, 0.65804321,
      0.67329252, 0.68859723, 0.70395734, 0.71937285, 0.73484377,
      0.75037008, 0.7659518, 0.78158892, 0.79728144, 0.81302936,
      0.82883269, 0.84469141, 0.86060554, 0.87657507, 0.8926];
    expectClose(p, expectedNextW, FIXTURE_TOL);
    expectClose(state.squareAvg, expectedCache, FIXTURE_TOL);
  });

  it("adam (t = 5 before the step, so t = 6 in the bias correction) with lr 1e-2", () => {
    const p = w();
    const state = adamState(N);
    state.m.set(linspace(0.6, 0.9, N));
    state.v.set(linspace(0.7, 0.5, N));
    state.step = 5;
    adamStep(p, dw, state, { eta: 1e-2 });
    // prettier-ignore
    const expectedNextW = [
      -0.40094747, -0.34836187, -0.29577703, -0.24319299, -0.19060977,
      -0.1380274, -0.08544591, -0.03286534, 0.01971428, 0.0722929,
      0.1248705, 0.17744702, 0.23002243, 0.28259667, 0.33516969,
      0.38774145, 0.44031188, 0.49288093, 0.54544852, 0.59801459];
    // prettier-ignore
    const expectedV = [
      0.69966, 0.68908382, 0.67851319, 0.66794809, 0.65738853,
      0.64683452, 0.63628604, 0.6257431, 0.61520571, 0.60467385,
      0.59414753, 0.58362676, 0.57311152, 0.56260183, 0.55209767,
      0.54159906, 0.53110598, 0.52061845, 0.51013645, 0.49966];
    // prettier-ignore
    const expectedM = [
      0.48, 0.49947368, 0.51894737, 0.53842105, 0.55789474,
      0.57736842, 0.59684211, 0.61631579, 0.63578947, 0.65526316,
      0.67473684, 0.69421053, 0.71368421, 0.73315789, 0.75263158,
      0.77210526, 0.79157895, 0.81105263, 0.83052632, 0.85];
    expectClose(p, expectedNextW, FIXTURE_TOL);
    expectClose(state.v, expectedV, FIXTURE_TOL);
    expectClose(state.m, expectedM, FIXTURE_TOL);
    expect(state.step).toBe(6);
  });
});

/** Gradient of f(x) = x1^2 + 2 x2^2. */
const gradQ = (x: Float64Array) => Float64Array.of(2 * x[0], 4 * x[1]);

function runSgd(form: MomentumForm, eta: number, mu: number, steps: number, dampening = 0) {
  const x = Float64Array.of(-5, -2);
  const state = sgdState(2);
  const path: number[][] = [];
  for (let k = 0; k < steps; k++) {
    sgdStep(x, gradQ(x), state, { eta, mu, momentumForm: form, dampening });
    path.push(Array.from(x));
  }
  return path;
}

describe("the momentum forms map onto each other exactly", () => {
  const eta = 0.1;
  const beta = 0.8;
  const ema = runSgd("ema", eta, beta, 25);

  it("EMA (eta, beta) == heavy ball (alpha = eta (1 - beta), lambda = beta), first step included", () => {
    // v_t = -eta m_t for all t >= 0 (both start at 0), so p_t agrees; at t = 1:
    // ema: p_1 = p_0 - eta (1 - beta) g_0; heavy ball: p_1 = p_0 - alpha g_0, the same.
    const hb = runSgd("heavyBall", eta * (1 - beta), beta, 25);
    expect(ema[0]).toEqual([-5 + eta * (1 - beta) * 10, -2 + eta * (1 - beta) * 8]);
    for (let k = 0; k < 25; k++) expectClose(hb[k], ema[k], 1e-12);
  });

  it("EMA (eta, beta) == PyTorch (lr = eta (1 - beta), momentum = beta); PyTorch's b_1 = g", () => {
    const torchForm = runSgd("pytorch", eta * (1 - beta), beta, 25);
    for (let k = 0; k < 25; k++) expectClose(torchForm[k], ema[k], 1e-12);
  });

  it("PyTorch with dampening = beta differs from EMA at the first step only in the buffer", () => {
    // b_1 = g (PyTorch) but m_1 = (1 - beta) g (EMA): the first steps differ by a factor 1/(1-beta).
    const damped = runSgd("pytorch", eta, beta, 1, beta);
    expectClose(damped[0], [-5 + eta * 10, -2 + eta * 8], 1e-15);
    expect(damped[0]).not.toEqual(ema[0]);
  });

  it("PyTorch (lr, mu) == lr inside the buffer (eta = lr, gamma = mu)", () => {
    const a = runSgd("pytorch", 0.05, 0.9, 25);
    const b = runSgd("lrInBuffer", 0.05, 0.9, 25);
    for (let k = 0; k < 25; k++) expectClose(b[k], a[k], 1e-12);
  });
});

describe("AdamW is not Adam + L2", () => {
  it("decoupled decay p (1 - eta wd) then Adam, versus Adam on g + wd p", () => {
    const p0 = Float64Array.of(1, -2, 3);
    const g = Float64Array.of(0.5, 0.5, -0.25);
    const eta = 0.1;
    const wd = 0.5;
    const a = p0.slice();
    adamwStep(a, g, adamState(3), { eta, weightDecay: wd });
    const b = p0.slice();
    adamStep(b, g, adamState(3), { eta, weightDecay: wd });
    // First step: m^ = g', v^ = g'^2, so p <- p - eta g' / (|g'| + eps) for the gradient g' used.
    // AdamW: g' = g, after shrinking p by (1 - eta wd) = 0.95.
    const expectedW = Array.from(p0, (pi, i) => 0.95 * pi - (eta * g[i]) / (Math.abs(g[i]) + 1e-8));
    // Adam + L2: g' = g + wd p = (1, -0.5, 1.25): a step of eta against the sign of g'.
    const expectedL2 = [1 - 0.1, -2 + 0.1, 3 - 0.1];
    expectClose(a, expectedW, 1e-9);
    expectClose(b, expectedL2, 1e-9);
    expect(relErr(a, b)).toBeGreaterThan(1e-2);
  });
});

describe("the lectures' norm form keeps one scalar for all coordinates", () => {
  it("RMSProp: s = beta s + (1 - beta) ||g||^2; p <- p - eta g / (eps + sqrt(s))", () => {
    const p = Float64Array.of(1, 1);
    const state = rmspropState(2, { secondMoment: "norm" });
    const g = Float64Array.of(3, 4);
    rmspropStep(p, g, state, { eta: 0.1, alpha: 0.9, secondMoment: "norm" });
    // s = 0.1 * 25 = 2.5
    expectClose(state.squareAvg, [2.5]);
    expectClose(p, [
      1 - (0.1 * 3) / (Math.sqrt(2.5) + 1e-8),
      1 - (0.1 * 4) / (Math.sqrt(2.5) + 1e-8),
    ]);
  });

  it("RMSProp with eps inside the root: g / sqrt(s + eps)", () => {
    const p = Float64Array.of(0);
    const state = rmspropState(1);
    rmspropStep(p, Float64Array.of(1e-3), state, {
      eta: 1,
      alpha: 0.5,
      eps: 1e-6,
      epsPlacement: "inside",
    });
    // s = 0.5e-6; step = 1e-3 / sqrt(1.5e-6)
    expectClose(p, [-1e-3 / Math.sqrt(1.5e-6)]);
  });

  it("Adam without bias correction and with the norm form", () => {
    const p = Float64Array.of(0, 0);
    const state = adamState(2, { secondMoment: "norm" });
    adamStep(p, Float64Array.of(3, 4), state, {
      eta: 1,
      biasCorrection: false,
      secondMoment: "norm",
    });
    // m = 0.1 g = (0.3, 0.4); v = 0.001 * 25 = 0.025; p = -m / (sqrt(0.025) + 1e-8)
    const d = Math.sqrt(0.025) + 1e-8;
    expectClose(p, [-0.3 / d, -0.4 / d]);
    expectClose(state.v, [0.025]);
  });
});

describe("the functional core rejects bad input, naming the argument", () => {
  const p = new Float64Array(3);
  it("lengths and state shapes", () => {
    expect(() => sgdStep(p, new Float64Array(2), sgdState(3), { eta: 0.1 })).toThrow(/^g: /);
    expect(() => adamStep(p, new Float64Array(3), adamState(2), { eta: 0.1 })).toThrow(/^state: /);
    expect(() =>
      adamStep(p, new Float64Array(3), adamState(3), { eta: 0.1, amsgrad: true }),
    ).toThrow(/^state: amsgrad/);
    expect(() =>
      rmspropStep(p, new Float64Array(3), rmspropState(3), { eta: 0.1, mu: 0.9 }),
    ).toThrow(/^state: momentum/);
  });

  it("hyperparameters, in the core's own names", () => {
    expect(() => sgdStep(p, p, sgdState(3), { eta: -1 })).toThrow(/^eta: /);
    expect(() => sgdStep(p, p, sgdState(3), { eta: 1, nesterov: true })).toThrow(/^nesterov: /);
    expect(() =>
      sgdStep(p, p, sgdState(3), { eta: 1, mu: 0.5, momentumForm: "ema", dampening: 0.1 }),
    ).toThrow(/^dampening: /);
    expect(() =>
      sgdStep(p, p, sgdState(3), { eta: 1, momentumForm: "nesterov" as MomentumForm }),
    ).toThrow(/^momentumForm: /);
    expect(() => adamStep(p, p, adamState(3), { eta: 1, beta2: 1 })).toThrow(/^beta2: /);
    expect(() => rmspropStep(p, p, rmspropState(3), { eta: 1, eps: NaN })).toThrow(/^eps: /);
    expect(() =>
      rmspropStep(p, p, rmspropState(3, { secondMoment: "norm" }), {
        eta: 1,
        centered: true,
        secondMoment: "norm",
      }),
    ).toThrow(/^centered: /);
  });
});
