/**
 * The shape every test function of the course has, and `defineObjective`, which adds the
 * input checks so each objective file holds only its formulas.
 */
import { checkFinite, checkLength, checkNumber, describe, OptkitError } from "../util/check";
import type { Matrix } from "../numbers/matrix";

/** A twice-differentiable test function f: R^dim -> R with what is known about it. */
export interface Objective {
  /** e.g. "Rosenbrock" */
  readonly name: string;
  /** The formula, for notebook titles. */
  readonly latex: string;
  readonly dim: number;
  value(x: Float64Array): number;
  grad(x: Float64Array): Float64Array;
  hessian(x: Float64Array): Matrix;
  /** Known (global) minimizers; empty if none. */
  readonly minimizers: Float64Array[];
  /** The global minimum value; null if unbounded below. */
  readonly minimum: number | null;
  /** A sensible plot window. */
  readonly domain: { x: [number, number]; y?: [number, number] };
}

/** An objective's formulas and facts, before input checks; minimizers as plain arrays. */
export interface ObjectiveSpec {
  readonly name: string;
  readonly latex: string;
  readonly dim: number;
  value(x: Float64Array): number;
  grad(x: Float64Array): Float64Array;
  hessian(x: Float64Array): Matrix;
  readonly minimizers: number[][];
  readonly minimum: number | null;
  readonly domain: { x: [number, number]; y?: [number, number] };
}

/** Wrap `f` so it first checks that its argument has `dim` finite entries (errors name `arg`). */
export function checkedInput<T>(
  dim: number,
  f: (x: Float64Array) => T,
  arg = "x",
): (x: Float64Array) => T {
  return (x) => {
    checkLength(arg, x, dim);
    checkFinite(arg, x);
    return f(x);
  };
}

/** An Objective from its spec: value, grad and hessian reject an x of wrong length or non-finite. */
export function defineObjective(spec: ObjectiveSpec): Objective {
  if (typeof spec !== "object" || spec === null) {
    throw new OptkitError(
      "spec",
      `expected an object with name, latex, dim, value, grad, hessian, minimizers, minimum and domain, got ${describe(spec)}`,
    );
  }
  checkNumber("spec.dim", spec.dim, { min: 1, integer: true });
  for (const f of ["value", "grad", "hessian"] as const) {
    if (typeof spec[f] !== "function") {
      throw new OptkitError(`spec.${f}`, `expected a function of x, got ${describe(spec[f])}`);
    }
  }
  if (!Array.isArray(spec.minimizers)) {
    throw new OptkitError(
      "spec.minimizers",
      `expected an array of points (empty if none is known), got ${describe(spec.minimizers)}`,
    );
  }
  return {
    name: spec.name,
    latex: spec.latex,
    dim: spec.dim,
    value: checkedInput(spec.dim, spec.value),
    grad: checkedInput(spec.dim, spec.grad),
    hessian: checkedInput(spec.dim, spec.hessian),
    minimizers: spec.minimizers.map((m) => Float64Array.from(m)),
    minimum: spec.minimum,
    domain: spec.domain,
  };
}
