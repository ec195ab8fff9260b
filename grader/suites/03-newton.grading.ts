/** Grading: notebook 03 (Newton's method, damped Newton, BFGS). */
import type * as Module from "../../exercises/03-newton";
import type { DampedNewtonOptions, Matrix } from "../../exercises/03-newton";
import {
  attempt,
  caseRng,
  expectExact,
  expectFields,
  expectMatrix,
  expectNumber,
  expectVector,
  exercise,
  expectThrows,
  loadTarget,
  reference,
  GradeFailure,
} from "../harness";
import { shownMessage, thrownMessage } from "../harness/thrown";
import {
  hyperbolic,
  matVec,
  quartic,
  rosen,
  rosenGrad,
  rosenHess,
  saddle,
  spd,
} from "./support/newton-objectives";

const ref = await reference<typeof Module>("03-newton");
const ex = await loadTarget("03-newton", ref);

exercise("newtonRoot", (c) => {
  const root = (
    f: (x: number) => number,
    df: (x: number) => number,
    x0: number,
    maxIter?: number,
  ) => {
    const out = attempt("newtonRoot", () => ex.newtonRoot(f, df, x0, 1e-12, maxIter));
    expectFields("newtonRoot", out, ["x", "iterations"]);
    return out;
  };
  const sqrt2 = () => {
    expectNumber(
      "x",
      root(
        (x) => x * x - 2,
        (x) => 2 * x,
        1,
      ).x,
      Math.SQRT2,
      { rtol: 1e-12 },
    );
  };
  c.fixed("x^2 - 2 from x0 = 1 finds sqrt 2", 1, sqrt2);
  c.fixed("x^3 - 27 from x0 = 4 finds 3", 1, () => {
    expectNumber(
      "x",
      root(
        (x) => x ** 3 - 27,
        (x) => 3 * x * x,
        4,
      ).x,
      3,
      { rtol: 1e-12 },
    );
  });
  c.fixed("a linear f = 2x - 3 is solved in exactly 1 iteration", 1, () => {
    const out = root(
      (x) => 2 * x - 3,
      () => 2,
      10,
    );
    expectNumber("x", out.x, 1.5);
    expectExact("iterations", out.iterations, 1);
  });
  c.random("seeded cubics with a root in [1, 2], against the reference", 1, () => {
    for (let i = 0; i < 5; i++) {
      const r = caseRng("newtonRoot", i);
      const a = r.uniform(1, 2);
      const q = r.uniform(0.5, 2);
      const f = (x: number) => (x - a) * (x * x + q);
      const df = (x: number) => x * x + q + 2 * x * (x - a);
      const x0 = a + r.uniform(-0.5, 0.5);
      const want = ref.newtonRoot(f, df, x0);
      const out = root(f, df, x0);
      expectNumber(`x (case ${i})`, out.x, want.x, { rtol: 1e-12 });
      expectExact(`iterations (case ${i})`, out.iterations, want.iterations);
    }
  });
  c.edge("starting at a root takes 0 iterations", 1, () => {
    expectExact(
      "iterations",
      root(
        (x) => x - 5,
        () => 1,
        5,
      ).iterations,
      0,
    );
  });
  c.edge(
    "a flat tangent (f'(x0) = 0) throws",
    1,
    () => {
      expectThrows(
        "newtonRoot",
        () =>
          ex.newtonRoot(
            (x) => x * x + 1,
            (x) => 2 * x,
            0,
          ),
        "when f'(x) = 0",
      );
    },
    { withValue: sqrt2 },
  );
  c.edge("tol = 0 stops at an exact root (the test is |f(x)| <= tol, not < tol)", 1, () => {
    const f = (x: number) => 2 * x - 3;
    const out = attempt("newtonRoot", () => ex.newtonRoot(f, () => 2, 0, 0));
    expectFields("newtonRoot", out, ["x", "iterations"]);
    expectExact("iterations", out.iterations, 1);
    expectNumber("x", out.x, 1.5);
  });
  c.edge(
    "the flat tangent stops the iteration at once (f' is evaluated once)",
    1,
    () => {
      let calls = 0;
      const df = (x: number) => (calls++, 2 * x);
      expectThrows("newtonRoot", () => ex.newtonRoot((x) => x * x + 1, df, 0), "when f'(x0) = 0");
      expectExact("the number of f' evaluations", calls, 1);
    },
    { withValue: sqrt2 },
  );
  c.edge(
    "maxIter = the updates needed is enough; one fewer throws",
    8,
    () => {
      const f = (x: number) => x * x - 2;
      const df = (x: number) => 2 * x;
      const k = ref.newtonRoot(f, df, 1).iterations;
      const out = root(f, df, 1, k);
      expectExact(`iterations (maxIter = ${k})`, out.iterations, k);
      expectNumber(`x (maxIter = ${k})`, out.x, Math.SQRT2, { rtol: 1e-12 });
      expectThrows(
        "newtonRoot",
        () => ex.newtonRoot(f, df, 1, 1e-12, k - 1),
        `with maxIter = ${k - 1}`,
      );
    },
    { withValue: sqrt2 },
  );
  c.edge(
    "no root (x^2 + 1) throws after maxIter",
    2,
    () => {
      expectThrows(
        "newtonRoot",
        () =>
          ex.newtonRoot(
            (x) => x * x + 1,
            (x) => 2 * x,
            0.5,
            1e-12,
            20,
          ),
        "when it does not converge",
      );
    },
    { withValue: sqrt2 },
  );
});

