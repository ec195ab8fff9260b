/**
 * Hidden grading tests for notebook 03: they run in the instructor's grading (batch, Gradescope)
 * and never ship to students; feedback shows their names and points, never this source.
 */
import type * as Module from "../../exercises/03-newton";
import type { Matrix } from "../../exercises/03-newton";
import {
  attempt,
  caseRng,
  expectExact,
  expectNumber,
  expectVector,
  exercise,
  GradeFailure,
  loadTarget,
  reference,
} from "../harness";

const ref = await reference<typeof Module>("03-newton");
const ex = await loadTarget("03-newton", ref);

// A correct answer on valid input, by hand: the property test of bfgsUpdate counts only with it.
const bfgsByHand = () => {
  const H = [
    [1, 0],
    [0, 1],
  ];
  const out = attempt("bfgsUpdate", () =>
    ex.bfgsUpdate(H, Float64Array.of(1, 0), Float64Array.of(2, 0)),
  );
  if (!Array.isArray(out) || out.length !== 2)
    throw new GradeFailure("bfgsUpdate did not return 2 rows.");
  expectVector("bfgsUpdate(I, (1, 0), (2, 0))[0]", out[0], [0.5, 0]);
  expectVector("bfgsUpdate(I, (1, 0), (2, 0))[1]", out[1], [0, 1]);
};

exercise("newtonRoot", (c) => {
  c.fixed("the fixed point of cos x", 1, () => {
    const dottie = (x: number) => Math.cos(x) - x;
    const slope = (x: number) => -Math.sin(x) - 1;
    const found = attempt("newtonRoot", () => ex.newtonRoot(dottie, slope, 1));
    expectNumber("x", found.x, 0.7390851332151607, { rtol: 1e-14 });
  });
});

exercise("solveLinear", (c) => {
  c.random("seeded 8 x 8 systems: the residual A x - b is tiny", 1, () => {
    for (let i = 0; i < 3; i++) {
      const r = caseRng("hidden-solveLinear", i);
      const A: Matrix = Array.from({ length: 8 }, () => Array.from(r.vector(8)));
      const b = r.vector(8);
      const x = attempt("solveLinear", () => ex.solveLinear(A, b), { A, b });
      const residual = A.map((row, k) => row.reduce((s, a, j) => s + a * x[j], 0) - b[k]);
      expectVector(`A x - b (case ${i})`, residual, new Array<number>(8).fill(0), { atol: 1e-9 });
    }
  });
});

exercise("bfgsUpdate", (c) => {
  c.random(
    "with y's > 0 the update keeps H symmetric positive definite",
    1,
    () => {
      for (let i = 0; i < 4; i++) {
        const r = caseRng("hidden-bfgsUpdate", i);
        const d = 4;
        const H: Matrix = Array.from({ length: d }, (_, j) =>
          Array.from({ length: d }, (__, k) => (j === k ? 1 : 0)),
        );
        const s = r.vector(d);
        const y = s.map((v) => v * r.uniform(0.5, 2) + 0.1 * r.normal());
        if (y.reduce((acc, v, j) => acc + v * s[j], 0) <= 0) continue;
        const out = attempt("bfgsUpdate", () => ex.bfgsUpdate(H, s, y), { H, s, y });
        if (!Array.isArray(out)) throw new GradeFailure("bfgsUpdate did not return rows.");
        for (let t = 0; t < 5; t++) {
          const v = r.vector(d);
          const vHv = out.reduce(
            (acc: number, row: ArrayLike<number>, j: number) =>
              acc + v[j] * Array.from(row).reduce((q, h, k) => q + h * v[k], 0),
            0,
          );
          if (!(vHv > 0)) throw new GradeFailure(`v' H+ v = ${vHv} is not positive (case ${i}).`);
        }
        expectExact(`rows (case ${i})`, out.length, d);
      }
    },
    { withValue: bfgsByHand },
  );
});

// The notebook's questions: graded here, never released (their checks would give the answers
// away); students see each result and its explanation after the due date.
import { answerSheet, expectChoiceAnswer, expectNumericAnswer } from "../harness";

