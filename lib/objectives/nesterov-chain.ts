/**
 * Nesterov's worst function for first-order methods (Introductory Lectures on Convex
 * Optimization, 2004, section 2.1.4), in dimension d:
 *
 *   f(x) = (L - mu)/8 (x' T x - 2 x_1) + mu/2 ||x||^2,  T = tridiag(-1, 2, -1),
 *
 * mu-strongly convex and L-smooth (the eigenvalues of T lie in (0, 4)). Its gradient couples each
 * coordinate to its neighbours only, so a method whose iterates stay in x_0 + span(past
 * gradients), started at 0, has touched at most k coordinates after k steps. Notebook 04,
 * section 5, measures GD and the heavy ball against the bound this gives.
 */
import { checkNumber } from "../util/check";
import { matrix } from "../numbers/matrix";
import { defineObjective, type Objective } from "./objective";

/** x* solves ((L - mu)/4 T + mu I) x = (L - mu)/4 e_1, a tridiagonal system (Thomas's algorithm). */
function chainMinimizer(d: number, mu: number, L: number): number[] {
  const c = (L - mu) / 4;
  const diag = 2 * c + mu;
  const off = -c;
  const cp = new Float64Array(d);
  const dp = new Float64Array(d);
  cp[0] = off / diag;
  dp[0] = c / diag;
  for (let i = 1; i < d; i++) {
    const m = diag - off * cp[i - 1];
    cp[i] = off / m;
    dp[i] = (0 - off * dp[i - 1]) / m;
  }
  const x = new Array<number>(d);
  x[d - 1] = dp[d - 1];
  for (let i = d - 2; i >= 0; i--) x[i] = dp[i] - cp[i] * x[i + 1];
  return x;
}

export function nesterovChain(d: number, mu: number, L: number): Objective {
  checkNumber("d", d, { min: 2, integer: true });
  checkNumber("mu", mu, { min: Number.MIN_VALUE });
  checkNumber("L", L, { min: mu });
  const c = (L - mu) / 4;
  const xStar = chainMinimizer(d, mu, L);
  const grad = (x: Float64Array) => {
    const g = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      const left = i > 0 ? x[i - 1] : 0;
      const right = i < d - 1 ? x[i + 1] : 0;
      g[i] = c * (2 * x[i] - left - right) + mu * x[i];
    }
    g[0] -= c;
    return g;
  };
  /** (c/2) x'Tx - c x_1 + (mu/2) ||x||^2 with x'Tx = x_1^2 + sum_i (x_i - x_{i+1})^2 + x_d^2 */
  const f = (x: Float64Array) => {
    let quad = x[0] * x[0] + x[d - 1] * x[d - 1];
    let sq = 0;
    for (let i = 0; i < d; i++) {
      if (i < d - 1) quad += (x[i] - x[i + 1]) ** 2;
      sq += x[i] * x[i];
    }
    return (c / 2) * quad - c * x[0] + (mu / 2) * sq;
  };
  return defineObjective({
    name: `Nesterov's chain (d = ${d}, κ = ${L / mu})`,
    latex: "\\frac{L-\\mu}{8}\\left(x^\\top T x - 2x_1\\right) + \\frac{\\mu}{2}\\lVert x\\rVert^2",
    dim: d,
    value: f,
    grad,
    hessian: () => {
      const H = matrix(d, d);
      for (let i = 0; i < d; i++) {
        H.data[i * d + i] = 2 * c + mu;
        if (i > 0) H.data[i * d + i - 1] = -c;
        if (i < d - 1) H.data[i * d + i + 1] = -c;
      }
      return H;
    },
    minimizers: [xStar],
    minimum: f(Float64Array.from(xStar)),
    domain: { x: [-1, 1] },
  });
}