exercise("solveLinear", (c) => {
  const solve = (A: Matrix, b: Float64Array) =>
    attempt("solveLinear", () => ex.solveLinear(A, b), { A, b });
  const byHand = () => {
    expectVector(
      "solveLinear",
      solve(
        [
          [2, 1],
          [1, 3],
        ],
        Float64Array.of(3, 5),
      ),
      [0.8, 1.4],
    );
  };
  c.fixed("[[2, 1], [1, 3]] x = (3, 5) gives x = (0.8, 1.4)", 1, byHand);
  c.fixed("a zero on the diagonal needs pivoting: [[0, 1], [1, 0]] x = (2, 3)", 2, () => {
    expectVector(
      "solveLinear",
      solve(
        [
          [0, 1],
          [1, 0],
        ],
        Float64Array.of(2, 3),
      ),
      [3, 2],
    );
  });
  c.random("seeded 6 x 6 systems, against the reference", 1, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("solveLinear", i);
      const A = Array.from({ length: 6 }, (_, k) =>
        Array.from(r.vector(6), (v, j) => v + (j === k ? 4 : 0)),
      );
      const b = r.vector(6);
      expectVector(`solveLinear (case ${i})`, solve(A, b), ref.solveLinear(A, b), { rtol: 1e-9 });
    }
  });
  c.fixed("a tiny pivot needs the swap: [[1e-20, 1], [1, 1]] x = (1, 2) gives (1, 1)", 3, () => {
    // Without the swap, eliminating with the pivot 1e-20 loses x_1 entirely (it comes out 0).
    const A = [
      [1e-20, 1],
      [1, 1],
    ];
    expectVector("solveLinear", solve(A, Float64Array.of(1, 2)), [1, 1], { rtol: 1e-12 });
    // and the largest entry is chosen, not the last row: [[1, 1], [1e-20, 1]] x = (2, 1)
    const B = [A[1], A[0]];
    expectVector("solveLinear", solve(B, Float64Array.of(2, 1)), [1, 1], { rtol: 1e-12 });
  });
  c.random("seeded 5 x 5 systems with tiny diagonals (pivoting is needed)", 3, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("solveLinear-pivoting", i);
      const A = Array.from({ length: 5 }, (_, k) =>
        Array.from(r.vector(5), (v, j) => (j === k ? 1e-14 * v : v)),
      );
      const b = r.vector(5);
      expectVector(`solveLinear (case ${i})`, solve(A, b), ref.solveLinear(A, b), { rtol: 1e-8 });
    }
  });
  c.edge(
    "a singular matrix throws",
    1,
    () => {
      expectThrows(
        "solveLinear",
        () =>
          ex.solveLinear(
            [
              [1, 2],
              [2, 4],
            ],
            Float64Array.of(1, 1),
          ),
        "for a singular matrix",
      );
    },
    { withValue: byHand },
  );
  c.edge(
    "the error says that the matrix is singular",
    1,
    () => {
      const A = [
        [1, 2],
        [2, 4],
      ];
      const message = thrownMessage(
        "solveLinear",
        () => ex.solveLinear(A, Float64Array.of(1, 1)),
        "for a singular matrix",
      );
      if (!/singular/i.test(message)) {
        throw new GradeFailure(
          `solveLinear's error "${shownMessage(message)}" does not say "singular".`,
        );
      }
    },
    { withValue: byHand },
  );
  c.edge("a 1 x 1 system", 1, () => {
    expectVector("solveLinear([[4]], [2])", solve([[4]], Float64Array.of(2)), [0.5]);
  });
});

