/** Grading: notebook 04 (momentum, RMSProp, Adam, AdamW, gradient clipping). */
import type * as Module from "../../exercises/04-momentum-adam";
import type { AdamHyper, AdamState, StepResult } from "../../exercises/04-momentum-adam";
import {
  attempt,
  caseRng,
  expectExact,
  expectFields,
  expectNumber,
  expectVector,
  exercise,
  GradeFailure,
  loadTarget,
  reference,
} from "../harness";

const ref = await reference<typeof Module>("04-momentum-adam");
const ex = await loadTarget("04-momentum-adam", ref);

type Step<S, H> = (p: Float64Array, g: Float64Array, state: S, hyper: H) => StepResult<S>;

/** Call a step through `attempt` (time limit, no mutation of p, g or state) and check its shape. */
function stepper<S, H>(name: string, fn: Step<S, H>): Step<S, H> {
  return (p, g, state, hyper) => {
    const out = attempt(name, () => fn(p, g, state, hyper), { p, g, state });
    expectFields(name, out, ["p", "state"]);
    expectFields(`${name}'s state`, out.state, Object.keys(state as object));
    return out;
  };
}

/** Run `steps` steps of both the student's and the reference rule; compare after each step. */
function compareRuns<S extends { step: number }, H>(
  name: string,
  mine: Step<S, H>,
  theirs: Step<S, H>,
  init: (n: number) => S,
  hyper: H,
  seed: number,
  fields: (keyof S)[],
) {
  const r = caseRng(name, seed);
  const n = 6;
  let p: Float64Array = r.vector(n);
  let q: Float64Array = Float64Array.from(p);
  let [s, t] = [init(n), init(n)];
  for (let k = 1; k <= 5; k++) {
    const g = r.vector(n, 2);
    const a = mine(p, g, s, hyper);
    const b = theirs(q, g, t, hyper);
    expectVector(`p after step ${k} (case ${seed})`, a.p, b.p, { rtol: 1e-9 });
    expectExact(`state.step after step ${k}`, a.state.step, k);
    for (const f of fields) {
      expectVector(
        `state.${String(f)} after step ${k} (case ${seed})`,
        a.state[f],
        b.state[f] as ArrayLike<number>,
        {
          rtol: 1e-9,
        },
      );
    }
    [p, s, q, t] = [a.p, a.state, b.p, b.state];
  }
}

/**
 * Three steps from p0 with the gradients G, as computed by torch.optim (PyTorch 1.13, float64:
 * `p.grad = g; opt.step()`), an independent implementation of the same conventions.
 */
const P0 = [1.0, -2.0, 0.5];
const G = [
  [0.3, -0.1, 2.0],
  [-0.5, 0.4, 1.0],
  [0.2, 0.2, -0.3],
];
const TORCH: Record<string, number[][]> = {
  // SGD(lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)
  sgd: [
    [0.969, -1.988, 0.2995],
    [0.9852278999999999, -2.0114108, 0.028780449999999964],
    [0.9809463048899999, -2.0486702502800003, -0.18789304740500007],
  ],
  // SGD(lr=0.1, momentum=0.9, nesterov=True)
  nesterov: [
    [0.943, -1.981, 0.12],
    [1.0137, -2.0489, -0.23200000000000004],
    [0.99433, -2.11201, -0.40180000000000005],
  ],
  // RMSprop(lr=0.01, alpha=0.9, eps=1e-8)
  rmsprop: [
    [0.9683772267316492, -1.968377233398313, 0.4683772238983162],
    [0.9958597107175409, -1.99914646180068, 0.4536330285002178],
    [0.9849795358325468, -2.013576460166122, 0.45824568446944025],
  ],
  // Adam(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)
  adam: [
    [0.99000000025, -1.9900000003333334, 0.49000000004878047],
    [0.9905387996638321, -1.9885776344353776, 0.48064450623449995],
    [0.987922611046966, -1.9874983704190627, 0.4741510108992729],
  ],
  // AdamW(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)
  adamw: [
    [0.9890000003333334, -1.9880000009999999, 0.48950000005],
    [0.9909466123094796, -1.9916070357475129, 0.479688703720801],
    [0.9900282472389804, -1.9962955784636738, 0.47291754174754086],
  ],
};

