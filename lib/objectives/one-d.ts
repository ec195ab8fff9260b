/**
 * Functions of one variable from the lectures: convex, nonconvex, unbounded, a saddle.
 * x is a length-1 vector; the Hessian is the 1 x 1 matrix [f''(x)].
 */
import { checkNumber, OptkitError } from "../util/check";
import { matrix } from "../numbers/matrix";
import { defineObjective, type Objective } from "./objective";

/** A 1-D objective from f, f', f'' on numbers. */
function oneD(
  spec: { name: string; latex: string; x: [number, number] },
  facts: { minimizers: number[]; minimum: number | null },
  f: (x: number) => number,
  df: (x: number) => number,
  d2f: (x: number) => number,
): Objective {
  return defineObjective({
    name: spec.name,
    latex: spec.latex,
    dim: 1,
    value: (x) => f(x[0]),
    grad: (x) => Float64Array.of(df(x[0])),
    hessian: (x) => matrix(1, 1, [d2f(x[0])]),
    minimizers: facts.minimizers.map((m) => [m]),
    minimum: facts.minimum,
    domain: { x: spec.x },
  });
}

/** f(x) = x^2; f' = 2x, f'' = 2; minimum 0 at 0. */
export function square(): Objective {
  return oneD(
    { name: "x^2", latex: "x^2", x: [-2, 2] },
    { minimizers: [0], minimum: 0 },
    (x) => x * x,
    (x) => 2 * x,
    () => 2,
  );
}

/**
 * f(x) = x cos(c x); f' = cos(cx) - c x sin(cx), f'' = -2c sin(cx) - c^2 x cos(cx).
 * Nonconvex with infinitely many local minima, unbounded below (|f| grows like |x|).
 */
export function xCos(c = 1): Objective {
  checkNumber("c", c);
  if (c === 0) throw new OptkitError("c", "expected a nonzero number, got 0");
  const w = (2 * Math.PI) / Math.abs(c);
  return oneD(
    { name: `x cos(${c} x)`, latex: `x \\cos(${c}\\,x)`, x: [-w, w] },
    { minimizers: [], minimum: null },
    (x) => x * Math.cos(c * x),
    (x) => Math.cos(c * x) - c * x * Math.sin(c * x),
    (x) => -2 * c * Math.sin(c * x) - c * c * x * Math.cos(c * x),
  );
}

/** f(x) = cosh x; f' = sinh x, f'' = cosh x; strictly convex, minimum 1 at 0. */
export function coshObjective(): Objective {
  return oneD(
    { name: "cosh", latex: "\\cosh x", x: [-3, 3] },
    { minimizers: [0], minimum: 1 },
    Math.cosh,
    Math.sinh,
    Math.cosh,
  );
}

/** f(x) = x^3; f' = 3x^2, f'' = 6x. Stationary at 0 without a minimum there; unbounded below. */
export function cube(): Objective {
  return oneD(
    { name: "x^3", latex: "x^3", x: [-2, 2] },
    { minimizers: [], minimum: null },
    (x) => x * x * x,
    (x) => 3 * x * x,
    (x) => 6 * x,
  );
}

/**
 * f(x) = x^2 + 3 sin^2 x; f' = 2x + 3 sin 2x, f'' = 2 + 6 cos 2x. Nonconvex (f'' < 0 near
 * x = pi/2) but PL: gradient descent still converges linearly. Minimum 0 at 0, its only
 * stationary point (as PL requires: every stationary point is a global minimizer).
 */
export function squarePlusSinSquared(): Objective {
  return oneD(
    { name: "x^2 + 3 sin^2 x", latex: "x^2 + 3\\sin^2 x", x: [-4, 4] },
    { minimizers: [0], minimum: 0 },
    (x) => x * x + 3 * Math.sin(x) ** 2,
    (x) => 2 * x + 3 * Math.sin(2 * x),
    (x) => 2 + 6 * Math.cos(2 * x),
  );
}
