/**
 * Hidden grading tests for notebook 02: they run in the instructor's grading (batch, Gradescope)
 * and never ship to students; feedback shows their names and points, never this source.
 */
import type * as Module from "../../exercises/02-gradient-descent";
import {
  attempt,
  caseRng,
  expectExact,
  expectNumber,
  exercise,
  GradeFailure,
  loadTarget,
  reference,
} from "../harness";

const ref = await reference<typeof Module>("02-gradient-descent");
const ex = await loadTarget("02-gradient-descent", ref);

exercise("exactQuadraticStep", (c) => {
  c.random("after the exact step the new gradient is orthogonal to the old one", 1, () => {
    for (let i = 0; i < 3; i++) {
      const r = caseRng("hidden-exactQuadraticStep", i);
      const d = 4;
      const M = Array.from({ length: d }, () => r.vector(d));
      const A = M.map((_, j) =>
        M.map((__, k) => M[j].reduce((s, v, l) => s + v * M[k][l], 0) + (j === k ? 1 : 0)),
      );
      const [b, p] = [r.vector(d), r.vector(d)];
      const grad = (x: ArrayLike<number>) =>
        A.map((row, j) => row.reduce((s, a, k) => s + a * x[k], 0) - b[j]);
      const alpha = attempt("exactQuadraticStep", () => ex.exactQuadraticStep(A, b, p), {
        A,
        b,
        p,
      });
      if (typeof alpha !== "number")
        throw new GradeFailure("exactQuadraticStep returned no number.");
      const g = grad(p);
      const g1 = grad(p.map((v, j) => v - alpha * g[j]));
      const cos =
        g.reduce((s, v, j) => s + v * g1[j], 0) / (Math.hypot(...g) * Math.hypot(...g1) || 1);
      expectNumber(`cos(g, g_next) (case ${i})`, cos, 0, { atol: 1e-9 });
    }
  });
});

exercise("gradientDescent", (c) => {
  c.fixed("the gradient is evaluated once per step, at the current iterate", 1, () => {
    const seen: number[] = [];
    const grad = (p: Float64Array) => {
      seen.push(p[0]);
      return Float64Array.from(p);
    };
    attempt("gradientDescent", () => ex.gradientDescent(grad, Float64Array.of(8), 0.5, 3));
    expectExact("the number of gradient calls", seen.length, 3);
    seen.forEach((x, t) => expectNumber(`the iterate of gradient call ${t + 1}`, x, 8 / 2 ** t));
  });
});

exercise("stepDecay", (c) => {
  c.edge("gamma = 1 keeps eta0 forever", 1, () => {
    const out = attempt("stepDecay", () => ex.stepDecay(1000, 0.3, 7, 1));
    expectNumber("stepDecay(1000, 0.3, 7, 1)", out, 0.3);
  });
});

// The notebook's questions: graded here, never released (their checks would give the answers
// away); students see each result and its explanation after the due date.
import { answerSheet, expectChoiceAnswer, expectNumericAnswer } from "../harness";

const gdQuiz = answerSheet("gradientDescentQuiz", ex.gradientDescentQuiz);
exercise("gradientDescentQuiz", (c) => {
  c.question("kappa", 1, "kappa = largest / smallest eigenvalue = 50 / 2.", () =>
    expectNumericAnswer(gdQuiz(), "kappa", 50 / 2),
  );
  c.question(
    "divergentRates",
    1,
    "Gradient descent diverges when |1 - eta lambda| > 1 for some eigenvalue, i.e. eta > 2 / 10.",
    () => {
      const rates = [0.05, 0.15, 0.19, 0.21, 0.25];
      const want = rates.map((eta, i) => (eta * 10 > 2 ? "abcde"[i] : "")).join("");
      expectChoiceAnswer(gdQuiz(), "divergentRates", want, "abcde");
    },
  );
  c.question("exactStep", 1, "alpha = g'g / g'Ag with g = Ap = (1, 10): 101 / 1001.", () =>
    expectNumericAnswer(gdQuiz(), "exactStep", (1 + 100) / (1 + 1000)),
  );
  c.question(
    "plConstant",
    1,
    "For a convex quadratic the PL constant is the smallest nonzero eigenvalue of the Hessian diag(0, 2, 5).",
    () => expectNumericAnswer(gdQuiz(), "plConstant", 2),
  );
});