exercise("newtonStep", (c) => {
  const step = (p: Float64Array, g: Float64Array, H: Matrix, alpha?: number) =>
    attempt("newtonStep", () => ex.newtonStep(p, g, H, alpha), { p, g, H });
  const A = [
    [2, 1],
    [1, 3],
  ];
  const b = Float64Array.of(3, 5);
  const p = Float64Array.of(-1, 2);
  const g = matVec(A, p).map((v, i) => v - b[i]);
  c.fixed("one full step on a quadratic lands on its minimiser A^-1 b = (0.8, 1.4)", 2, () => {
    expectVector("newtonStep", step(p, g, A), [0.8, 1.4]);
  });
  c.fixed("alpha = 0.5 goes half-way", 2, () => {
    expectVector("newtonStep(alpha = 0.5)", step(p, g, A, 0.5), [-0.1, 1.7]);
  });
  c.random("seeded positive definite Hessians, against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("newtonStep", i);
      const [H, pp, gg, alpha] = [spd(r, 5), r.vector(5), r.vector(5), r.uniform(0.1, 1)];
      expectVector(
        `newtonStep (case ${i})`,
        step(pp, gg, H, alpha),
        ref.newtonStep(pp, gg, H, alpha),
        {
          rtol: 1e-9,
        },
      );
    }
  });
  c.edge("one dimension: p = 1, g = 2, H = 4 gives 0.5", 1, () => {
    expectVector("newtonStep", step(Float64Array.of(1), Float64Array.of(2), [[4]]), [0.5]);
  });
});

