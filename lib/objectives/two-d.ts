/**
 * Classic two-variable test functions (x = (x, y)): a saddle, the banana, Beale, Himmelblau,
 * and the lecture's counter-example of a function with partial derivatives but no gradient.
 */
import { fromRows } from "../numbers/matrix";
import { defineObjective, type Objective } from "./objective";

/** f = x^2 - y^2; grad (2x, -2y), Hessian diag(2, -2): a saddle at 0, unbounded below. */
export function saddle(): Objective {
  return defineObjective({
    name: "saddle x^2 - y^2",
    latex: "x^2 - y^2",
    dim: 2,
    value: ([x, y]) => x * x - y * y,
    grad: ([x, y]) => Float64Array.of(2 * x, -2 * y),
    hessian: () =>
      fromRows([
        [2, 0],
        [0, -2],
      ]),
    minimizers: [],
    minimum: null,
    domain: { x: [-2, 2], y: [-2, 2] },
  });
}

/**
 * The "banana" f = (1 - x)^2 + 20 (3y - x^2)^2, with u = 3y - x^2:
 * grad = (-2(1 - x) - 80 x u, 120 u), H = [[2 - 240y + 240x^2, -240x], [-240x, 360]].
 * Minimum 0 at (1, 1/3).
 */
export function banana(): Objective {
  return defineObjective({
    name: "banana",
    latex: "(1 - x)^2 + 20\\,(3y - x^2)^2",
    dim: 2,
    value: ([x, y]) => (1 - x) ** 2 + 20 * (3 * y - x * x) ** 2,
    grad: ([x, y]) =>
      Float64Array.of(-2 * (1 - x) - 80 * x * (3 * y - x * x), 120 * (3 * y - x * x)),
    hessian: ([x, y]) =>
      fromRows([
        [2 - 240 * y + 240 * x * x, -240 * x],
        [-240 * x, 360],
      ]),
    minimizers: [[1, 1 / 3]],
    minimum: 0,
    domain: { x: [-2, 2], y: [-0.5, 1.5] },
  });
}

const BEALE_C = [1.5, 2.25, 2.625];

/**
 * Beale f = sum_{k=1..3} t_k^2 with t_k = c_k - x + x y^k, c = (1.5, 2.25, 2.625).
 * grad t_k = (y^k - 1, k x y^(k-1)); grad f = sum 2 t_k grad t_k;
 * H = sum 2 (grad t_k grad t_k' + t_k H_k), H_k = [[0, k y^(k-1)], [k y^(k-1), k(k-1) x y^(k-2)]].
 * Minimum 0 at (3, 0.5).
 */
export function beale(): Objective {
  const terms = (x: number, y: number) =>
    BEALE_C.map((c, i) => {
      const k = i + 1;
      const t = c - x + x * y ** k;
      return { k, t, gx: y ** k - 1, gy: k * x * y ** (k - 1) };
    });
  return defineObjective({
    name: "Beale",
    latex: "\\sum_{k=1}^{3} (c_k - x + x y^k)^2,\\ c = (1.5, 2.25, 2.625)",
    dim: 2,
    value: ([x, y]) => terms(x, y).reduce((s, { t }) => s + t * t, 0),
    grad: ([x, y]) => {
      const g = new Float64Array(2);
      for (const { t, gx, gy } of terms(x, y)) {
        g[0] += 2 * t * gx;
        g[1] += 2 * t * gy;
      }
      return g;
    },
    hessian: ([x, y]) => {
      let [hxx, hxy, hyy] = [0, 0, 0];
      for (const { k, t, gx, gy } of terms(x, y)) {
        hxx += 2 * gx * gx;
        hxy += 2 * (gx * gy + t * k * y ** (k - 1));
        hyy += 2 * (gy * gy + t * k * (k - 1) * x * (k >= 2 ? y ** (k - 2) : 0));
      }
      return fromRows([
        [hxx, hxy],
        [hxy, hyy],
      ]);
    },
    minimizers: [[3, 0.5]],
    minimum: 0,
    domain: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
  });
}