/** Run the student's rule for three steps from P0 with G and compare with PyTorch's iterates. */
function matchTorch<S, H>(step: Step<S, H>, state: S, hyper: H, want: number[][]) {
  let p: Float64Array = Float64Array.from(P0);
  let s = state;
  G.forEach((g, k) => {
    const out = step(p, Float64Array.from(g), s, hyper);
    expectVector(`p after step ${k + 1} (PyTorch gives [${want[k].join(", ")}])`, out.p, want[k], {
      rtol: 1e-12,
    });
    [p, s] = [out.p, out.state];
  });
}

const sgd = stepper("sgdStep", ex.sgdStep);
const sgdInit = (n: number) => ({ step: 0, buf: new Float64Array(n) });

exercise("sgdStep", (c) => {
  c.fixed("mu = 0 is gradient descent: (1, 2) - 0.1 (0.5, -1)", 1, () => {
    const out = sgd(Float64Array.of(1, 2), Float64Array.of(0.5, -1), sgdInit(2), { eta: 0.1 });
    expectVector("p", out.p, [0.95, 2.1]);
    expectExact("state.step", out.state.step, 1);
  });
  c.fixed("two momentum steps by hand (mu = 0.9, g = 1): 0.9, then 0.71", 1, () => {
    const h = { eta: 0.1, mu: 0.9 };
    const one = sgd(Float64Array.of(1), Float64Array.of(1), sgdInit(1), h);
    expectVector("p after step 1 (b_1 = g)", one.p, [0.9]);
    const two = sgd(one.p, Float64Array.of(1), one.state, h);
    expectVector("p after step 2 (b_2 = 0.9 + 1)", two.p, [0.71]);
  });
  c.fixed("Nesterov's first step uses g + mu b_1 = 1.9 g", 2, () => {
    const out = sgd(Float64Array.of(1), Float64Array.of(1), sgdInit(1), {
      eta: 0.1,
      mu: 0.9,
      nesterov: true,
    });
    expectVector("p", out.p, [0.81]);
  });
  c.fixed("weight decay and dampening by hand (dampening is not applied at step 1)", 2, () => {
    const h = { eta: 0.1, mu: 0.5, dampening: 0.5, weightDecay: 0.1 };
    const one = sgd(Float64Array.of(2), Float64Array.of(1), sgdInit(1), h);
    expectVector("p after step 1", one.p, [1.88]);
    expectVector("p after step 2", sgd(one.p, Float64Array.of(1), one.state, h).p, [1.7606]);
  });
  c.fixed("three steps match torch.optim.SGD (momentum, dampening, weight decay)", 2, () => {
    const h = { eta: 0.1, mu: 0.9, dampening: 0.1, weightDecay: 0.01 };
    matchTorch(sgd, sgdInit(3), h, TORCH.sgd);
  });
  c.fixed("three steps match torch.optim.SGD (Nesterov)", 2, () => {
    matchTorch(sgd, sgdInit(3), { eta: 0.1, mu: 0.9, nesterov: true }, TORCH.nesterov);
  });
  c.random("five seeded steps with momentum, Nesterov, dampening, weight decay", 7, () => {
    const hypers = [
      { eta: 0.05, mu: 0.9 },
      { eta: 0.1, mu: 0.8, nesterov: true, weightDecay: 0.01 },
      { eta: 0.02, mu: 0.5, dampening: 0.3, weightDecay: 0.1 },
    ];
    hypers.forEach((h, i) => compareRuns("sgdStep", sgd, ref.sgdStep, sgdInit, h, i, ["buf"]));
  });
  c.edge(
    "empty parameters",
    1,
    () => {
      const out = sgd(new Float64Array(0), new Float64Array(0), sgdInit(0), { eta: 0.1, mu: 0.9 });
      expectVector("p", out.p, []);
    },
    {
      withValue: () =>
        expectVector(
          "p after one step (eta 0.1, mu 0.9, g = 1)",
          sgd(Float64Array.of(1), Float64Array.of(1), sgdInit(1), { eta: 0.1, mu: 0.9 }).p,
          [0.9],
        ),
    },
  );
});