exercise("dampedNewton", (c) => {
  type Fn = (p: Float64Array) => number;
  type Grad = (p: Float64Array) => Float64Array;
  const run = (
    J: Fn,
    grad: Grad,
    hess: (p: Float64Array) => Matrix,
    p0: Float64Array,
    o?: DampedNewtonOptions,
  ) => {
    const out = attempt("dampedNewton", () => ex.dampedNewton(J, grad, hess, p0, o), { p0 });
    expectFields("dampedNewton", out, ["p", "iterations"]);
    return out;
  };
  c.fixed("a quadratic is minimised in exactly 1 iteration", 1, () => {
    const A = [
      [2, 1],
      [1, 3],
    ];
    const b = [3, 5];
    const J = (p: Float64Array) =>
      0.5 * p.reduce((s, v, i) => s + v * matVec(A, p)[i], 0) - b[0] * p[0] - b[1] * p[1];
    const grad = (p: Float64Array) => matVec(A, p).map((v, i) => v - b[i]);
    const out = run(J, grad, () => A, Float64Array.of(10, -7));
    expectVector("p", out.p, [0.8, 1.4], { rtol: 1e-10 });
    expectExact("iterations", out.iterations, 1);
  });
  c.fixed("Rosenbrock from (-1.2, 1) reaches (1, 1) in the reference's iterations", 2, () => {
    const p0 = Float64Array.of(-1.2, 1);
    const out = run(rosen, rosenGrad, rosenHess, p0);
    expectVector("p", out.p, [1, 1], { rtol: 1e-8 });
    const want = ref.dampedNewton(rosen, rosenGrad, rosenHess, p0).iterations;
    expectExact(
      "iterations (the damped steps differ from full Newton steps)",
      out.iterations,
      want,
    );
  });
  c.fixed("where H is not positive definite it falls back to -g and reaches (1, 0)", 4, () => {
    // J = x^4/4 - x^2/2 + y^2/2: minima (+-1, 0). At x = 0.5, J'' = 3x^2 - 1 < 0 and the pure
    // Newton step would jump to x = -1; the descent fallback moves towards x = 1.
    const J = (p: Float64Array) => p[0] ** 4 / 4 - p[0] ** 2 / 2 + p[1] ** 2 / 2;
    const grad = (p: Float64Array) => Float64Array.of(p[0] ** 3 - p[0], p[1]);
    const hess = (p: Float64Array): Matrix => [
      [3 * p[0] ** 2 - 1, 0],
      [0, 1],
    ];
    expectVector("p", run(J, grad, hess, Float64Array.of(0.5, 0.3)).p, [1, 0], {
      rtol: 1e-8,
      atol: 1e-9,
    });
  });
  c.random("seeded strictly convex objectives, against the reference", 1, () => {
    for (let i = 0; i < 3; i++) {
      const r = caseRng("dampedNewton", i);
      const d = 4;
      const [A, b] = [spd(r, d), r.vector(d)];
      // J = 1/2 p'Ap - b'p + sum softplus(p_i): convex, gradient and Hessian in closed form.
      const sp = (v: number) => Math.log1p(Math.exp(v));
      const sig = (v: number) => 1 / (1 + Math.exp(-v));
      const J = (p: Float64Array) => {
        const Ap = matVec(A, p);
        return p.reduce((s, v, k) => s + 0.5 * v * Ap[k] - b[k] * v + sp(v), 0);
      };
      const grad = (p: Float64Array) => matVec(A, p).map((v, k) => v - b[k] + sig(p[k]));
      const hess = (p: Float64Array) =>
        A.map((row, k) => row.map((v, j) => v + (j === k ? sig(p[k]) * (1 - sig(p[k])) : 0)));
      const p0 = r.vector(d, 3);
      const want = ref.dampedNewton(J, grad, hess, p0);
      expectVector(`p (case ${i})`, run(J, grad, hess, p0).p, want.p, { rtol: 1e-8, atol: 1e-10 });
    }
  });
  c.fixed("sqrt(1 + x^2) from 2: the step to -8 overshoots, backtracking stops at -0.5", 3, () => {
    // alpha = 1 (to -8) and 1/2 (to -3) fail the Armijo test, 1/4 lands on -0.5; from there full
    // steps x -> -x^3 give 0.125, -2^-9, 2^-27, then |g| <= tol after 5 iterations.
    const { J, grad, hess } = hyperbolic([[1]]);
    const p0 = Float64Array.of(2);
    const path = [-0.5, 0.125, -(2 ** -9)];
    path.forEach((x, k) => {
      const out = run(J, grad, hess, p0, { maxIter: k + 1 });
      expectVector(`p after ${k + 1} iteration(s)`, out.p, [x], { rtol: 1e-12 });
    });
    const out = run(J, grad, hess, p0);
    expectVector("p", out.p, [0], { atol: 1e-12 });
    expectExact("iterations", out.iterations, 5);
    // the 5th iterate is exactly 0 (g = 0): with tol = 0 the test ||g|| <= tol still stops there
    expectExact("iterations (tol = 0)", run(J, grad, hess, p0, { tol: 0 }).iterations, 5);
  });
  c.fixed("the Armijo test accepts equality: J = x^2, c = 1/2 takes the full step to 0", 1, () => {
    // J(1 - 1) = 0 = J(1) - c * 1 * g'd with g = 2, d = 1: alpha = 1 is accepted.
    const J = (p: Float64Array) => p[0] * p[0];
    const out = run(
      J,
      (p) => Float64Array.of(2 * p[0]),
      () => [[2]],
      Float64Array.of(1),
      {
        c: 0.5,
        maxIter: 1,
      },
    );
    expectVector("p", out.p, [0]);
  });
  c.edge("g'd = 0 (H indefinite) also falls back to -g", 2, () => {
    // J = (x^2 - y^2) / 2 at (1, -1): g = (1, 1), d = H^-1 g = (1, -1), g'd = 0; d = g instead,
    // and alpha = 1 passes the Armijo test: one step lands on (0, -2).
    const { J, grad, hess } = saddle;
    const out = run(J, grad, hess, Float64Array.of(1, -1), { maxIter: 1 });
    expectVector("p", out.p, [0, -2]);
  });
  c.edge("a singular Hessian (the solve throws) falls back to -g", 1, () => {
    // J = x^2 / 2 + y^4 / 4 at (1, 0): H = diag(1, 0); the step along -g = (-1, 0) hits (0, 0).
    const { J, grad, hess } = quartic;
    const out = run(J, grad, hess, Float64Array.of(1, 0), { maxIter: 1 });
    expectVector("p", out.p, [0, 0]);
  });
  c.edge("an uphill direction (a wrong gradient) stops shrinking below alpha = 1e-12", 1, () => {
    // grad has the wrong sign, so every step goes uphill: alpha halves until 2^-40 < 1e-12.
    const J = (p: Float64Array) => p[0] * p[0];
    const out = run(
      J,
      (p) => Float64Array.of(-2 * p[0]),
      () => [[2]],
      Float64Array.of(1),
      {
        maxIter: 1,
      },
    );
    expectVector("p", out.p, [1 + 2 ** -40], { rtol: 0, atol: 0 });
    // with shrink = 1e-4, alpha = 1e-12 exactly after 3 tries, and it stops there (not > 1e-12)
    const o = { maxIter: 1, shrink: 1e-4 };
    const four = run(
      J,
      (p) => Float64Array.of(-2 * p[0]),
      () => [[2]],
      Float64Array.of(1),
      o,
    );
    expectNumber("(p - 1) / 1e-12 (shrink = 1e-4)", (four.p[0] - 1) * 1e12, 1, { rtol: 1e-3 });
  });
  c.random("seeded starts where H is indefinite: the path through the fallback", 10, () => {
    // the double well of the fixed case: at |x| < 1/sqrt 3 its Hessian is indefinite, and with
    // a small y the Newton direction points uphill (g'd < 0), so the fallback d = g decides
    const J = (p: Float64Array) => p[0] ** 4 / 4 - p[0] ** 2 / 2 + p[1] ** 2 / 2;
    const grad = (p: Float64Array) => Float64Array.of(p[0] ** 3 - p[0], p[1]);
    const hess = (p: Float64Array): Matrix => [
      [3 * p[0] ** 2 - 1, 0],
      [0, 1],
    ];
    for (let i = 0; i < 3; i++) {
      const r = caseRng("dampedNewton-indefinite", i);
      const x = (i % 2 === 0 ? 1 : -1) * r.uniform(0.2, 0.5);
      const p0 = Float64Array.of(x, r.uniform(-0.1, 0.1));
      const o = { c: r.uniform(1e-4, 0.4), shrink: r.uniform(0.2, 0.8), tol: 1e-9 };
      for (const maxIter of [1, 2, 100]) {
        const want = ref.dampedNewton(J, grad, hess, p0, { ...o, maxIter });
        const out = run(J, grad, hess, p0, { ...o, maxIter });
        expectVector(`p (case ${i}, maxIter ${maxIter})`, out.p, want.p, {
          rtol: 1e-9,
          atol: 1e-12,
        });
        expectExact(`iterations (case ${i}, maxIter ${maxIter})`, out.iterations, want.iterations);
      }
    }
  });
  c.random("seeded overshooting starts and options: the path, against the reference", 3, () => {
    for (let i = 0; i < 3; i++) {
      const r = caseRng("dampedNewton-path", i);
      const M = spd(r, 3);
      const { J, grad, hess } = hyperbolic(M);
      const p0 = r.vector(3, 3);
      const o = { c: r.uniform(1e-4, 0.4), shrink: r.uniform(0.2, 0.8), tol: 1e-9 };
      for (const maxIter of [1, 2, 3, 100]) {
        const want = ref.dampedNewton(J, grad, hess, p0, { ...o, maxIter });
        const out = run(J, grad, hess, p0, { ...o, maxIter });
        expectVector(`p (case ${i}, maxIter ${maxIter})`, out.p, want.p, {
          rtol: 1e-9,
          atol: 1e-12,
        });
        expectExact(`iterations (case ${i}, maxIter ${maxIter})`, out.iterations, want.iterations);
      }
    }
  });
  c.edge("starting at the minimiser takes 0 iterations", 1, () => {
    const out = run(rosen, rosenGrad, rosenHess, Float64Array.of(1, 1));
    expectExact("iterations", out.iterations, 0);
    expectVector("p", out.p, [1, 1]);
  });
  c.edge("maxIter = 1 stops after one damped step", 1, () => {
    const p0 = Float64Array.of(-1.2, 1);
    const out = run(rosen, rosenGrad, rosenHess, p0, { maxIter: 1 });
    expectExact("iterations", out.iterations, 1);
    expectVector("p", out.p, ref.dampedNewton(rosen, rosenGrad, rosenHess, p0, { maxIter: 1 }).p, {
      rtol: 1e-10,
    });
  });
});

