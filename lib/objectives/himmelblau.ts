/**
 * Himmelblau's function, a nonconvex test function with four global minima of value 0.
 */
import { fromRows } from "../numbers/matrix";
import { defineObjective, type Objective } from "./objective";

/**
 * f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2, with u = x^2 + y - 11 and v = x + y^2 - 7:
 * grad = (4x u + 2v, 2u + 4y v), H = [[4u + 8x^2 + 2, 4(x + y)], [4(x + y), 4v + 8y^2 + 2]].
 * Four minima of value 0: (3, 2), about (-2.805118, 3.131312), (-3.779310, -3.283186) and
 * (3.584428, -1.848126) (published to 6 decimals; stored here refined to double precision);
 * a local maximum near (-0.270845, -0.923039).
 */
export function himmelblau(): Objective {
  const uv = (x: number, y: number) => [x * x + y - 11, x + y * y - 7];
  return defineObjective({
    name: "Himmelblau",
    latex: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    dim: 2,
    value: ([x, y]) => uv(x, y).reduce((s, t) => s + t * t, 0),
    grad: ([x, y]) => {
      const [u, v] = uv(x, y);
      return Float64Array.of(4 * x * u + 2 * v, 2 * u + 4 * y * v);
    },
    hessian: ([x, y]) => {
      const [u, v] = uv(x, y);
      const c = 4 * (x + y);
      return fromRows([
        [4 * u + 8 * x * x + 2, c],
        [c, 4 * v + 8 * y * y + 2],
      ]);
    },
    minimizers: [
      [3, 2],
      [-2.805118086952745, 3.131312518250573],
      [-3.779310253377747, -3.283185991286169],
      [3.584428340330492, -1.848126526964404],
    ],
    minimum: 0,
    domain: { x: [-5, 5], y: [-5, 5] },
  });
}
