/**
 * Hidden grading tests for notebook 05: they run in the instructor's grading (batch, Gradescope)
 * and never ship to students; feedback shows their names and points, never this source.
 */
import type * as Module from "../../exercises/05-sgd-mnist";
import {
  attempt,
  caseRng,
  expectExact,
  expectVector,
  exercise,
  loadTarget,
  reference,
} from "../harness";

const ref = await reference<typeof Module>("05-sgd-mnist");
const ex = await loadTarget("05-sgd-mnist", ref);

// Correct answers on valid input, by hand: the property tests below count only with them.
const shuffleByHand = () => {
  const draws = [0.5, 0.1, 0.9];
  const out = attempt("shuffledBatches", () => ex.shuffledBatches(4, 2, () => draws.shift() ?? 0));
  expectExact(
    "shuffledBatches(4, 2) with draws 0.5, 0.1, 0.9",
    JSON.stringify(out),
    "[[3,1],[0,2]]",
  );
};
const softmaxByHand = () => {
  const out = attempt("softmax", () => ex.softmax(Float64Array.of(0, Math.LN2, Math.log(5)), 1, 3));
  expectVector("softmax(0, ln 2, ln 5)", out, [1 / 8, 2 / 8, 5 / 8]);
};

exercise("shuffledBatches", (c) => {
  c.fixed(
    "how many numbers Fisher-Yates draws from rng",
    1,
    () => {
      let draws = 0;
      const rng = () => (draws++, 0.37);
      attempt("shuffledBatches", () => ex.shuffledBatches(10, 3, rng));
      expectExact("the number of rng() calls for N = 10", draws, 9);
    },
    { withValue: shuffleByHand },
  );
});

exercise("softmax", (c) => {
  c.random(
    "adding a constant to a row changes nothing",
    1,
    () => {
      const r = caseRng("hidden-softmax", 0);
      const [n, k] = [3, 5];
      const logits = r.vector(n * k, 3);
      const shifted = logits.map((v, i) => v + 10 * Math.floor(i / k) - 7);
      const a = attempt("softmax", () => ex.softmax(logits, n, k), { logits });
      const b = attempt("softmax", () => ex.softmax(shifted, n, k), { shifted });
      expectVector("softmax(logits + c_row)", b, a, { rtol: 1e-12 });
    },
    { withValue: softmaxByHand },
  );
});

exercise("denseBackward", (c) => {
  c.random("dX matches central differences of sum(dY * forward(X))", 1, () => {
    const r = caseRng("hidden-denseBackward", 0);
    const dims = { n: 2, dIn: 3, dOut: 2 };
    const [X, W, b, dY] = [r.vector(6), r.vector(6), r.vector(2), r.vector(4)];
    // sum over samples r and outputs o of dY[r, o] (b[o] + x[r, :] . W[o, :])
    const forward = (x: Float64Array) =>
      Array.from(dY).reduce((acc, up, at) => {
        const [sample, unit] = [Math.floor(at / 2), at % 2];
        const dotRow = [0, 1, 2].reduce((q, c3) => q + x[sample * 3 + c3] * W[unit * 3 + c3], 0);
        return acc + up * (b[unit] + dotRow);
      }, 0);
    const want = X.map((_, j) => {
      const [up, down] = [Float64Array.from(X), Float64Array.from(X)];
      up[j] += 1e-5;
      down[j] -= 1e-5;
      return (forward(up) - forward(down)) / 2e-5;
    });
    const out = attempt("denseBackward", () => ex.denseBackward(X, W, dY, dims), { X, W, dY });
    expectVector("dX", out.dX, want, { rtol: 1e-7, atol: 1e-9 });
  });
});

// The notebook's questions: graded here, never released (their checks would give the answers
// away); students see each result and its explanation after the due date.
import { answerSheet, expectChoiceAnswer, expectNumericAnswer } from "../harness";

const sgdAnswers = answerSheet("sgdQuiz", ex.sgdQuiz);
exercise("sgdQuiz", (c) => {
  c.question("stepsPerEpoch", 1, "S = ceil(N / B) = ceil(60000 / 128).", () =>
    expectNumericAnswer(sgdAnswers(), "stepsPerEpoch", Math.ceil(60000 / 128)),
  );
  c.question("lastBatchSize", 1, "60000 - 468 * 128 images are left for the last batch.", () =>
    expectNumericAnswer(sgdAnswers(), "lastBatchSize", 60000 - Math.floor(60000 / 128) * 128),
  );
  c.question(
    "batchExpectation",
    1,
    "Under a uniform permutation every sample is equally likely at every position, so a full batch's mean gradient is unbiased.",
    () => expectChoiceAnswer(sgdAnswers(), "batchExpectation", "a", "abc"),
  );
  c.question("logitGradientSum", 1, "softmax(z) - onehot(y) sums to 1 - 1 = 0.", () =>
    expectNumericAnswer(sgdAnswers(), "logitGradientSum", 1 - 1),
  );
});