const rms = stepper("rmspropStep", ex.rmspropStep);
const rmsInit = (n: number) => ({ step: 0, squareAvg: new Float64Array(n) });

exercise("rmspropStep", (c) => {
  c.fixed("first step from s = 0: p - eta g / (sqrt(0.01 g^2) + eps)", 2, () => {
    const out = rms(Float64Array.of(1, 1), Float64Array.of(2, -0.5), rmsInit(2), { eta: 0.01 });
    expectVector("state.squareAvg", out.state.squareAvg, [0.04, 0.0025]);
    expectVector("p", out.p, [1 - 0.02 / (0.2 + 1e-8), 1 + 0.005 / (0.05 + 1e-8)]);
  });
  c.fixed("three steps match torch.optim.RMSprop", 2, () => {
    matchTorch(rms, rmsInit(3), { eta: 0.01, alpha: 0.9 }, TORCH.rmsprop);
  });
  c.random("five seeded steps, against the reference", 3, () => {
    compareRuns("rmspropStep", rms, ref.rmspropStep, rmsInit, { eta: 0.01 }, 0, ["squareAvg"]);
    compareRuns(
      "rmspropStep",
      rms,
      ref.rmspropStep,
      rmsInit,
      { eta: 0.1, alpha: 0.9, eps: 1e-6 },
      1,
      ["squareAvg"],
    );
  });
  c.edge("a zero gradient leaves p unchanged (no 0/0)", 1, () => {
    expectVector("p", rms(Float64Array.of(3), Float64Array.of(0), rmsInit(1), { eta: 0.1 }).p, [3]);
  });
});

const adam = stepper("adamStep", ex.adamStep);
const adamw = stepper("adamwStep", ex.adamwStep);
const adamInit = (n: number): AdamState => ({
  step: 0,
  m: new Float64Array(n),
  v: new Float64Array(n),
});

exercise("adamStep", (c) => {
  const firstStep = () => {
    const g = Float64Array.of(3, -0.001, 1e-3);
    const out = adam(new Float64Array(3), g, adamInit(3), {});
    expectVector(
      "p",
      out.p,
      Array.from(g, (gi) => (-1e-3 * gi) / (Math.abs(gi) + 1e-8)),
    );
    expectExact("state.step", out.state.step, 1);
    expectVector("state.m", out.state.m, [0.3, -0.0001, 0.0001]);
  };
  c.fixed("the first step (t = 1) is eta g / (|g| + eps): bias correction at work", 2, firstStep);
  c.fixed("a constant gradient moves exactly eta / (1 + eps) per step (t = 1, 2, 3)", 1, () => {
    let out = adam(Float64Array.of(0), Float64Array.of(1), adamInit(1), {});
    for (let t = 2; t <= 3; t++) out = adam(out.p, Float64Array.of(1), out.state, {});
    expectVector("p after 3 steps", out.p, [(-3 * 1e-3) / (1 + 1e-8)], { rtol: 1e-10 });
  });
  c.fixed("three steps match torch.optim.Adam (with L2 weight decay)", 1, () => {
    matchTorch(adam, adamInit(3), { eta: 0.01, weightDecay: 0.1 }, TORCH.adam);
  });
  c.random("five seeded steps, with and without L2 weight decay", 4, () => {
    const hypers: AdamHyper[] = [
      {},
      { eta: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.1 },
    ];
    hypers.forEach((h, i) =>
      compareRuns("adamStep", adam, ref.adamStep, adamInit, h, i, ["m", "v"]),
    );
  });
  c.edge(
    "a zero first gradient leaves p unchanged",
    1,
    () => {
      expectVector("p", adam(Float64Array.of(5), Float64Array.of(0), adamInit(1), {}).p, [5]);
    },
    { withValue: firstStep },
  );
  c.edge("a huge gradient (1e100) still gives a step of about eta", 1, () => {
    expectVector("p", adam(Float64Array.of(0), Float64Array.of(1e100), adamInit(1), {}).p, [-1e-3]);
  });
});