exercise("bfgsUpdate", (c) => {
  const update = (H: Matrix, s: Float64Array, y: Float64Array) =>
    attempt("bfgsUpdate", () => ex.bfgsUpdate(H, s, y), { H, s, y });
  const byHand = () => {
    const out = update(
      [
        [1, 0],
        [0, 1],
      ],
      Float64Array.of(1, 0),
      Float64Array.of(2, 0),
    );
    expectMatrix("bfgsUpdate", out, [
      [0.5, 0],
      [0, 1],
    ]);
  };
  c.fixed("by hand: H = I, s = (1, 0), y = (2, 0) gives diag(1/2, 1)", 1, byHand);
  c.fixed(
    "the result satisfies the secant condition H+ y = s and is symmetric",
    2,
    () => {
      const r = caseRng("bfgsUpdate", 100);
      const H = spd(r, 4);
      const s = r.vector(4);
      const y = s.map((v) => v + 0.3 * r.normal());
      const out = update(H, s, y);
      // Shape and finiteness first (any values pass this line), then the two properties.
      expectMatrix("bfgsUpdate", out, H, { atol: Infinity });
      expectVector("H+ y", matVec(out, y), s, { rtol: 1e-9, atol: 1e-12 });
      expectMatrix(
        "H+ (vs its transpose)",
        out,
        out.map((_, i) => out.map((row) => row[i])),
        { rtol: 1e-12 },
      );
    },
    { withValue: byHand },
  );
  c.random("seeded updates (the last with y's < 0, skipped), against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("bfgsUpdate", i);
      const H = spd(r, 5);
      const s = r.vector(5);
      // the last case: y = -u s entrywise, u > 0, so y's < 0 whatever the seed
      const y = s.map((v) => (i === 3 ? -v * r.uniform(0.5, 2) : v + 0.5 * r.normal()));
      expectMatrix(`bfgsUpdate (case ${i})`, update(H, s, y), ref.bfgsUpdate(H, s, y), {
        rtol: 1e-9,
      });
    }
  });
  c.edge("y's <= 0 skips the update (returns H unchanged)", 3, () => {
    const H = [
      [2, 0.5],
      [0.5, 1],
    ];
    expectMatrix(
      "bfgsUpdate(y's < 0)",
      update(H, Float64Array.of(1, 0), Float64Array.of(-1, 0)),
      H,
    );
    expectMatrix("bfgsUpdate(y's = 0)", update(H, Float64Array.of(1, 0), Float64Array.of(0, 1)), H);
  });
});

