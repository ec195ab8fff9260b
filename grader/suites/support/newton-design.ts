/**
 * The design task `safeguardedNewton` (notebook 03): nonconvex test functions, an objective
 * wrapper that counts evaluations and enforces the budget on the grader's side, and the check
 * of one run (stationary, positive definite Hessian, within budget, honest count).
 */
import type * as Module from "../../../exercises/03-newton";
import type { Matrix, NewtonObjective } from "../../../exercises/03-newton";
import { attempt, GradeFailure } from "../../harness";

/** One start of one function, with its budget. */
export interface DesignInstance {
  name: string;
  f: NewtonObjective;
  x0: number[];
  budget: number;
}

/** a (p - s) cos(w (p - s)): infinitely many local minima, maxima in between. */
export function pCosP(w = 1, a = 1, s = 0): NewtonObjective {
  return {
    value: ([p]) => a * (p - s) * Math.cos(w * (p - s)),
    grad: ([p]) =>
      Float64Array.of(a * (Math.cos(w * (p - s)) - w * (p - s) * Math.sin(w * (p - s)))),
    hessian: ([p]) => [
      [a * (-2 * w * Math.sin(w * (p - s)) - w * w * (p - s) * Math.cos(w * (p - s)))],
    ],
  };
}

/** (a - x)^2 + b (y - x^2)^2: Rosenbrock's curved valley, minimum at (a, a^2). */
export function valley(a: number, b: number): NewtonObjective {
  return {
    value: ([x, y]) => (a - x) ** 2 + b * (y - x * x) ** 2,
    grad: ([x, y]) => Float64Array.of(-2 * (a - x) - 4 * b * x * (y - x * x), 2 * b * (y - x * x)),
    hessian: ([x, y]): Matrix => [
      [2 - 4 * b * (y - 3 * x * x), -4 * b * x],
      [-4 * b * x, 2 * b],
    ],
  };
}

/**
 * A double well c (u^4/4 - u^2/2 + k v^2/2) in coordinates (u, v) rotated by theta: minima at
 * u = +-1, v = 0, a saddle at the origin.
 */
export function doubleWell(theta = 0, c = 1, k = 1): NewtonObjective {
  const [co, si] = [Math.cos(theta), Math.sin(theta)];
  const uv = ([x, y]: Float64Array) => [co * x + si * y, -si * x + co * y];
  return {
    value: (p) => {
      const [u, v] = uv(p);
      return c * (u ** 4 / 4 - (u * u) / 2 + (k * v * v) / 2);
    },
    grad: (p) => {
      const [u, v] = uv(p);
      const [gu, gv] = [c * (u ** 3 - u), c * k * v];
      return Float64Array.of(co * gu - si * gv, si * gu + co * gv);
    },
    hessian: (p): Matrix => {
      const [u] = uv(p);
      const [huu, hvv] = [c * (3 * u * u - 1), c * k];
      return [
        [co * co * huu + si * si * hvv, co * si * (huu - hvv)],
        [co * si * (huu - hvv), si * si * huu + co * co * hvv],
      ];
    },
  };
}

/** Himmelblau's function: four minima, a maximum near (-0.27, -0.92), four saddles. */
export function himmelblau(): NewtonObjective {
  return {
    value: ([x, y]) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
    grad: ([x, y]) =>
      Float64Array.of(
        4 * x * (x * x + y - 11) + 2 * (x + y * y - 7),
        2 * (x * x + y - 11) + 4 * y * (x + y * y - 7),
      ),
    hessian: ([x, y]): Matrix => [
      [12 * x * x + 4 * y - 42, 4 * x + 4 * y],
      [4 * x + 4 * y, 4 * x + 12 * y * y - 26],
    ],
  };
}

/** The smallest eigenvalue of a symmetric 1 x 1 or 2 x 2 matrix. */
function lowestEigenvalue(H: Matrix): number {
  if (H.length === 1) return H[0][0];
  const [a, b, d] = [H[0][0], H[0][1], H[1][1]];
  return (a + d) / 2 - Math.sqrt(((a - d) / 2) ** 2 + b * b);
}

/** One run: null on success, else why it failed (one sentence). Student errors count as fails. */
export function runInstance(
  ex: typeof Module,
  inst: DesignInstance,
): { failure: string | null; evaluations: number } {
  let calls = 0;
  const counted =
    <T>(fn: (x: Float64Array) => T) =>
    (x: Float64Array): T => {
      calls++;
      if (calls > inst.budget) {
        throw new GradeFailure(`the budget of ${inst.budget} evaluations is used up`);
      }
      return fn(Float64Array.from(x));
    };
  const f: NewtonObjective = {
    value: counted(inst.f.value),
    grad: counted(inst.f.grad),
    hessian: counted(inst.f.hessian),
  };
  const x0 = Float64Array.from(inst.x0);
  const fail = (why: string) => ({ failure: `${inst.name}: ${why}.`, evaluations: calls });
  let out: Module.SafeguardedNewtonResult;
  try {
    out = attempt("safeguardedNewton", () => ex.safeguardedNewton(f, x0, inst.budget), { x0 });
  } catch (e) {
    if (calls > inst.budget) return fail(`more than ${inst.budget} evaluations`);
    return fail(e instanceof Error ? e.message.replace(/\.$/, "") : String(e));
  }
  if (calls > inst.budget) return fail(`more than ${inst.budget} evaluations`);
  const x = out?.x;
  if (!x || x.length !== x0.length || !Array.from(x).every(Number.isFinite)) {
    return fail("x is not a finite vector of the start's length");
  }
  if (out.evaluations !== calls) {
    return fail(`evaluations says ${String(out.evaluations)}, but it made ${calls}`);
  }
  const gNorm = Math.hypot(...inst.f.grad(Float64Array.from(x)));
  if (!(gNorm <= 1e-8)) return fail(`||grad|| = ${gNorm.toExponential(2)} > 1e-8 at the end`);
  const lowest = lowestEigenvalue(inst.f.hessian(Float64Array.from(x)));
  if (!(lowest > 0)) {
    return fail(`the Hessian's smallest eigenvalue is ${lowest.toPrecision(3)}: not a minimiser`);
  }
  return { failure: null, evaluations: calls };
}

/** Runs every instance once; success rate, mean share of the budget used by the successes. */
export function runFamily(ex: typeof Module, family: readonly DesignInstance[]) {
  const runs = family.map((inst) => ({ inst, ...runInstance(ex, inst) }));
  const ok = runs.filter((r) => r.failure === null);
  const share = ok.reduce((s, r) => s + r.evaluations / r.inst.budget, 0) / Math.max(1, ok.length);
  return {
    rate: ok.length / family.length,
    share,
    firstFailure: runs.find((r) => r.failure !== null)?.failure ?? null,
  };
}
