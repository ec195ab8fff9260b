/**
 * Surviving mutants of `npm run grade:mutation` judged equivalent: the changed code computes the
 * same results as the solution on every input the exercise's specification allows, so no test
 * can (or should) kill it. Matched by file, mutator and code, not by line number. Each entry says
 * why; an entry is added only after trying to write a test that kills the mutant.
 */
export interface EquivalentMutant {
  /** the solutions file, e.g. "solutions/03-newton.ts" */
  file: string;
  /** Stryker's mutator name, e.g. "EqualityOperator" */
  mutator: string;
  /** the code the mutant replaced, and its replacement (whitespace is ignored) */
  original: string;
  replacement: string;
  reason: string;
}

export const EQUIVALENT: EquivalentMutant[] = [
  {
    file: "solutions/01-derivatives.ts",
    mutator: "EqualityOperator",
    original: "k < d",
    replacement: "k <= d",
    reason: "quadraticFormGradient's extra pass writes grad[d], which a Float64Array ignores",
  },
  {
    file: "solutions/02-gradient-descent.ts",
    mutator: "EqualityOperator",
    original: "t < T",
    replacement: "t <= T",
    reason: "inverseTimeRecursion's extra pass writes out[T + 1], past the end of the Float64Array",
  },
  {
    file: "solutions/03-newton.ts",
    mutator: "EqualityOperator",
    original: "i < k",
    replacement: "i <= k",
    reason: "newtonSqrt's extra pass writes xs[k + 1], past the end of the Float64Array",
  },
  {
    file: "solutions/05-sgd-mnist.ts",
    mutator: "EqualityOperator",
    original: "idx < n * k",
    replacement: "idx <= n * k",
    reason: "the extra pass divides dlogits[n k], past the end of the Float64Array (ignored)",
  },
  {
    file: "solutions/05-sgd-mnist.ts",
    mutator: "EqualityOperator",
    original: "i < n",
    replacement: "i <= n",
    reason:
      "the extra row n reads an empty subarray and writes only past the end of the Float64Array " +
      "(softmax, denseForward)",
  },
  {
    file: "solutions/05-sgd-mnist.ts",
    mutator: "EqualityOperator",
    original: "j < k",
    replacement: "j <= k",
    reason:
      "in softmax's normalisation the extra pass divides the next row's first entry, which is " +
      "assigned afresh when that row is computed (or lies past the end for the last row)",
  },
  {
    file: "solutions/05-sgd-mnist.ts",
    mutator: "EqualityOperator",
    original: "o < dOut",
    replacement: "o <= dOut",
    reason:
      "denseForward's extra pass writes the next row's first output, which is assigned afresh " +
      "when that row is computed (or lies past the end for the last row)",
  },
  {
    file: "solutions/03-newton.ts",
    mutator: "StringLiteral",
    original: "`Newton did not converge in ${maxIter} iterations`",
    replacement: "``",
    reason: "the spec asks newtonRoot for an Error when it does not converge, not for a wording",
  },
  {
    file: "solutions/03-newton.ts",
    mutator: "StringLiteral",
    original: "`Newton hit a flat tangent (f'(x) = 0) at x = ${x}`",
    replacement: "``",
    reason: "the spec asks newtonRoot for an Error at a flat tangent, not for a wording",
  },
  {
    file: "solutions/03-newton.ts",
    mutator: "EqualityOperator",
    original: "Math.abs(M[i][k]) > Math.abs(M[pivot][k])",
    replacement: "Math.abs(M[i][k]) >= Math.abs(M[pivot][k])",
    reason:
      "only ties differ: between rows of equal |entry| either is the largest pivot the spec asks " +
      "for, and both give x to rounding",
  },
  {
    file: "solutions/03-newton.ts",
    mutator: "EqualityOperator",
    original: "j < d",
    replacement: "j <= d",
    reason:
      "in the elimination this writes M[i][d], past the end of a row of the private copy, " +
      "which nothing reads",
  },

  {
    file: "solutions/03-newton.ts",
    mutator: "MethodExpression",
    original: "row.slice()",
    replacement: "row",
    reason:
      "returning H's own rows when y's <= 0 cannot be seen in grading: results cross from the " +
      "sandboxed process as copies, and H itself is checked unchanged",
  },
  {
    file: "solutions/04-momentum-adam.ts",
    mutator: "EqualityOperator",
    original: "i < p.length",
    replacement: "i <= p.length",
    reason: "the extra pass only writes index p.length of Float64Arrays, which they ignore",
  },
  {
    file: "solutions/01-derivatives.ts",
    mutator: "ConditionalExpression",
    original: "z >= 0",
    replacement: "true",
    reason:
      "1 / (1 + e^-z) alone is also stable: for z << 0, e^-z overflows to Infinity and sigma to 0, " +
      "which is sigma(z) to double precision (the spec asks for finite values, not this branch)",
  },
  {
    file: "solutions/01-derivatives.ts",
    mutator: "EqualityOperator",
    original: "z >= 0",
    replacement: "z > 0",
    reason: "at z = 0 both branches give exactly 1/2",
  },
  {
    file: "solutions/01-derivatives.ts",
    mutator: "EqualityOperator",
    original: "u > 0",
    replacement: "u >= 0",
    reason: "at u = 0 both branches of softplus give exactly ln 2",
  },
  {
    file: "solutions/01-derivatives.ts",
    mutator: "EqualityOperator",
    original: "i < x.length",
    replacement: "i <= x.length",
    reason:
      "the extra pass perturbs index d of a Float64Array (ignored), so f is called twice more at x " +
      "and grad[d] = 0 is dropped; the spec does not fix the number of calls of f",
  },
  {
    file: "solutions/01-derivatives.ts",
    mutator: "EqualityOperator",
    original: "j < d",
    replacement: "j <= d",
    reason:
      "in the gradient loop the extra pass only writes gradW[d], which a Float64Array ignores",
  },
  {
    file: "solutions/01-derivatives.ts",
    mutator: "ConditionalExpression",
    original: 'case "const": break;',
    replacement: 'case "const":',
    reason:
      "in the backward pass a constant falling through to add writes adjoint[undefined], a " +
      "property no index reads",
  },
  {
    file: "solutions/01-derivatives.ts",
    mutator: "StringLiteral",
    original: '"const"',
    replacement: '""',
    reason: "in the backward pass a constant then matches no case, which is what its case does",
  },
  {
    file: "solutions/02-gradient-descent.ts",
    mutator: "EqualityOperator",
    original: "i < p.length",
    replacement: "i <= p.length",
    reason:
      "the extra pass writes next[p.length], which a Float64Array ignores, and reads past the end",
  },
  {
    file: "solutions/02-gradient-descent.ts",
    mutator: "EqualityOperator",
    original: "t > T",
    replacement: "t >= T",
    reason: "at t = T the formula gives eta_min exactly: cos(pi t / T) rounds to -1 there",
  },
  {
    file: "solutions/04-momentum-adam.ts",
    mutator: "EqualityOperator",
    original: "disc < 0",
    replacement: "disc <= 0",
    reason:
      "nesterovRate: at disc = 0 the double root's modulus |trace| / 2 equals sqrt(det) (trace^2 = 4 det)",
  },
];
