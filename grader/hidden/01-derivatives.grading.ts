/**
 * Hidden grading tests for notebook 01: they run in the instructor's grading (batch, Gradescope)
 * and never ship to students; feedback shows their names and points, never this source.
 * A suite in this folder is hidden by default; a test may choose a later level itself.
 */
import type * as Module from "../../exercises/01-derivatives";
import {
  attempt,
  caseRng,
  expectNumber,
  expectVector,
  exercise,
  loadTarget,
  reference,
} from "../harness";

const ref = await reference<typeof Module>("01-derivatives");
const ex = await loadTarget("01-derivatives", ref);

exercise("centralDifference", (c) => {
  c.fixed("a cubic, where the h^2 error term shows", 1, () => {
    const got = attempt("centralDifference", () => ex.centralDifference((x) => x ** 3, 2, 1e-3));
    expectNumber("centralDifference(x^3, 2, 1e-3)", got, 12.000001, { rtol: 1e-9 });
  });
});

exercise("sigmoidDerivative", (c) => {
  c.random("seeded z in [-5, 5] and -z give the same value, as the reference", 1, () => {
    const r = caseRng("hidden-sigmoidDerivative", 0);
    for (let i = 0; i < 6; i++) {
      const z = r.uniform(-5, 5);
      const want = ref.sigmoidDerivative(z);
      for (const x of [z, -z]) {
        const got = attempt("sigmoidDerivative", () => ex.sigmoidDerivative(x));
        expectNumber(`sigmoidDerivative(${x.toFixed(3)})`, got, want, { rtol: 1e-12 });
      }
    }
  });
});

exercise("numericalGradient", (c) => {
  c.fixed("the gradient of |x|^2 at a fixed point", 1, () => {
    const x = Float64Array.of(1, -2, 3);
    const f = (v: Float64Array) => v.reduce((s, t) => s + t * t, 0);
    const got = attempt("numericalGradient", () => ex.numericalGradient(f, x), { x });
    expectVector("numericalGradient(|x|^2)", got, [2, -4, 6], { rtol: 1e-8 });
  });
});

exercise("relativeError", (c) => {
  c.edge(
    "a vector against an exact copy of itself",
    1,
    () => {
      const a = Float64Array.of(3, -1e-12, 7e20);
      const got = attempt("relativeError", () => ex.relativeError(a, Float64Array.from(a)), { a });
      expectNumber("relativeError(a, a)", got, 0, { atol: 0 });
    },
    { visibility: "after_due_date" },
  );
});

// The notebook's questions: graded here, never released (their checks would give the answers
// away); students see each result and its explanation after the due date.
import { answerSheet, expectChoiceAnswer, expectNumericAnswer, GradeFailure } from "../harness";

const d01Quiz = answerSheet("derivativesQuiz", ex.derivativesQuiz);
exercise("derivativesQuiz", (c) => {
  c.question("centralOrder", 1, "The h^2 terms of the two Taylor expansions cancel.", () =>
    expectNumericAnswer(d01Quiz(), "centralOrder", 2),
  );
  c.question(
    "bestStep",
    1,
    "Truncation error ~h^2 and rounding error ~eps/h balance near h = eps^(1/3), about 1e-5.",
    () => {
      // measured here: the error of each choice
      const err = [1e-15, 1e-10, 1e-5, 1e-2].map((h) =>
        Math.abs((Math.sin(1 + h) - Math.sin(1 - h)) / (2 * h) - Math.cos(1)),
      );
      const best = "abcd"[err.indexOf(Math.min(...err))];
      if (best === undefined) throw new GradeFailure("bestStep: the errors could not be measured.");
      expectChoiceAnswer(d01Quiz(), "bestStep", best, "abcd");
    },
  );
  c.question("reversePasses", 1, "One backward pass gives every partial of a scalar output.", () =>
    expectNumericAnswer(d01Quiz(), "reversePasses", 1),
  );
  c.question(
    "sigmoidMaxSlope",
    1,
    "sigma' = sigma (1 - sigma) is largest at z = 0: 1/2 * 1/2.",
    () => expectNumericAnswer(d01Quiz(), "sigmoidMaxSlope", 0.5 * (1 - 0.5)),
  );
});
