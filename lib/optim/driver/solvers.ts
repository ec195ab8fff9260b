/** Newton's method and BFGS as one call each: `minimize` with a fresh stepper. */
import { BFGS, type BFGSOptions } from "../second-order/bfgs";
import { Newton, type NewtonOptions } from "../second-order/newton";
import { minimize, type MinimizeOptions } from "./minimize";
import type { Differentiable, MinimizeResult } from "./types";

type SolverOptions = Omit<MinimizeOptions, "schedule" | "clip">;

/** Damped Newton's method for minimisation (see `Newton`); stops when ||g|| <= tol [1e-10]. */
export function newton(
  objective: Differentiable,
  x0: ArrayLike<number>,
  opts: SolverOptions & NewtonOptions = {},
): MinimizeResult {
  return minimize(objective, x0, new Newton(opts), { tol: 1e-10, ...opts });
}

/** BFGS (see `BFGS`); stops when ||g|| <= tol [1e-10]. */
export function bfgs(
  objective: Differentiable,
  x0: ArrayLike<number>,
  opts: SolverOptions & BFGSOptions = {},
): MinimizeResult {
  return minimize(objective, x0, new BFGS(opts), { tol: 1e-10, ...opts });
}