exercise("adamwStep", (c) => {
  c.fixed("with g = 0 only the decoupled decay acts: 2 (1 - 0.1 * 0.5) = 1.9", 2, () => {
    const out = adamw(Float64Array.of(2), Float64Array.of(0), adamInit(1), {
      eta: 0.1,
      weightDecay: 0.5,
    });
    expectVector("p", out.p, [1.9]);
  });
  c.fixed("defaults (wd 0.01): p (1 - 1e-5) - 1e-3 g / (|g| + eps) on the first step", 1, () => {
    const out = adamw(Float64Array.of(1), Float64Array.of(1), adamInit(1), {});
    expectVector("p", out.p, [1 - 1e-5 - 1e-3 / (1 + 1e-8)], { rtol: 1e-12 });
  });
  c.fixed("three steps match torch.optim.AdamW", 1, () => {
    matchTorch(adamw, adamInit(3), { eta: 0.01, weightDecay: 0.1 }, TORCH.adamw);
  });
  c.random("five seeded steps, against the reference", 2, () => {
    const hypers: AdamHyper[] = [{}, { eta: 0.01, beta1: 0.85, weightDecay: 0.2 }];
    hypers.forEach((h, i) =>
      compareRuns("adamwStep", adamw, ref.adamwStep, adamInit, h, i, ["m", "v"]),
    );
  });
  c.edge("weight decay 0 is exactly Adam", 1, () => {
    const [p, g] = [Float64Array.of(1, -2), Float64Array.of(0.3, 0.7)];
    const want = ref.adamStep(p, g, adamInit(2), { eta: 0.01 });
    expectVector("p", adamw(p, g, adamInit(2), { eta: 0.01, weightDecay: 0 }).p, want.p);
  });
});

exercise("clipGradNorm", (c) => {
  const clip = (grads: Float64Array[], maxNorm: number) => {
    const out = attempt("clipGradNorm", () => ex.clipGradNorm(grads, maxNorm), { grads });
    expectFields("clipGradNorm", out, ["grads", "norm"]);
    if (!Array.isArray(out.grads)) throw new GradeFailure("clipGradNorm's grads is not an array.");
    expectExact("the number of clipped arrays", out.grads.length, grads.length);
    return out;
  };
  c.fixed("(3, 4) with maxNorm 1: norm 5, scaled by 1 / (5 + 1e-6)", 2, () => {
    const out = clip([Float64Array.of(3, 4)], 1);
    expectNumber("norm", out.norm, 5);
    expectVector("grads[0]", out.grads[0], [3 / (5 + 1e-6), 4 / (5 + 1e-6)]);
  });
  c.fixed("the norm is over all arrays together; below maxNorm nothing changes", 2, () => {
    const out = clip([Float64Array.of(0.3), Float64Array.of(0.4)], 1);
    expectNumber("norm", out.norm, 0.5);
    expectVector("grads[0]", out.grads[0], [0.3]);
    expectVector("grads[1]", out.grads[1], [0.4]);
  });
  c.fixed("matches torch.nn.utils.clip_grad_norm_ on [(3, 4), (12)] with max_norm 5", 1, () => {
    const out = clip([Float64Array.of(3, 4), Float64Array.of(12)], 5);
    expectNumber("norm", out.norm, 13);
    expectVector("grads[0]", out.grads[0], [1.1538460650887643, 1.5384614201183524], {
      rtol: 1e-12,
    });
    expectVector("grads[1]", out.grads[1], [4.615384260355057], { rtol: 1e-12 });
  });
  c.random("seeded gradient lists, against the reference", 1, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("clipGradNorm", i);
      const grads = Array.from({ length: r.int(1, 4) }, () => r.vector(r.int(1, 6), 3));
      const maxNorm = r.uniform(0.5, 8);
      const want = ref.clipGradNorm(grads, maxNorm);
      const out = clip(grads, maxNorm);
      expectNumber(`norm (case ${i})`, out.norm, want.norm, { rtol: 1e-12 });
      want.grads.forEach((w, j) => expectVector(`grads[${j}] (case ${i})`, out.grads[j], w));
    }
  });
  c.random("seeded lists inside and outside the ball: min(1, .) leaves the inside ones", 6, () => {
    for (let i = 0; i < 6; i++) {
      const r = caseRng("clipGradNorm-ball", i);
      const grads = Array.from({ length: r.int(1, 3) }, () => r.vector(r.int(1, 4)));
      const norm = Math.hypot(...grads.flatMap((g) => Array.from(g)));
      const maxNorm = norm * (i % 2 === 0 ? r.uniform(1.01, 3) : r.uniform(0.2, 0.9));
      const want = ref.clipGradNorm(grads, maxNorm);
      const out = clip(grads, maxNorm);
      expectNumber(`norm (case ${i})`, out.norm, want.norm, { rtol: 1e-12 });
      want.grads.forEach((w, j) => expectVector(`grads[${j}] (case ${i})`, out.grads[j], w));
    }
  });
  c.edge("no arrays: norm 0 and an empty list", 1, () => {
    expectNumber("norm", clip([], 1).norm, 0);
  });
  c.edge("all-zero gradients stay zero (no NaN)", 1, () => {
    const out = clip([new Float64Array(3)], 1);
    expectNumber("norm", out.norm, 0);
    expectVector("grads[0]", out.grads[0], [0, 0, 0]);
  });
});

