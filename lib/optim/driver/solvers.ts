/** Newton's method and BFGS as one call each: `minimize` with a fresh stepper. */
import { checkOptions, optionNames } from "../../util/check";
import { BFGS, type BFGSOptions } from "../second-order/bfgs";
import { Newton, type NewtonOptions } from "../second-order/newton";
import { minimize, type MinimizeOptions } from "./minimize";
import type { Differentiable, MinimizeResult } from "./types";

type SolverOptions = Omit<MinimizeOptions, "schedule" | "clip">;

const SOLVER = optionNames<SolverOptions>({
  steps: true,
  tol: true,
  callback: true,
  divergenceFactor: true,
});
const NEWTON = optionNames<NewtonOptions>({ damped: true, c: true, shrink: true, maxStep: true });
const BFGS_ONLY = optionNames<BFGSOptions>({ lineSearch: true, scaleInitial: true });

/** Split `opts` into the method's options and the driver's, refusing any other key. */
function split<M>(owner: string, opts: object, own: readonly string[]): [M, SolverOptions] {
  checkOptions(owner, opts, [...SOLVER, ...own]);
  const method: Record<string, unknown> = {};
  const driver: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(opts)) (own.includes(k) ? method : driver)[k] = v;
  return [method as M, driver as SolverOptions];
}

/** Damped Newton's method for minimisation (see `Newton`); stops when ||g|| <= tol [1e-10]. */
export function newton(
  objective: Differentiable,
  x0: ArrayLike<number>,
  opts: SolverOptions & NewtonOptions = {},
): MinimizeResult {
  const [method, driver] = split<NewtonOptions>("newton", opts, NEWTON);
  return minimize(objective, x0, new Newton(method), { tol: 1e-10, ...driver });
}

/** BFGS (see `BFGS`); stops when ||g|| <= tol [1e-10]. */
export function bfgs(
  objective: Differentiable,
  x0: ArrayLike<number>,
  opts: SolverOptions & BFGSOptions = {},
): MinimizeResult {
  const [method, driver] = split<BFGSOptions>("bfgs", opts, BFGS_ONLY);
  return minimize(objective, x0, new BFGS(method), { tol: 1e-10, ...driver });
}