// An iteration to derive (its questions are graded in the hidden suite).

exercise("newtonSqrt", (c) => {
  const ns = (a: number, x0: number, k: number) =>
    attempt("newtonSqrt", () => ex.newtonSqrt(a, x0, k));
  c.fixed("sqrt 2 from x0 = 1, three steps, by hand", 2, () => {
    expectVector("newtonSqrt(2, 1, 3)", ns(2, 1, 3), [1, 3 / 2, 17 / 12, 577 / 408], {
      rtol: 1e-14,
    });
  });
  c.random("seeded a and x0: the whole path, against the reference", 2, () => {
    const r = caseRng("newtonSqrt", 0);
    for (let i = 0; i < 6; i++) {
      const [a, x0, k] = [r.uniform(0.01, 100), r.uniform(0.1, 20), r.int(1, 8)];
      expectVector(`newtonSqrt(${a}, ${x0}, ${k})`, ns(a, x0, k), [...ref.newtonSqrt(a, x0, k)], {
        rtol: 1e-12,
      });
    }
  });
  c.fixed("from x0 = 10 for a = 9: quadratic convergence, error below 1e-12 in 6 steps", 1, () => {
    const xs = ns(9, 10, 6);
    expectNumber("x_6", xs[6], 3, { rtol: 1e-12 });
  });
});

// ---------------------------------------------------------------------------------------------
// Derivations: a reciprocal without division, and Newton on a power.

