/**
 * The shape of a training loss L(w) of parameters w on a fixed data set, and the shared
 * checks of that data. It fits wherever an optimizer wants `value` and `grad` (and `hessian`).
 */
import { checkFinite, checkFunction, checkLength, checkNumber, OptkitError } from "../util/check";
import { type Matrix, transpose } from "../numbers/matrix";
import { checkedInput } from "../objectives/objective";

/** A loss L(w) with its gradient (and Hessian when it has a simple closed form). */
export interface Loss {
  readonly name: string;
  readonly latex: string;
  /** The number of parameters, the length of w. */
  readonly dim: number;
  value(w: Float64Array): number;
  grad(w: Float64Array): Float64Array;
  hessian?(w: Float64Array): Matrix;
}

/** A loss whose Hessian is always available (e.g. for Newton's method). */
export type LossWithHessian = Loss & { hessian(w: Float64Array): Matrix };

/** A Loss whose value, grad and hessian first check that w has `dim` finite entries. */
export function defineLoss<L extends Loss>(spec: L): L {
  if (typeof spec !== "object" || spec === null) {
    throw new OptkitError("spec", "expected an object with name, latex, dim, value and grad");
  }
  checkNumber("spec.dim", spec.dim, { min: 0, integer: true });
  checkFunction("spec.value", spec.value);
  checkFunction("spec.grad", spec.grad);
  const { hessian } = spec;
  if (hessian !== undefined) checkFunction("spec.hessian", hessian);
  return {
    ...spec,
    value: checkedInput(spec.dim, spec.value, "w"),
    grad: checkedInput(spec.dim, spec.grad, "w"),
    ...(hessian ? { hessian: checkedInput(spec.dim, hessian, "w") } : {}),
  };
}

/**
 * Checks a data set (rows of A are samples, y one target per row) and returns A', the
 * targets as a Float64Array and N, the number of samples.
 */
export function checkData(
  A: Matrix,
  y: ArrayLike<number>,
): { At: Matrix; y: Float64Array; N: number } {
  if (A.rows === 0) throw new OptkitError("A", "expected at least one row (sample)");
  checkFinite("A", A.data);
  checkLength("y", y, A.rows);
  checkFinite("y", y);
  return { At: transpose(A), y: Float64Array.from(y), N: A.rows };
}