const newtonAnswers = answerSheet("newtonQuiz", ex.newtonQuiz);
exercise("newtonQuiz", (c) => {
  c.question(
    "quadraticSteps",
    1,
    "On a quadratic the Newton model is exact, so one step lands on A^-1 b.",
    () => expectNumericAnswer(newtonAnswers(), "quadraticSteps", 1),
  );
  c.question(
    "solveCost",
    1,
    "Gaussian elimination (or Cholesky) of a dense n x n matrix takes O(n^3) operations.",
    () => expectChoiceAnswer(newtonAnswers(), "solveCost", "c", "abcd"),
  );
  c.question(
    "digitsFactor",
    1,
    "Quadratic convergence: e_{k+1} ~ C e_k^2, so the digits double.",
    () => expectNumericAnswer(newtonAnswers(), "digitsFactor", 2),
  );
  c.question(
    "scaledObjective",
    1,
    "The step H^-1 g is unchanged when f (hence g and H) is scaled.",
    () => expectChoiceAnswer(newtonAnswers(), "scaledObjective", "a", "abc"),
  );
});

// ---------------------------------------------------------------------------------------------
// The design task, on a hidden family: points by the share of starts that reach a minimiser,
// then by the evaluations the successes used (the objective and its counter stay here).
import {
  type DesignInstance,
  doubleWell,
  himmelblau,
  pCosP,
  runFamily,
  valley,
} from "../suites/support/newton-design";

const designFamily = (): DesignInstance[] => {
  const family: DesignInstance[] = [];
  for (let i = 0; i < 10; i++) {
    const x = caseRng("hidden-safeguardedNewton-pcosp", i).uniform(-10, 10);
    family.push({ name: `p cos p from ${x.toFixed(3)}`, f: pCosP(), x0: [x], budget: 100 });
  }
  // starts at (or next to) maxima and an inflection point of p cos p
  for (const x of [-3.425618459481728, 0.8603335890193797, 2.2889, 6.437298179171947]) {
    family.push({ name: `p cos p from ${x}`, f: pCosP(), x0: [x], budget: 100 });
  }
  for (let i = 0; i < 4; i++) {
    const r = caseRng("hidden-safeguardedNewton-scaled", i);
    const [w, a, s, x] = [
      r.uniform(0.5, 3),
      r.uniform(0.01, 100),
      r.uniform(-5, 5),
      r.uniform(-6, 6),
    ];
    const name = `${a.toPrecision(3)} (p - s) cos(${w.toFixed(2)} (p - s)), s = ${s.toFixed(2)}, from ${x.toFixed(3)}`;
    family.push({ name, f: pCosP(w, a, s), x0: [x], budget: 100 });
  }
  const valleys: [number, number, number[]][] = [
    [1, 100, [-1.2, 1]],
    [1, 100, [-1.9, 2.5]],
    [2, 50, [-1, -1]],
    [-1.5, 200, [1.5, 0.5]],
  ];
  for (const [a, b, x0] of valleys) {
    family.push({
      name: `valley a = ${a}, b = ${b} from (${x0})`,
      f: valley(a, b),
      x0,
      budget: 300,
    });
  }
  family.push({ name: "double well from its saddle", f: doubleWell(), x0: [0, 0], budget: 100 });
  family.push({
    name: "rotated double well from its saddle",
    f: doubleWell(0.7, 30, 4),
    x0: [0, 0],
    budget: 100,
  });
  family.push({ name: "double well from (0, 2)", f: doubleWell(), x0: [0, 2], budget: 100 });
  family.push({
    name: "Himmelblau from its maximum",
    f: himmelblau(),
    x0: [-0.270845, -0.923039],
    budget: 200,
  });
  family.push({
    name: "Himmelblau from a saddle",
    f: himmelblau(),
    x0: [0.086678, 2.884255],
    budget: 200,
  });
  return family;
};

exercise("safeguardedNewton", (c) => {
  let result: ReturnType<typeof runFamily> | null = null;
  const family = () => (result ??= runFamily(ex, designFamily()));
  const rateAtLeast = (share: number) => () => {
    const { rate, firstFailure } = family();
    if (rate < share) {
      throw new GradeFailure(
        `${Math.round(100 * rate)} % of the hidden starts reach a minimiser, fewer than ${Math.round(100 * share)} %; e.g. ${firstFailure}`,
      );
    }
  };
  c.random("hidden family: at least 50 % of the starts reach a minimiser", 3, rateAtLeast(0.5));
  c.random("hidden family: at least 80 % of the starts", 3, rateAtLeast(0.8));
  c.random("hidden family: every start", 3, rateAtLeast(1));
  const economy = (share: number) => () => {
    rateAtLeast(0.8)();
    const used = family().share;
    if (used > share) {
      throw new GradeFailure(
        `the successful runs used ${Math.round(100 * used)} % of their budget on average, more than ${Math.round(100 * share)} %.`,
      );
    }
  };
  c.random("hidden family: successes use at most 50 % of the budget on average", 1, economy(0.5));
  c.random("hidden family: at most 30 % of the budget on average", 1, economy(0.3));
});