// The lectures' own forms (EMA, heavy ball, norm-form RMSProp and Adam) and the questions.

type BufferFn = (
  p: Float64Array,
  g: Float64Array,
  buf: Float64Array,
  a: number,
  b: number,
) => Module.BufferStep;
function bufferStepper(name: string, fn: BufferFn): BufferFn {
  return (p, g, buf, a, b) => {
    const out = attempt(name, () => fn(p, g, buf, a, b), { p, g, buf });
    expectFields(name, out, ["p", "buf"]);
    return out;
  };
}

/** Five seeded steps of a buffer rule, the student's against the reference's. */
function compareBufferRuns(name: string, mine: BufferFn, theirs: BufferFn, i: number) {
  const r = caseRng(name, i);
  const [a, b] = [r.uniform(0.01, 0.5), r.uniform(0, 0.95)];
  let [p, buf]: Float64Array[] = [r.vector(5), new Float64Array(5)];
  for (let k = 1; k <= 5; k++) {
    const g = r.vector(5, 2);
    const want = theirs(p, g, buf, a, b);
    const out = mine(p, g, buf, a, b);
    expectVector(`p after step ${k} (case ${i})`, out.p, want.p, { rtol: 1e-10 });
    expectVector(`buf after step ${k} (case ${i})`, out.buf, want.buf, { rtol: 1e-10 });
    [p, buf] = [want.p, want.buf];
  }
}

const ema = bufferStepper("emaMomentumStep", ex.emaMomentumStep);
exercise("emaMomentumStep", (c) => {
  c.fixed("two steps by hand (eta 0.1, beta 0.9, g = 1): m = 0.1, 0.19; p = 0.99, 0.971", 2, () => {
    const one = ema(Float64Array.of(1), Float64Array.of(1), Float64Array.of(0), 0.1, 0.9);
    expectVector("buf after step 1", one.buf, [0.1]);
    expectVector("p after step 1", one.p, [0.99]);
    const two = ema(one.p, Float64Array.of(1), one.buf, 0.1, 0.9);
    expectVector("buf after step 2", two.buf, [0.19]);
    expectVector("p after step 2", two.p, [0.971]);
  });
  c.random("five seeded steps, against the reference", 2, () => {
    for (let i = 0; i < 3; i++) compareBufferRuns("emaMomentumStep", ema, ref.emaMomentumStep, i);
  });
});

const heavy = bufferStepper("heavyBallStep", ex.heavyBallStep);
exercise("heavyBallStep", (c) => {
  c.fixed("two steps by hand (alpha 0.1, lambda 0.9, g = 1): v = -0.1, -0.19", 2, () => {
    const one = heavy(Float64Array.of(1), Float64Array.of(1), Float64Array.of(0), 0.1, 0.9);
    expectVector("buf after step 1", one.buf, [-0.1]);
    expectVector("p after step 1", one.p, [0.9]);
    const two = heavy(one.p, Float64Array.of(1), one.buf, 0.1, 0.9);
    expectVector("buf after step 2", two.buf, [-0.19]);
    expectVector("p after step 2", two.p, [0.71]);
  });
  c.random("five seeded steps, against the reference", 2, () => {
    for (let i = 0; i < 3; i++) compareBufferRuns("heavyBallStep", heavy, ref.heavyBallStep, i);
  });
});

