/** Grading: notebook 02 (gradient descent, line search, learning-rate schedules). */
import type * as Module from "../../exercises/02-gradient-descent";
import type { ArmijoOptions } from "../../exercises/02-gradient-descent";
import {
  attempt,
  caseRng,
  expectExact,
  expectNumber,
  expectVector,
  exercise,
  expectThrows,
  GradeFailure,
  loadTarget,
  reference,
  type CaseRng,
} from "../harness";
import { expectMessageNames, thrownMessage } from "../harness/thrown";

const ref = await reference<typeof Module>("02-gradient-descent");
const ex = await loadTarget("02-gradient-descent", ref);

/** A random symmetric positive definite d x d matrix M M' + d I. */
function spd(r: CaseRng, d: number): number[][] {
  const M = Array.from({ length: d }, () => r.vector(d));
  return M.map((_, i) =>
    M.map((__, j) => M[i].reduce((s, v, k) => s + v * M[j][k], 0) + (i === j ? d : 0)),
  );
}

const matVec = (A: number[][], x: Float64Array) =>
  Float64Array.from(A, (row) => row.reduce((s, a, j) => s + a * x[j], 0));

exercise("gdStep", (c) => {
  const step = (p: Float64Array, g: Float64Array, eta: number) =>
    attempt("gdStep", () => ex.gdStep(p, g, eta), { p, g });
  c.fixed("(1, 2) - 0.1 (0.5, -1) = (0.95, 2.1)", 2, () => {
    expectVector("gdStep", step(Float64Array.of(1, 2), Float64Array.of(0.5, -1), 0.1), [0.95, 2.1]);
  });
  c.random("seeded vectors, against the reference", 2, () => {
    for (let i = 0; i < 5; i++) {
      const r = caseRng("gdStep", i);
      const [p, g, eta] = [r.vector(6), r.vector(6), r.uniform(0, 1)];
      expectVector(`gdStep (case ${i})`, step(p, g, eta), ref.gdStep(p, g, eta));
    }
  });
  c.edge(
    "empty parameters give an empty array",
    1,
    () => {
      expectVector("gdStep([], [], 0.1)", step(new Float64Array(0), new Float64Array(0), 0.1), []);
    },
    {
      withValue: () =>
        expectVector(
          "gdStep",
          step(Float64Array.of(1, 2), Float64Array.of(0.5, -1), 0.1),
          [0.95, 2.1],
        ),
    },
  );
  c.edge("eta = 0 returns a new array equal to p", 1, () => {
    const p = Float64Array.of(3, -4);
    const out = step(p, Float64Array.of(1, 1), 0);
    if (out === p) throw new GradeFailure("gdStep returned p itself; return a new array.");
    expectVector("gdStep(p, g, 0)", out, [3, -4]);
  });
});

