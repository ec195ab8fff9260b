/**
 * Rosenbrock's function: a curved narrow valley, minimum 0 at (a, a^2, ...) = (1, ..., 1).
 */
import { checkNumber, checkOptions, OptkitError } from "../util/check";
import { matrix } from "../numbers/matrix";
import { defineObjective, type Objective } from "./objective";

/**
 * n-D Rosenbrock f = sum_{i=1}^{n-1} [ b (x_{i+1} - x_i^2)^2 + (a - x_i)^2 ] (a = 1, b = 100;
 * a != 1 only for n = 2, where the minimizer is (a, a^2)).
 * Each term, with u = x_{i+1} - x_i^2, adds to the gradient
 * d/dx_i: -4b x_i u - 2(a - x_i), d/dx_{i+1}: 2b u, and to the (tridiagonal) Hessian
 * H_ii: 12b x_i^2 - 4b x_{i+1} + 2, H_{i,i+1} = H_{i+1,i}: -4b x_i, H_{i+1,i+1}: 2b.
 * Global minimum 0 at (1, ..., 1) (for 4 <= n <= 7 there is also a local minimum
 * near (-1, 1, ..., 1)).
 */
export function rosenbrockN(n: number, opts: { a?: number; b?: number } = {}): Objective {
  checkNumber("n", n, { min: 2, integer: true });
  checkOptions(n === 2 ? "rosenbrock" : "rosenbrockN", opts, ["a", "b"]);
  const a = checkNumber("a", opts.a ?? 1);
  if (n > 2 && a !== 1) {
    // Only then is the minimizer known in closed form: (1, ..., 1).
    throw new OptkitError("a", `expected a = 1 for n > 2, got ${a}`);
  }
  const b = checkNumber("b", opts.b ?? 100, { min: 0 });
  return defineObjective({
    name: n === 2 ? "Rosenbrock" : `Rosenbrock (n = ${n})`,
    latex:
      n === 2
        ? `(${a} - x)^2 + ${b}\\,(y - x^2)^2`
        : `\\sum_{i=1}^{${n - 1}} ${b}\\,(x_{i+1} - x_i^2)^2 + (${a} - x_i)^2`,
    dim: n,
    value: (x) => {
      let f = 0;
      for (let i = 0; i < n - 1; i++) f += b * (x[i + 1] - x[i] ** 2) ** 2 + (a - x[i]) ** 2;
      return f;
    },
    grad: (x) => {
      const g = new Float64Array(n);
      for (let i = 0; i < n - 1; i++) {
        const u = x[i + 1] - x[i] ** 2;
        g[i] += -4 * b * x[i] * u - 2 * (a - x[i]);
        g[i + 1] += 2 * b * u;
      }
      return g;
    },
    hessian: (x) => {
      const H = matrix(n, n);
      const h = H.data;
      for (let i = 0; i < n - 1; i++) {
        h[i * n + i] += 12 * b * x[i] ** 2 - 4 * b * x[i + 1] + 2;
        h[i * n + i + 1] += -4 * b * x[i];
        h[(i + 1) * n + i] += -4 * b * x[i];
        h[(i + 1) * n + i + 1] += 2 * b;
      }
      return H;
    },
    minimizers: [n === 2 ? [a, a * a] : new Array<number>(n).fill(1)],
    minimum: 0,
    domain: n === 2 ? { x: [-2, 2], y: [-1, 3] } : { x: [-2, 2], y: [-2, 2] },
  });
}

/** 2-D Rosenbrock (a - x)^2 + b (y - x^2)^2: minimum 0 at (a, a^2); see `rosenbrockN`. */
export function rosenbrock(opts: { a?: number; b?: number } = {}): Objective {
  return rosenbrockN(2, opts);
}