/** The student's (alpha, lambda) for (eta, beta), checked to be two numbers. */
function mapping(eta: number, beta: number): Module.HeavyBallHyper {
  const out = attempt("heavyBallFromEma", () => ex.heavyBallFromEma(eta, beta));
  expectFields("heavyBallFromEma", out, ["alpha", "lambda"]);
  return out;
}
exercise("heavyBallFromEma", (c) => {
  c.fixed(
    "eta 0.1, beta 0.9, gradients 1, 1, -2: the EMA form's iterates 0.99, 0.971, 0.9739",
    1,
    () => {
      const { alpha, lambda } = mapping(0.1, 0.9);
      let [q, v] = [1, 0];
      [1, 1, -2].forEach((g, k) => {
        v = lambda * v - alpha * g;
        q += v;
        expectNumber(`heavy-ball p_${k + 1}`, q, [0.99, 0.971, 0.9739][k], { rtol: 1e-9 });
      });
    },
  );
  c.random("seeded (eta, beta): the two forms give the same ten iterates", 3, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("heavyBallFromEma", i);
      const [eta, beta] = [r.uniform(0.01, 1), r.uniform(0, 0.99)];
      const { alpha, lambda } = mapping(eta, beta);
      // both forms computed here, from the definitions, with the student's alpha and lambda
      let [p, q, m, v] = [1, 1, 0, 0];
      for (let k = 1; k <= 10; k++) {
        const g = r.normal();
        m = beta * m + (1 - beta) * g;
        p -= eta * m;
        v = lambda * v - alpha * g;
        q += v;
        expectNumber(`heavy-ball p_${k} for eta ${eta}, beta ${beta} (case ${i})`, q, p, {
          rtol: 1e-9,
        });
      }
    }
  });
});

/** The heavy ball's rate for eigenvalue `ev`: the spectral radius of its 2 x 2 matrix. */
function heavyBallRate(alpha: number, lambda: number, ev: number): number {
  const tr = 1 + lambda - alpha * ev; // roots of z^2 - tr z + lambda
  const disc = tr * tr - 4 * lambda;
  if (disc < 0) return Math.sqrt(lambda);
  return Math.max(Math.abs((tr + Math.sqrt(disc)) / 2), Math.abs((tr - Math.sqrt(disc)) / 2));
}
exercise("optimalHeavyBall", (c) => {
  const ohb = (lo: number, hi: number) => {
    const out = attempt("optimalHeavyBall", () => ex.optimalHeavyBall(lo, hi));
    expectFields("optimalHeavyBall", out, ["alpha", "lambda"]);
    return out;
  };
  c.fixed("eigenvalues in [1, 9], by hand", 1, () => {
    const out = ohb(1, 9);
    expectNumber("alpha", out.alpha, 0.25);
    expectNumber("lambda", out.lambda, 0.25);
  });
  c.random("seeded intervals: the worst rate is the optimum (sqrt k - 1) / (sqrt k + 1)", 3, () => {
    const r = caseRng("optimalHeavyBall", 0);
    for (let i = 0; i < 6; i++) {
      const lo = r.uniform(0.01, 2);
      const hi = lo * r.uniform(2, 1e4);
      const { alpha, lambda } = ohb(lo, hi);
      const grid = Array.from({ length: 201 }, (_, j) => lo + ((hi - lo) * j) / 200);
      const worst = Math.max(...grid.map((ev) => heavyBallRate(alpha, lambda, ev)));
      const best = (Math.sqrt(hi / lo) - 1) / (Math.sqrt(hi / lo) + 1);
      expectNumber(`largest rate over [${lo}, ${hi}]`, worst, best, { rtol: 1e-6 });
    }
  });
});