exercise("gradientDescent", (c) => {
  const run = (grad: (p: Float64Array) => Float64Array, p0: Float64Array, eta: number, n: number) =>
    attempt("gradientDescent", () => ex.gradientDescent(grad, p0, eta, n), { p0 });
  const checkTrajectory = (what: string, out: unknown, want: ArrayLike<number>[]) => {
    if (!Array.isArray(out)) throw new GradeFailure(`${what} did not return an array of iterates.`);
    expectExact(`the number of iterates of ${what}`, out.length, want.length);
    want.forEach((w, t) => expectVector(`${what}: p_${t}`, out[t], w));
  };
  const halves = () => {
    const out = run((p) => Float64Array.from(p), Float64Array.of(4), 0.5, 5);
    checkTrajectory("gradientDescent", out, [[4], [2], [1], [0.5], [0.25], [0.125]]);
  };
  c.fixed("J = x^2 / 2, eta = 0.5 halves x: 4, 2, 1, 0.5, 0.25, 0.125", 1, halves);
  c.fixed("J = (x^2 + 10 y^2) / 2, eta = 0.1: p_t = (0.9^t, 0) after the first step", 1, () => {
    const out = run((p) => Float64Array.of(p[0], 10 * p[1]), Float64Array.of(1, 1), 0.1, 4);
    const want = [0, 1, 2, 3, 4].map((t) => [0.9 ** t, t === 0 ? 1 : 0]);
    checkTrajectory("gradientDescent", out, want);
  });
  c.random("seeded quadratics, against the reference", 1, () => {
    for (let i = 0; i < 3; i++) {
      const r = caseRng("gradientDescent", i);
      const A = spd(r, 4);
      const b = r.vector(4);
      const grad = (p: Float64Array) => matVec(A, p).map((v, j) => v - b[j]);
      const p0 = r.vector(4);
      const eta = r.uniform(0.01, 0.05);
      checkTrajectory(
        `gradientDescent (case ${i})`,
        run(grad, p0, eta, 20),
        ref.gradientDescent(grad, p0, eta, 20),
      );
    }
  });
  c.edge("steps = 0 gives [a copy of p0]", 1, () => {
    const p0 = Float64Array.of(1, 2);
    const out = run((p) => p, p0, 0.1, 0);
    checkTrajectory("gradientDescent(..., 0)", out, [[1, 2]]);
    if (Array.isArray(out) && out[0] === p0) {
      throw new GradeFailure("gradientDescent returned p0 itself as p_0; return a copy.");
    }
  });
  c.edge(
    "a diverging run (eta far too big) throws instead of returning Infinity/NaN",
    1,
    () => {
      expectThrows(
        "gradientDescent",
        () => ex.gradientDescent((p) => p.map((v) => 2 * v), Float64Array.of(1), 1e10, 100),
        "when the iterates overflow",
      );
    },
    { withValue: halves },
  );
  // J = (0.1 x^2 + 1000 y^2) / 2, eta = 0.5: y is multiplied by -499 per step and overflows at
  // step 115 while x shrinks (a check of only some coordinates, or of the first, misses it).
  const diverging = () =>
    ex.gradientDescent(
      (p) => Float64Array.of(0.1 * p[0], 1000 * p[1]),
      Float64Array.of(1, 1),
      0.5,
      300,
    );
  c.edge(
    "it throws when only one coordinate overflows",
    1,
    () => {
      expectThrows(
        "gradientDescent",
        diverging,
        "when y overflows (at step 115) and x stays finite",
      );
    },
    { withValue: halves },
  );
  // The diagnosis is what the exercise adds to the loop of gdStep: it carries most of the points.
  c.edge(
    "the error names the step (115) and the learning rate (0.5), as specified",
    5,
    () => {
      const message = thrownMessage("gradientDescent", diverging, "when y overflows at step 115");
      expectMessageNames("gradientDescent", message, [
        { name: "the step where the run diverged", values: [115, 114] },
        { name: "the learning rate", values: [0.5] },
      ]);
    },
    { withValue: halves },
  );
  c.edge(
    "a middle coordinate doubling from eta = 1.5: the error names step 1024 and 1.5",
    3,
    () => {
      // J = (x^2 + 2 y^2 + z^2 / 2) / 2: y is multiplied by 1 - 1.5 * 2 = -2 and 2^1024 overflows
      const run = () =>
        ex.gradientDescent(
          (p) => Float64Array.of(p[0], 2 * p[1], 0.5 * p[2]),
          Float64Array.of(1, 1, 1),
          1.5,
          2000,
        );
      const message = thrownMessage("gradientDescent", run, "when y overflows at step 1024");
      expectMessageNames("gradientDescent", message, [
        { name: "the step where the run diverged", values: [1024, 1023] },
        { name: "the learning rate", values: [1.5] },
      ]);
    },
    { withValue: halves },
  );
});

