// Bad input a fuzzer found beyond the first list: calls from untyped code (a notebook cell,
// JavaScript) with null, strings, plain numbers, misspelled option keys, wrong shapes and huge
// sizes. Each is refused with an OptkitError naming the argument the user wrote and what was
// expected, or now gives the right result, where it used to throw a raw TypeError or
// RangeError or give a silent wrong result.
import { describe, expect, it } from "vitest";
import {
  centralDiff,
  gradCheck,
  numericHessian,
  relativeError,
  symbolic,
} from "../../lib/calculus";
import { defineLoss } from "../../lib/losses";
import { gaussianBlobs, loadMnistSplit, twoMoons } from "../../lib/data";
import { defineObjective, quadratic, rosenbrockN } from "../../lib/objectives";
import {
  adamState,
  adamStep,
  armijo,
  clipGradNorm,
  linearLR,
  minimize,
  minimizeStochastic,
  multiStepLR,
  SGD,
  shiftedCholesky,
  sgdState,
  sgdStep,
  sweepLearningRates,
  wolfe,
} from "../../lib/optim";
import {
  copy,
  dot,
  eigenvaluesSymmetric,
  fromRows,
  identity,
  isSymmetric,
  matrix,
  matvec,
  norm2,
  toRows,
  transpose,
  zeros,
} from "../../lib/numbers";
import { rng } from "../../lib/random";
import { expectError } from "./expect-error";

/** What an untyped caller may pass where a typed one could not. */
const loose = <T>(x: unknown) => x as T;

describe("numbers: null, strings and huge sizes", () => {
  it("null or undefined where a vector or matrix goes", () => {
    expectError(
      () => matvec(fromRows([[1]]), loose(null)),
      "x",
      "x: expected an array of numbers, got null",
    );
    expectError(
      () => dot(loose(undefined), Float64Array.of(1)),
      "x",
      "x: expected an array of numbers, got undefined",
    );
    expectError(() => copy(loose(null)), "x", "x: expected an array of numbers, got null");
    const notMatrix =
      "expected a matrix {rows, cols, data: Float64Array} (made by matrix(), fromRows() or identity()), got";
    expectError(() => transpose(loose(null)), "A", `A: ${notMatrix} null`);
    expectError(() => toRows(loose([[1, 2]])), "A", `A: ${notMatrix} Array(1)`);
    expectError(
      () =>
        eigenvaluesSymmetric(
          loose([
            [1, 0],
            [0, 1],
          ]),
        ),
      "A",
      `A: ${notMatrix} Array(2)`,
    );
  });

  it("fromRows refuses a string entry, which became NaN, and a non-array", () => {
    expectError(
      () => fromRows(loose([[1, "a"]])),
      "rows[0][1]",
      'rows[0][1]: expected a number, got "a" (a string)',
    );
    expectError(
      () => fromRows(loose(null)),
      "rows",
      "rows: expected an array of rows (arrays of numbers), got null",
    );
  });

  it("sizes: negative, fractional and too large", () => {
    expectError(() => zeros(-1), "n", "n: expected an integer >= 0, got -1");
    expectError(() => zeros(1.5), "n", "n: expected an integer >= 0, got 1.5");
    expectError(
      () => matrix(1e9, 1e9),
      "rows",
      "rows: expected at most 4294967295 entries (rows x cols) in a matrix, got 1000000000 x 1000000000",
    );
    expectError(
      () => rng(0).permutation(1e12),
      "n",
      "n: expected an integer in [0, 2147483648], got 1000000000000",
    );
  });

  it("isSymmetric: NaN is not symmetric, and rtol must be a number >= 0", () => {
    const A = fromRows([
      [1, NaN],
      [NaN, 1],
    ]);
    expect(isSymmetric(A)).toBe(false);
    expectError(
      () => isSymmetric(fromRows([[1]]), -1),
      "rtol",
      "rtol: expected a finite number >= 0, got -1",
    );
  });
});

describe("norms of large finite vectors do not overflow", () => {
  it("norm2 of (1e200, 1e200) is sqrt(2) 1e200, not Infinity; tiny entries are not lost", () => {
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    expect(rel(norm2(Float64Array.of(1e200, 1e200)), Math.SQRT2 * 1e200)).toBeLessThan(1e-15);
    expect(rel(norm2(Float64Array.of(3e-200, 4e-200)), 5e-200)).toBeLessThan(1e-15);
    expect(norm2(Float64Array.of(0, 0))).toBe(0);
    expect(norm2(Float64Array.of(1, NaN))).toBeNaN();
  });

  it("clipGradNorm clips a finite gradient whose squares overflow, instead of refusing it", () => {
    const g = Float64Array.of(3e200, 4e200);
    const n = clipGradNorm([g], 1);
    expect(Math.abs(n - 5e200) / 5e200).toBeLessThan(1e-15);
    expect(Math.abs(norm2(g) - 1)).toBeLessThan(1e-12);
    expect(() => clipGradNorm([Float64Array.of(Infinity)], 1)).toThrow(
      "grads: expected a finite total norm, got Infinity",
    );
  });
});