function normRms(p: Float64Array, g: Float64Array, s: number, h: Module.NormRmspropHyper) {
  const out = attempt("normRmspropStep", () => ex.normRmspropStep(p, g, s, h), { p, g });
  expectFields("normRmspropStep", out, ["p", "s"]);
  return out;
}
function compareNormRms(epsInside: boolean) {
  for (let i = 0; i < 3; i++) {
    const r = caseRng(`normRmspropStep:${epsInside}`, i);
    const h = { eta: r.uniform(0.001, 0.1), beta: r.uniform(0.5, 0.99), eps: 0.01, epsInside };
    let [p, s] = [r.vector(4), 0];
    for (let k = 1; k <= 5; k++) {
      const g = r.vector(4);
      const want = ref.normRmspropStep(p, g, s, h);
      const out = normRms(p, g, s, h);
      expectNumber(`s after step ${k} (case ${i})`, out.s, want.s, { rtol: 1e-10 });
      expectVector(`p after step ${k} (case ${i})`, out.p, want.p, { rtol: 1e-10 });
      [p, s] = [want.p, want.s];
    }
  }
}
exercise("normRmspropStep", (c) => {
  const [p, g] = [Float64Array.of(1, 2), Float64Array.of(3, 4)];
  c.fixed("g = (3, 4), beta 0.9: s = 0.1 * 25, one scale for both coordinates", 1, () => {
    const out = normRms(p, g, 0, { eta: 0.1, beta: 0.9, eps: 0 });
    expectNumber("s", out.s, 2.5);
    expectVector("p", out.p, [1 - 0.3 / Math.sqrt(2.5), 2 - 0.4 / Math.sqrt(2.5)]);
  });
  c.fixed("eps 1 inside the root gives g / sqrt(25 + 1), outside g / (5 + 1)", 1.5, () => {
    const inside = normRms(p, g, 0, { eta: 0.1, beta: 0, eps: 1, epsInside: true });
    expectVector("p (eps inside)", inside.p, [1 - 0.3 / Math.sqrt(26), 2 - 0.4 / Math.sqrt(26)]);
    const outside = normRms(p, g, 0, { eta: 0.1, beta: 0, eps: 1 });
    expectVector("p (eps outside)", outside.p, [1 - 0.3 / 6, 2 - 0.4 / 6]);
  });
  c.random("five seeded steps, eps outside the root, against the reference", 1, () =>
    compareNormRms(false),
  );
  c.random("five seeded steps, eps inside the root, against the reference", 1.5, () =>
    compareNormRms(true),
  );
});