exercise("backtrackingLineSearch", (c) => {
  const search = (
    J: (p: Float64Array) => number,
    p: Float64Array,
    g: Float64Array,
    o?: ArmijoOptions,
  ) => attempt("backtrackingLineSearch", () => ex.backtrackingLineSearch(J, p, g, o), { p, g });
  const sq = (p: Float64Array) => p[0] * p[0];
  c.fixed("J = x^2 at x = 1 (g = 2): alpha = 1 is rejected, 0.5 accepted", 1, () => {
    expectNumber("backtrackingLineSearch", search(sq, Float64Array.of(1), Float64Array.of(2)), 0.5);
  });
  c.fixed("the first try is kept when it decreases enough (alpha0 = 0.3)", 1, () => {
    const out = search(sq, Float64Array.of(1), Float64Array.of(2), { alpha0: 0.3 });
    expectNumber("backtrackingLineSearch(alpha0 = 0.3)", out, 0.3);
  });
  c.random("seeded Rosenbrock points and options, against the reference", 3, () => {
    const rosen = (p: Float64Array) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2;
    const rosenGrad = (p: Float64Array) =>
      Float64Array.of(-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2), 200 * (p[1] - p[0] ** 2));
    for (let i = 0; i < 6; i++) {
      const r = caseRng("backtrackingLineSearch", i);
      const p = r.vector(2, 1.5);
      const g = rosenGrad(p);
      const o = { alpha0: r.uniform(0.5, 2), c: r.uniform(1e-4, 0.3), shrink: r.uniform(0.2, 0.8) };
      const want = ref.backtrackingLineSearch(rosen, p, g, o);
      expectNumber(`backtrackingLineSearch (case ${i})`, search(rosen, p, g, o), want, {
        rtol: 1e-12,
      });
    }
  });
  c.fixed("equality in the Armijo test accepts: c = 0.5 makes alpha = 0.5 exact (J = 0)", 1, () => {
    const out = search(sq, Float64Array.of(1), Float64Array.of(2), { c: 0.5 });
    expectNumber("backtrackingLineSearch(c = 0.5)", out, 0.5);
  });
  c.edge(
    "at most maxTries values: alpha0 = 8, maxTries = 4 stops at 1 (0.5 is not tried)",
    1,
    () => {
      // x^2 at 1, g = 2: alpha = 8, 4, 2, 1 all fail sufficient decrease (1 only just: 1 > 1 - 4c)
      const out = search(sq, Float64Array.of(1), Float64Array.of(2), { alpha0: 8, maxTries: 4 });
      expectNumber("backtrackingLineSearch(alpha0 = 8, maxTries = 4)", out, 0);
      const five = search(sq, Float64Array.of(1), Float64Array.of(2), { alpha0: 8, maxTries: 5 });
      expectNumber("backtrackingLineSearch(alpha0 = 8, maxTries = 5)", five, 0.5);
    },
  );
  c.fixed("sufficient decrease, not any decrease: c = 0.5, alpha0 = 0.75 gives 0.375", 4, () => {
    // x^2 at 1, g = 2: alpha = 0.75 lowers J to 0.25 but the test asks J <= 1 - 0.5 * 0.75 * 4
    const out = search(sq, Float64Array.of(1), Float64Array.of(2), { alpha0: 0.75, c: 0.5 });
    expectNumber("backtrackingLineSearch(alpha0 = 0.75, c = 0.5)", out, 0.375);
  });
  c.edge("no acceptable step within maxTries (an ascent direction) gives 0", 1, () => {
    const out = search(sq, Float64Array.of(1), Float64Array.of(-2), { maxTries: 10 });
    expectNumber("backtrackingLineSearch(ascent direction)", out, 0);
  });
});

exercise("exactQuadraticStep", (c) => {
  const step = (A: number[][], b: Float64Array, p: Float64Array) =>
    attempt("exactQuadraticStep", () => ex.exactQuadraticStep(A, b, p), { A, b, p });
  c.fixed("A = diag(1, 3), b = 0, p = (1, 1): g = (1, 3), alpha = 10 / 28", 2, () => {
    const out = step(
      [
        [1, 0],
        [0, 3],
      ],
      new Float64Array(2),
      Float64Array.of(1, 1),
    );
    expectNumber("exactQuadraticStep", out, 10 / 28);
  });
  c.random("seeded positive definite A, against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("exactQuadraticStep", i);
      const A = spd(r, 5);
      const [b, p] = [r.vector(5), r.vector(5)];
      expectNumber(
        `exactQuadraticStep (case ${i})`,
        step(A, b, p),
        ref.exactQuadraticStep(A, b, p),
      );
    }
  });
  c.edge("at the minimiser (g = 0) the step is 0", 1, () => {
    const out = step(
      [
        [1, 0],
        [0, 1],
      ],
      Float64Array.of(2, -1),
      Float64Array.of(2, -1),
    );
    expectNumber("exactQuadraticStep at the minimiser", out, 0);
  });
  c.edge("one dimension: J = 2 x^2 gives alpha = 1/4 (= 1/a)", 1, () => {
    expectNumber(
      "exactQuadraticStep([[4]])",
      step([[4]], Float64Array.of(0), Float64Array.of(1)),
      0.25,
    );
  });
});

