/**
 * Hidden grading tests for notebook 03: they run in the instructor's grading (batch, Gradescope)
 * and never ship to students; feedback shows their names and points, never this source.
 */
import type * as Module from "../../exercises/03-newton";
import type { Matrix } from "../../exercises/03-newton";
import {
  attempt,
  caseRng,
  checkExact,
  checkNumber,
  checkVector,
  exercise,
  GradeFailure,
  loadTarget,
  reference,
} from "../harness";

const ref = await reference<typeof Module>("03-newton");
const ex = await loadTarget("03-newton", ref);

exercise("newtonRoot", (c) => {
  c.fixed("the fixed point of cos x", 1, () => {
    const dottie = (x: number) => Math.cos(x) - x;
    const slope = (x: number) => -Math.sin(x) - 1;
    const found = attempt("newtonRoot", () => ex.newtonRoot(dottie, slope, 1));
    checkNumber("x", found.x, 0.7390851332151607, { rtol: 1e-14 });
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
      checkVector(`A x - b (case ${i})`, residual, new Array<number>(8).fill(0), { atol: 1e-9 });
    }
  });
});

exercise("bfgsUpdate", (c) => {
  c.random("with y's > 0 the update keeps H symmetric positive definite", 1, () => {
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
      checkExact(`rows (case ${i})`, out.length, d);
    }
  });
});

// The notebook's questions: graded here, never released (their checks would give the answers
// away); students see each result and its explanation after the due date.
import { answerSheet, checkChoiceAnswer, checkNumericAnswer } from "../harness";

const newtonAnswers = answerSheet("newtonQuiz", ex.newtonQuiz);
exercise("newtonQuiz", (c) => {
  c.question(
    "quadraticSteps",
    1,
    "On a quadratic the Newton model is exact, so one step lands on A^-1 b.",
    () => checkNumericAnswer(newtonAnswers(), "quadraticSteps", 1),
  );
  c.question(
    "solveCost",
    1,
    "Gaussian elimination (or Cholesky) of a dense n x n matrix takes O(n^3) operations.",
    () => checkChoiceAnswer(newtonAnswers(), "solveCost", "c", "abcd"),
  );
  c.question(
    "digitsFactor",
    1,
    "Quadratic convergence: e_{k+1} ~ C e_k^2, so the digits double.",
    () => checkNumericAnswer(newtonAnswers(), "digitsFactor", 2),
  );
  c.question(
    "scaledObjective",
    1,
    "The step H^-1 g is unchanged when f (hence g and H) is scaled.",
    () => checkChoiceAnswer(newtonAnswers(), "scaledObjective", "a", "abc"),
  );
});
