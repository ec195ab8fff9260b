/**
 * The lecture's counter-example: partial derivatives everywhere, yet not differentiable at 0.
 */
import { OptkitError } from "../util/check";
import { fromRows } from "../numbers/matrix";
import { defineObjective, type Objective } from "./objective";

/**
 * f(x, y) = x^2 y / (x^2 + y^2), f(0, 0) = 0. With r = x^2 + y^2, away from the origin
 * grad = (2x y^3 / r^2, x^2 (x^2 - y^2) / r^2) and
 * H = [[2y^3 (y^2 - 3x^2), 2x y^2 (3x^2 - y^2)], [2x y^2 (3x^2 - y^2), -2x^2 y (3x^2 - y^2)]] / r^3.
 * At the origin `grad` returns the partial derivatives (0, 0), which exist (f vanishes on both
 * axes), but df/dy(x, 0) = 1 for x != 0: the partials are discontinuous, f is not
 * differentiable there (along (1, 1)/sqrt 2 the slope is 1/(2 sqrt 2), not grad . u = 0),
 * and `hessian` throws. Unbounded below (f(t, t) = t / 2).
 */
export function counterExample(): Objective {
  return defineObjective({
    name: "x^2 y / (x^2 + y^2)",
    latex: "\\frac{x^2 y}{x^2 + y^2},\\ f(0, 0) = 0",
    dim: 2,
    value: ([x, y]) => (x === 0 && y === 0 ? 0 : (x * x * y) / (x * x + y * y)),
    grad: ([x, y]) => {
      const r = x * x + y * y;
      if (r === 0) return Float64Array.of(0, 0);
      return Float64Array.of((2 * x * y ** 3) / r ** 2, (x * x * (x * x - y * y)) / r ** 2);
    },
    hessian: ([x, y]) => {
      const r = x * x + y * y;
      if (r === 0) throw new OptkitError("x", "the Hessian does not exist at the origin");
      const r3 = r ** 3;
      const hxy = (2 * x * y * y * (3 * x * x - y * y)) / r3;
      return fromRows([
        [(2 * y ** 3 * (y * y - 3 * x * x)) / r3, hxy],
        [hxy, (-2 * x * x * y * (3 * x * x - y * y)) / r3],
      ]);
    },
    minimizers: [],
    minimum: null,
    domain: { x: [-1, 1], y: [-1, 1] },
  });
}