exercise("stepDecay", (c) => {
  const sd = (t: number, eta0: number, gamma: number, s: number) =>
    attempt("stepDecay", () => ex.stepDecay(t, eta0, s, gamma));
  c.fixed("eta0 = 0.1, s = 10, gamma = 0.5 at t = 0, 9, 10, 25", 2, () => {
    const want: [number, number][] = [
      [0, 0.1],
      [9, 0.1],
      [10, 0.05],
      [25, 0.025],
    ];
    for (const [t, eta] of want)
      expectNumber(`stepDecay(${t}, 0.1, 10, 0.5)`, sd(t, 0.1, 0.5, 10), eta);
  });
  c.random("seeded parameters, against the reference", 1, () => {
    const r = caseRng("stepDecay", 0);
    for (let i = 0; i < 10; i++) {
      const [t, eta0, gamma, s] = [
        r.int(0, 100),
        r.uniform(0.01, 1),
        r.uniform(0.1, 0.9),
        r.int(1, 20),
      ];
      expectNumber(`stepDecay(${t}, ...)`, sd(t, eta0, gamma, s), ref.stepDecay(t, eta0, s, gamma));
    }
  });
  c.edge("s = 1 decays every step: eta0 gamma^t", 1, () => {
    expectNumber("stepDecay(3, 0.1, 1, 0.5)", sd(3, 0.1, 0.5, 1), 0.0125);
  });
});

exercise("cosineAnnealing", (c) => {
  const ca = (t: number, T: number, etaMax: number, etaMin?: number) =>
    attempt("cosineAnnealing", () => ex.cosineAnnealing(t, etaMax, T, etaMin));
  c.fixed("starts at eta_max, ends at eta_min, passes the mean half-way", 2, () => {
    expectNumber("cosineAnnealing(0, 0.1, 100, 0.001)", ca(0, 100, 0.1, 0.001), 0.1);
    expectNumber("cosineAnnealing(100, 0.1, 100, 0.001)", ca(100, 100, 0.1, 0.001), 0.001);
    expectNumber("cosineAnnealing(50, 0.1, 100, 0.001)", ca(50, 100, 0.1, 0.001), 0.0505);
  });
  c.random("seeded parameters, t up to 2 T, against the reference", 2, () => {
    const r = caseRng("cosineAnnealing", 0);
    for (let i = 0; i < 10; i++) {
      const T = r.int(1, 200);
      const [t, etaMax, etaMin] = [r.int(0, 2 * T), r.uniform(0.01, 1), r.uniform(0, 0.01)];
      expectNumber(
        `cosineAnnealing(${t}, etaMax, ${T}, etaMin)`,
        ca(t, T, etaMax, etaMin),
        ref.cosineAnnealing(t, etaMax, T, etaMin),
      );
    }
  });
  c.edge("after T the rate stays at eta_min", 2, () => {
    expectNumber("cosineAnnealing(150, 0.1, 100, 0.001)", ca(150, 100, 0.1, 0.001), 0.001);
  });
  c.edge("eta_min defaults to 0", 1, () => {
    expectNumber("cosineAnnealing(25, 1, 100)", ca(25, 100, 1), 0.5 * (1 + Math.SQRT1_2));
  });
});

// The lectures' schedules, a derived step size, and the questions.

exercise("linearDecay", (c) => {
  const ld = (t: number, a0: number, aRho: number, rho: number) =>
    attempt("linearDecay", () => ex.linearDecay(t, a0, aRho, rho));
  c.fixed("alpha0 1 to alpha_rho 0.1 over 10 steps: 1, 0.55, 0.1, then 0.1", 2, () => {
    expectNumber("linearDecay(0, 1, 0.1, 10)", ld(0, 1, 0.1, 10), 1);
    expectNumber("linearDecay(5, 1, 0.1, 10)", ld(5, 1, 0.1, 10), 0.55);
    expectNumber("linearDecay(10, 1, 0.1, 10)", ld(10, 1, 0.1, 10), 0.1);
    expectNumber("linearDecay(25, 1, 0.1, 10)", ld(25, 1, 0.1, 10), 0.1);
  });
  c.random("seeded parameters, t up to 2 rho, against the reference", 2, () => {
    const r = caseRng("linearDecay", 0);
    for (let i = 0; i < 12; i++) {
      const rho = r.int(1, 100);
      const [t, a0, aRho] = [r.int(0, 2 * rho), r.uniform(0.1, 1), r.uniform(0, 0.05)];
      expectNumber(
        `linearDecay(${t}, ${a0}, ${aRho}, ${rho})`,
        ld(t, a0, aRho, rho),
        ref.linearDecay(t, a0, aRho, rho),
      );
    }
  });
});