function normAdam(p: Float64Array, g: Float64Array, state: Module.NormAdamState, h: AdamHyper) {
  const out = attempt("normAdamStep", () => ex.normAdamStep(p, g, state, h), { p, g, state });
  expectFields("normAdamStep", out, ["p", "state"]);
  expectFields("normAdamStep's state", out.state, ["step", "m", "v"]);
  return out;
}
exercise("normAdamStep", (c) => {
  c.fixed("first step, g = (3, 4), eps 0: p moves by -eta g / ||g|| = -0.001 (0.6, 0.8)", 2, () => {
    const state = { step: 0, m: new Float64Array(2), v: 0 };
    const out = normAdam(new Float64Array(2), Float64Array.of(3, 4), state, { eps: 0 });
    expectVector("p", out.p, [-0.0006, -0.0008]);
    expectVector("state.m", out.state.m, [0.3, 0.4]);
    expectNumber("state.v", out.state.v, 0.001 * 25);
    expectExact("state.step", out.state.step, 1);
  });
  c.random("five seeded steps, against the reference", 3, () => {
    for (let i = 0; i < 3; i++) {
      const r = caseRng("normAdamStep", i);
      const h = { eta: r.uniform(0.001, 0.1), beta1: r.uniform(0.5, 0.95), eps: 1e-8 };
      let p = r.vector(5);
      let state: Module.NormAdamState = { step: 0, m: new Float64Array(5), v: 0 };
      for (let k = 1; k <= 5; k++) {
        const g = r.vector(5, 2);
        const want = ref.normAdamStep(p, g, state, h);
        const out = normAdam(p, g, state, h);
        expectVector(`p after step ${k} (case ${i})`, out.p, want.p, { rtol: 1e-10 });
        expectVector(`state.m after step ${k} (case ${i})`, out.state.m, want.state.m);
        expectNumber(`state.v after step ${k} (case ${i})`, out.state.v, want.state.v);
        [p, state] = [want.p, want.state];
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Derivations: Nesterov's rate on a quadratic, and its best momentum for a given step.

/** The measured rate of Nesterov's look-ahead iteration on lambda p^2 / 2 (renormalised run). */
function measuredNesterovRate(alpha: number, beta: number, lambda: number): number {
  let [prev, cur] = [1, 0.3];
  let logGrowth = 0;
  const [burnIn, window] = [2000, 2000];
  for (let t = 0; t < burnIn + window; t++) {
    const y = cur + beta * (cur - prev);
    [prev, cur] = [cur, y - alpha * lambda * y];
    const size = Math.hypot(prev, cur);
    if (size === 0) return 0;
    if (t >= burnIn) logGrowth += Math.log(size);
    [prev, cur] = [prev / size, cur / size];
  }
  return Math.exp(logGrowth / window);
}

exercise("nesterovRate", (c) => {
  const nr = (alpha: number, beta: number, lambda: number) =>
    attempt("nesterovRate", () => ex.nesterovRate(alpha, beta, lambda));
  c.fixed("beta = 0 is gradient descent: alpha 0.1, lambda 5 gives 1/2", 1, () => {
    expectNumber("nesterovRate(0.1, 0, 5)", nr(0.1, 0, 5), 0.5);
  });
  c.fixed("alpha 0.25, beta 0.5, lambda 1: complex roots, rate sqrt(3/8)", 2, () => {
    expectNumber("nesterovRate(0.25, 0.5, 1)", nr(0.25, 0.5, 1), Math.sqrt(3 / 8));
  });
  c.random("seeded (alpha, beta, lambda): the rate measured on a long run", 3, () => {
    for (let i = 0; i < 6; i++) {
      const r = caseRng("nesterovRate", i);
      const [beta, lambda] = [r.uniform(0, 0.95), r.uniform(0.1, 10)];
      const alpha = r.uniform(0.05, 2.2) / lambda;
      const got = nr(alpha, beta, lambda);
      expectNumber(
        `nesterovRate(${alpha}, ${beta}, ${lambda})`,
        got,
        measuredNesterovRate(alpha, beta, lambda),
        { rtol: 2e-3 },
      );
      expectNumber(
        `nesterovRate (case ${i}), against the reference`,
        got,
        ref.nesterovRate(alpha, beta, lambda),
        { rtol: 1e-9 },
      );
    }
  });
  c.edge("alpha lambda = 1 lands on the minimum in one step: rate 0", 1, () => {
    expectNumber("nesterovRate(0.5, 0.9, 2)", nr(0.5, 0.9, 2), 0, { atol: 1e-12 });
  });
});

exercise("nesterovTuned", (c) => {
  const nt = (lo: number, hi: number) => {
    const out = attempt("nesterovTuned", () => ex.nesterovTuned(lo, hi));
    expectFields("nesterovTuned", out, ["beta", "rate"]);
    return out;
  };
  c.fixed("curvatures in [1, 100]: beta = 9/11, rate 0.9", 2, () => {
    const out = nt(1, 100);
    expectNumber("beta", out.beta, 9 / 11);
    expectNumber("rate", out.rate, 0.9);
  });
  c.fixed("curvatures in [1, 4]: beta = 1/3, rate 1/2", 1, () => {
    const out = nt(1, 4);
    expectNumber("beta", out.beta, 1 / 3);
    expectNumber("rate", out.rate, 0.5);
  });
  c.random("seeded intervals, against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("nesterovTuned", i);
      const lo = r.uniform(0.05, 2);
      const hi = lo * r.uniform(2, 2000);
      const out = nt(lo, hi);
      const want = ref.nesterovTuned(lo, hi);
      expectNumber(`beta for [${lo}, ${hi}]`, out.beta, want.beta, { rtol: 1e-9 });
      expectNumber(`rate for [${lo}, ${hi}]`, out.rate, want.rate, { rtol: 1e-9 });
    }
  });
});