exercise("newtonReciprocal", (c) => {
  const nr = (a: number, x0: number, k: number) =>
    attempt("newtonReciprocal", () => ex.newtonReciprocal(a, x0, k));
  c.fixed("a = 3, x0 = 0.5: the iterates 0.5, 0.25, 0.3125 (by hand)", 2, () => {
    expectVector("newtonReciprocal(3, 0.5, 2)", nr(3, 0.5, 2), [0.5, 0.25, 0.3125]);
  });
  c.fixed("a = 7 from x0 = 0.1: six steps reach 1/7 to 1e-15", 2, () => {
    const xs = nr(7, 0.1, 6) as Float64Array;
    expectExact("length", xs.length, 7);
    expectNumber("x_6", xs[6], 1 / 7, { rtol: 1e-15 });
  });
  c.random("seeded a and starts, the whole sequence against the reference", 2, () => {
    for (let i = 0; i < 5; i++) {
      const r = caseRng("newtonReciprocal", i);
      const a = r.uniform(0.1, 20);
      const x0 = r.uniform(0.05, 1.9) / a;
      const k = r.int(1, 8);
      expectVector(`newtonReciprocal (case ${i})`, nr(a, x0, k), ref.newtonReciprocal(a, x0, k), {
        rtol: 1e-12,
      });
    }
  });
  c.edge("k = 0 returns [x0]; a start beyond 2/a runs away (no hidden fix)", 1, () => {
    expectVector("newtonReciprocal(2, 0.3, 0)", nr(2, 0.3, 0), [0.3]);
    expectVector("newtonReciprocal(1, 3, 2)", nr(1, 3, 2), [3, -3, -15]);
  });
});

exercise("newtonPowerFactor", (c) => {
  const npf = (q: number) => attempt("newtonPowerFactor", () => ex.newtonPowerFactor(q));
  c.fixed("q = 2 halves the distance; q = 1 lands in one step", 2, () => {
    expectNumber("newtonPowerFactor(2)", npf(2), 0.5);
    expectNumber("newtonPowerFactor(1)", npf(1), 0, { atol: 1e-15 });
  });
  c.fixed("q = 1/3 runs away doubling; q = 1/2 oscillates between x0 and -x0", 2, () => {
    expectNumber("newtonPowerFactor(1/3)", npf(1 / 3), -2);
    expectNumber("newtonPowerFactor(1/2)", npf(1 / 2), -1);
  });
  c.random("seeded q: one Newton step from x = 1.7 and x = -0.4 is c times x", 2, () => {
    for (let i = 0; i < 6; i++) {
      const q = caseRng("newtonPowerFactor", i).uniform(0.1, 6);
      const cq = npf(q);
      for (const x of [1.7, -0.4]) {
        const f = (t: number) => Math.sign(t) * Math.abs(t) ** q;
        const h = 1e-6 * Math.abs(x);
        const step = x - f(x) / ((f(x + h) - f(x - h)) / (2 * h));
        expectNumber(`c x for q = ${q}, x = ${x}`, cq * x, step, { rtol: 1e-6 });
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The design task: a few visible starts (the graded family is hidden and larger).
import {
  type DesignInstance,
  doubleWell,
  pCosP,
  runInstance,
  valley,
} from "./support/newton-design";

exercise("safeguardedNewton", (c) => {
  const reach = (inst: DesignInstance) => () => {
    const { failure } = runInstance(ex, inst);
    if (failure !== null) throw new GradeFailure(failure);
  };
  c.fixed(
    "p cos p from 0 (the Newton step jumps over a maximum)",
    1,
    reach({ name: "p cos p from 0", f: pCosP(), x0: [0], budget: 100 }),
  );
  c.fixed(
    "p cos p from 1 (the Hessian is negative: plain Newton climbs to the maximum)",
    1,
    reach({ name: "p cos p from 1", f: pCosP(), x0: [1], budget: 100 }),
  );
  c.fixed(
    "Rosenbrock's valley from (-1.2, 1) within 300 evaluations",
    1,
    reach({ name: "Rosenbrock from (-1.2, 1)", f: valley(1, 100), x0: [-1.2, 1], budget: 300 }),
  );
  c.fixed(
    "the double well u^4/4 - u^2/2 + v^2/2 from its saddle (0, 0)",
    1,
    reach({ name: "double well from (0, 0)", f: doubleWell(), x0: [0, 0], budget: 100 }),
  );
});