exercise("inverseTimeRecursion", (c) => {
  const itr = (a0: number, rho: number, T: number) =>
    attempt("inverseTimeRecursion", () => ex.inverseTimeRecursion(a0, rho, T));
  c.fixed("alpha0 1, rho 1: 1, 1, 1/2, 1/6, 1/24 (not 1 / (1 + t))", 2, () => {
    expectVector("inverseTimeRecursion(1, 1, 4)", itr(1, 1, 4), [1, 1, 1 / 2, 1 / 6, 1 / 24]);
  });
  c.random("seeded parameters, against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("inverseTimeRecursion", i);
      const [a0, rho, T] = [r.uniform(0.01, 1), r.uniform(0, 0.5), r.int(1, 30)];
      expectVector(`inverseTimeRecursion(${a0}, ${rho}, ${T})`, itr(a0, rho, T), [
        ...ref.inverseTimeRecursion(a0, rho, T),
      ]);
    }
  });
});

/** The worst-case factor max |1 - eta lambda| over [lo, hi], computed from its definition. */
const worstFactor = (eta: number, lo: number, hi: number) =>
  Math.max(Math.abs(1 - eta * lo), Math.abs(1 - eta * hi));

exercise("optimalFixedStep", (c) => {
  const ofs = (lo: number, hi: number) => {
    const out = attempt("optimalFixedStep", () => ex.optimalFixedStep(lo, hi));
    if (out === null || typeof out !== "object" || !("eta" in out) || !("rate" in out)) {
      throw new GradeFailure("optimalFixedStep must return an object with eta and rate.");
    }
    return out;
  };
  c.fixed("eigenvalues in [1, 9], by hand", 1, () => {
    const out = ofs(1, 9);
    expectNumber("eta", out.eta, 0.2);
    expectNumber("rate", out.rate, 0.8);
  });
  c.random(
    "seeded intervals: rate is the worst factor at eta, and no nearby eta does better",
    3,
    () => {
      const r = caseRng("optimalFixedStep", 0);
      for (let i = 0; i < 8; i++) {
        const lo = r.uniform(0.01, 2);
        const hi = lo * r.uniform(1.5, 1000);
        const { eta, rate } = ofs(lo, hi);
        const at = worstFactor(eta, lo, hi);
        expectNumber(`rate for [${lo}, ${hi}] (the worst factor at your eta)`, rate, at);
        for (const f of [0.999, 1.001]) {
          if (worstFactor(eta * f, lo, hi) < at * (1 - 1e-12)) {
            throw new GradeFailure(
              `For eigenvalues in [${lo}, ${hi}], eta = ${eta * f} has a smaller worst-case factor than your eta = ${eta}.`,
            );
          }
        }
      }
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Derivations: the exact step along any direction, steps to a tolerance, cosine's total rate.

exercise("exactQuadraticStep", (c) => {
  const along = (A: number[][], b: Float64Array, p: Float64Array, dir: Float64Array) =>
    attempt("exactQuadraticStep", () => ex.exactQuadraticStep(A, b, p, dir), { A, b, p, dir });
  const J = (A: number[][], b: Float64Array, x: ArrayLike<number>) =>
    A.reduce((s, row, i) => s + 0.5 * x[i] * row.reduce((t, a, j) => t + a * x[j], 0), 0) -
    Array.from(b).reduce((s, v, i) => s + v * x[i], 0);
  const diag = [
    [1, 0],
    [0, 3],
  ];
  c.fixed(
    "A = diag(1, 3), b = (1, 0), p = (2, 1) along d = (1, 0): alpha = -1 (uphill d)",
    3,
    () => {
      expectNumber(
        "exactQuadraticStep",
        along(diag, Float64Array.of(1, 0), Float64Array.of(2, 1), Float64Array.of(1, 0)),
        -1,
      );
    },
  );
  c.fixed(
    "along d = (0, 2) from the same p: alpha = -1/2, and along Newton's step alpha = 1",
    3,
    () => {
      const [b, p] = [Float64Array.of(1, 0), Float64Array.of(2, 1)];
      expectNumber("along (0, 2)", along(diag, b, p, Float64Array.of(0, 2)), -0.5);
      expectNumber(
        "along Newton's direction (-1, -1)",
        along(diag, b, p, Float64Array.of(-1, -1)),
        1,
      );
    },
  );
  c.random("seeded A, p and directions: alpha* beats every nearby alpha", 4, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("exactQuadraticStep", 100 + i);
      const A = spd(r, 4);
      const [b, p, dir] = [r.vector(4), r.vector(4), r.vector(4)];
      const alpha = along(A, b, p, dir);
      const at = (a: number) =>
        J(
          A,
          b,
          p.map((v, j) => v + a * dir[j]),
        );
      expectNumber(`alpha (case ${i})`, alpha, ref.exactQuadraticStep(A, b, p, dir), {
        rtol: 1e-9,
      });
      for (const e of [1e-3, -1e-3]) {
        if (at(alpha + e) < at(alpha) - 1e-12) {
          throw new GradeFailure(
            `J(p + alpha d) is smaller at alpha = ${alpha + e} than at your alpha = ${alpha}.`,
          );
        }
      }
    }
  });
  c.edge("d orthogonal to the gradient: J is flat to first order, the step is 0", 1, () => {
    expectNumber(
      "exactQuadraticStep",
      along(diag, Float64Array.of(1, 0), Float64Array.of(4, 1), Float64Array.of(1, -1)),
      0,
    );
  });
});

exercise("stepsToReach", (c) => {
  const s2r = (lo: number, hi: number, eps: number) =>
    attempt("stepsToReach", () => ex.stepsToReach(lo, hi, eps));
  c.fixed("eigenvalues in [1, 9], eps = 1e-3: 31 steps", 2, () => {
    expectExact("stepsToReach(1, 9, 1e-3)", s2r(1, 9, 1e-3), 31);
  });
  c.fixed("[1, 3], eps = 1/16: exactly 4 steps (the bound is reached exactly)", 2, () => {
    expectExact("stepsToReach(1, 3, 1/16)", s2r(1, 3, 1 / 16), 4);
  });
  c.random("seeded problems: t steps suffice and t - 1 do not (against the reference)", 3, () => {
    for (let i = 0; i < 6; i++) {
      const r = caseRng("stepsToReach", i);
      const lo = r.uniform(0.01, 2);
      const hi = lo * r.uniform(1.5, 1e4);
      const eps = Math.exp(-r.uniform(1, 30));
      expectExact(
        `stepsToReach(${lo}, ${hi}, ${eps})`,
        s2r(lo, hi, eps),
        ref.stepsToReach(lo, hi, eps),
      );
    }
  });
  c.edge("kappa = 1 needs one step, eps >= 1 none, and kappa = 1e8 billions (no loop)", 1, () => {
    expectExact("stepsToReach(2, 2, 1e-6)", s2r(2, 2, 1e-6), 1);
    expectExact("stepsToReach(1, 10, 1)", s2r(1, 10, 1), 0);
    expectExact("stepsToReach(2, 2, 1)", s2r(2, 2, 1), 0);
    expectExact("stepsToReach(1, 1e8, 1e-6)", s2r(1, 1e8, 1e-6), ref.stepsToReach(1, 1e8, 1e-6));
  });
});

exercise("cosineTotal", (c) => {
  const ct = (etaMax: number, T: number, etaMin?: number) =>
    attempt("cosineTotal", () => ex.cosineTotal(etaMax, T, etaMin));
  c.fixed("T = 1 and T = 2 by hand: 1 and 1.5 etaMax + 0.5 etaMin", 2, () => {
    expectNumber("cosineTotal(1, 1)", ct(1, 1), 1);
    expectNumber("cosineTotal(0.4, 2, 0.1)", ct(0.4, 2, 0.1), 0.65);
  });
  c.random("seeded schedules: equals the sum of the rates, t = 0 .. T - 1", 3, () => {
    for (let i = 0; i < 6; i++) {
      const r = caseRng("cosineTotal", i);
      const [etaMax, T, etaMin] = [r.uniform(0.1, 1), r.int(1, 400), r.uniform(0, 0.05)];
      let sum = 0;
      for (let t = 0; t < T; t++)
        sum += etaMin + 0.5 * (etaMax - etaMin) * (1 + Math.cos((Math.PI * t) / T));
      expectNumber(`cosineTotal(${etaMax}, ${T}, ${etaMin})`, ct(etaMax, T, etaMin), sum, {
        rtol: 1e-9,
      });
    }
  });
  c.edge("T = 10^12 (a closed form, no loop)", 1, () => {
    expectNumber("cosineTotal(1, 1e12)", ct(1, 1e12), ref.cosineTotal(1, 1e12), { rtol: 1e-12 });
  });
});