describe("option objects outside the optimizers: misspelled keys and missing objects", () => {
  const q = {
    value: (x: Float64Array) => x[0] ** 2 + 2 * x[1] ** 2,
    grad: (x: Float64Array) => Float64Array.of(2 * x[0], 4 * x[1]),
  };
  const x = Float64Array.of(1, 1);

  it("line searches, schedules and the update rules' hyperparameters", () => {
    expectError(
      () => armijo(q.value, x, q.grad(x), loose({ alpha: 1 })),
      "alpha",
      "alpha: not an option of armijo; expected one of alpha0, c, shrink, maxIter, direction, fx",
    );
    expectError(
      () => wolfe(q.value, q.grad, x, q.grad(x), Float64Array.of(-2, -4), loose({ c3: 1 })),
      "c3",
      "c3: not an option of wolfe; expected one of alpha0, c1, c2, maxIter, fx",
    );
    // a number where the options go used to be ignored: the defaults ran silently
    expectError(
      () => linearLR(0.1, loose(2)),
      "options",
      "options: expected an object of linearLR options (startFactor, endFactor, totalIters), got 2",
    );
    expectError(
      () =>
        adamStep(
          Float64Array.of(1),
          Float64Array.of(1),
          adamState(1),
          loose({ eta: 0.1, beta_1: 0.5 }),
        ),
      "beta_1",
      "beta_1: not an option of adamStep; expected one of eta, beta1, beta2, eps, weightDecay, amsgrad, biasCorrection, secondMoment",
    );
    expectError(
      () =>
        sgdStep(
          Float64Array.of(1),
          Float64Array.of(1),
          sgdState(1),
          loose({ eta: 0.1, momentum: 0.9 }),
        ),
      "momentum",
      "momentum: not an option of sgdStep; expected one of eta, mu, dampening, nesterov, weightDecay, momentumForm",
    );
  });

  it("objectives and synthetic data", () => {
    expectError(
      () => quadratic(loose({ A: identity(2), bb: [1, 1] })),
      "bb",
      "bb: not an option of quadratic; expected one of A, b, name",
    );
    expectError(
      () => rosenbrockN(3, loose({ A: 2 })),
      "A",
      "A: not an option of rosenbrockN; expected one of a, b",
    );
    expectError(
      () => gaussianBlobs(loose({ n: 10, sep: 5 })),
      "sep",
      "sep: not an option of gaussianBlobs; expected one of n, separation, std, seed",
    );
    expectError(
      () => twoMoons(loose(undefined)),
      "options",
      "options: expected an object of twoMoons options (n, noise, seed), got undefined",
    );
  });

  it("the drivers' required options object", () => {
    const loss = {
      N: 2,
      value: (v: Float64Array) => v[0] ** 2,
      batchGrad: (v: Float64Array) => Float64Array.of(2 * v[0]),
    };
    expectError(
      () => minimizeStochastic(loss, [1], new SGD({ lr: 0.1 }), loose(undefined)),
      "options",
      "options: expected an object of minimizeStochastic options (batchSize, epochs, seed, schedule, recordEvery, dropLast, divergenceFactor), got undefined",
    );
    expectError(
      () => sweepLearningRates(q, [1, 1], (lr) => new SGD({ lr }), [0.1], loose(undefined)),
      "opts",
      "opts: expected an object with target (and minimize's options), got undefined",
    );
  });
});

describe("calculus, schedules, optimizers, objectives and the MNIST loader from untyped calls", () => {
  it("symbolic: an empty expression and variable names that are not an array", () => {
    expectError(
      () => symbolic("", ["x"]),
      "expr",
      'expr: expected an expression such as "x^2 + y", got "" (a string)',
    );
    expectError(
      () => symbolic("x", loose("x")),
      "vars",
      'vars: expected an array of variable names such as ["x", "y"], got "x" (a string)',
    );
  });

  it("numericHessian refuses a gradient of the wrong length instead of returning a 1 x 2 'Hessian'", () => {
    expectError(
      () => numericHessian(() => Float64Array.of(1), Float64Array.of(1, 2)),
      "grad",
      "grad: expected grad(x) of length 2 (the length of x), got 1",
    );
    expectError(
      () =>
        gradCheck(
          (v) => v[0],
          () => Float64Array.of(1),
          loose(null),
        ),
      "x",
      "x: expected an array of numbers, got null",
    );
    expectError(
      () => relativeError(loose(null), [1]),
      "a",
      "a: expected an array of numbers, got null",
    );
  });

  it("schedules, optimizers and shifted Cholesky", () => {
    expectError(
      () => multiStepLR(0.1, loose(null)),
      "milestones",
      "milestones: expected an array of steps, got null",
    );
    expectError(
      () => new SGD({ lr: 0.1 }).step(loose(null), loose(null)),
      "params",
      "params: expected a Float64Array or an array of them (one per parameter array), got null",
    );
    expectError(
      () => shiftedCholesky(identity(2), -1),
      "beta",
      "beta: expected a finite number >= 5e-324, got -1",
    );
  });

  it("a number where a function goes, a loss without its gradient, an empty x0", () => {
    expectError(() => centralDiff(loose(3), 1), "f", "f: expected a function, got 3");
    expectError(
      () => defineLoss(loose({ name: "L", latex: "L", dim: 1, value: () => 1 })),
      "spec.grad",
      "spec.grad: expected a function, got undefined",
    );
    expectError(
      () => minimize({ value: () => 1, grad: () => new Float64Array(2) }, [], new SGD({ lr: 0.1 })),
      "x0",
      "x0: expected at least one entry, got none",
    );
  });

  it("defineObjective names the missing part of its spec", () => {
    expectError(
      () => defineObjective(loose({ name: "f", latex: "f", dim: 2, minimizers: [] })),
      "spec.value",
      "spec.value: expected a function of x, got undefined",
    );
  });

  it("loadMnist: a dir that is not a path, a verify that is not a boolean, a split named like a built-in", () => {
    expectError(
      () => loadMnistSplit("test", loose({ dir: 5 })),
      "dir",
      "dir: expected the path of the MNIST folder, got 5",
    );
    expectError(
      () => loadMnistSplit("test", loose({ verify: "no" })),
      "verify",
      'verify: expected true or false, got "no" (a string)',
    );
    expectError(
      () => loadMnistSplit(loose("constructor")),
      "split",
      'split: expected "train" or "test", got constructor',
    );
  });
});
