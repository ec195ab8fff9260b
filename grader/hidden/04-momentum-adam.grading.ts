/**
 * Hidden grading tests for notebook 04: they run in the instructor's grading (batch, Gradescope)
 * and never ship to students; feedback shows their names and points, never this source.
 */
import type * as Module from "../../exercises/04-momentum-adam";
import {
  attempt,
  caseRng,
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

// Correct answers on valid input, by hand: the property tests below count only with them.
const adamFirstStep = () => {
  const state = { step: 0, m: new Float64Array(2), v: new Float64Array(2) };
  const g = Float64Array.of(2, -0.5);
  const out = attempt("adamStep", () => ex.adamStep(new Float64Array(2), g, state, { eta: 0.01 }));
  expectVector("adamStep's first step", out.p, [-0.01 / (1 + 5e-9), 0.01 / (1 + 2e-8)]);
};
const clipByHand = () => {
  const out = attempt("clipGradNorm", () => ex.clipGradNorm([Float64Array.of(3, 4)], 1));
  expectNumber("clipGradNorm([(3, 4)], 1).norm", out.norm, 5);
  expectVector("clipGradNorm([(3, 4)], 1).grads[0]", out.grads[0], [
    3 / (5 + 1e-6),
    4 / (5 + 1e-6),
  ]);
};

exercise("adamStep", (c) => {
  c.random(
    "scaling every gradient by 1000 leaves the steps unchanged (eps = 0)",
    1,
    () => {
      const r = caseRng("hidden-adamStep", 0);
      const n = 5;
      let p = r.vector(n);
      let q = Float64Array.from(p);
      let s = { step: 0, m: new Float64Array(n), v: new Float64Array(n) };
      let t = { step: 0, m: new Float64Array(n), v: new Float64Array(n) };
      for (let k = 0; k < 4; k++) {
        const g = r.vector(n);
        const big = g.map((v) => 1000 * v);
        const a = attempt("adamStep", () => ex.adamStep(p, g, s, { eta: 0.01, eps: 0 }));
        const b = attempt("adamStep", () => ex.adamStep(q, big, t, { eta: 0.01, eps: 0 }));
        expectVector(`p after step ${k + 1} with 1000 g`, b.p, a.p, { rtol: 1e-10 });
        [p, q, s, t] = [a.p, b.p, a.state, b.state];
      }
    },
    { withValue: adamFirstStep },
  );
});

exercise("sgdStep", (c) => {
  c.fixed("mu = 0 is plain gradient descent at any step, whatever the dampening", 1, () => {
    const h = { eta: 0.5, dampening: 0.9 };
    const state = { step: 3, buf: new Float64Array(1) };
    const p = Float64Array.of(1);
    const out = attempt("sgdStep", () => ex.sgdStep(p, Float64Array.of(1), state, h));
    expectVector("p", out.p, [0.5]);
  });
});

exercise("clipGradNorm", (c) => {
  c.edge(
    "the norm after clipping",
    1,
    () => {
      const grads = [Float64Array.of(30, -40), Float64Array.of(0, 120)];
      const out = attempt("clipGradNorm", () => ex.clipGradNorm(grads, 2), { grads });
      const clipped = Math.hypot(...out.grads.flatMap((g) => Array.from(g)));
      expectNumber("the norm after clipping", clipped, 2, { rtol: 1e-8 });
    },
    { withValue: clipByHand },
  );
});

// The notebook's questions: graded here, never released (their checks would give the answers
// away); students see each result and its explanation after the due date.
import { answerSheet, expectChoiceAnswer, expectNumericAnswer } from "../harness";

const quiz = answerSheet("momentumQuiz", ex.momentumQuiz);
exercise("momentumQuiz", (c) => {
  c.question("torchFirstStep", 1, "PyTorch's first step sets b_1 = g, so p_1 = -lr g.", () =>
    expectNumericAnswer(quiz(), "torchFirstStep", 0 - 0.1 * 1),
  );
  c.question("emaFirstStep", 1, "The EMA's m_1 = (1 - beta) g is ten times smaller.", () =>
    expectNumericAnswer(quiz(), "emaFirstStep", 0 - 0.1 * (1 - 0.9) * 1),
  );
  c.question("torchLimitFactor", 1, "b = mu b + g has the fixed point g / (1 - mu).", () =>
    expectNumericAnswer(quiz(), "torchLimitFactor", 1 / (1 - 0.9)),
  );
  c.question(
    "adamFirstStepCoordinate",
    1,
    "Bias correction makes Adam's first step eta sign(g) in every coordinate, however small g.",
    () => expectNumericAnswer(quiz(), "adamFirstStepCoordinate", -0.001 * Math.sign(-0.02)),
  );
  c.question("rmspropEps", 1, "torch.optim.RMSprop adds eps to sqrt(s), outside the root.", () =>
    expectChoiceAnswer(quiz(), "rmspropEps", "b", "abc"),
  );
});

/** The spectral radius of Nesterov's iteration on one curvature (computed here, not shipped). */
function nesterovRadius(alpha: number, beta: number, lambda: number): number {
  const q = 1 - alpha * lambda;
  const [trace, det] = [(1 + beta) * q, beta * q];
  const disc = trace * trace - 4 * det;
  if (disc < 0) return Math.sqrt(det);
  return (Math.abs(trace) + Math.sqrt(disc)) / 2;
}

exercise("nesterovTuned", (c) => {
  c.random("the rate is the worst over the interval, and no nearby beta does better", 2, () => {
    const worst = (beta: number, lo: number, hi: number) => {
      let w = 0;
      for (let j = 0; j <= 400; j++) {
        w = Math.max(w, nesterovRadius(1 / hi, beta, lo + ((hi - lo) * j) / 400));
      }
      return w;
    };
    for (let i = 0; i < 4; i++) {
      const r = caseRng("hidden-nesterovTuned", i);
      const lo = r.uniform(0.05, 2);
      const hi = lo * r.uniform(2, 2000);
      const out = attempt("nesterovTuned", () => ex.nesterovTuned(lo, hi));
      expectFields("nesterovTuned", out, ["beta", "rate"]);
      const at = worst(out.beta, lo, hi);
      expectNumber(`rate for [${lo}, ${hi}] (the worst at your beta)`, out.rate, at, {
        rtol: 1e-6,
      });
      for (const f of [0.99, 1.01]) {
        if (worst(out.beta * f, lo, hi) < at * (1 - 1e-9)) {
          throw new GradeFailure(
            `For [${lo}, ${hi}], beta = ${out.beta * f} has a smaller worst rate than yours, ${out.beta}.`,
          );
        }
      }
    }
  });
});
