/**
 * The shared shell of the optimizer classes: `step(params, grads)` over one parameter array or
 * several (one step count shared by all; one state per array), a settable `lr`, and argument
 * checks. Each subclass supplies a rule from the functional core (`../rules`).
 */
import { checkNumber, checkSameLength, describe, OptkitError, type Vec } from "../../util/check";

/** One parameter array, or several (as a network has one per layer). */
export type ParamArrays = Vec | readonly Vec[];

function isVec(x: ParamArrays): x is Vec {
  return ArrayBuffer.isView(x);
}

/** The i-th array of `x` (a single array is array 0). */
function arrayAt(x: ParamArrays, i: number): Vec {
  return isVec(x) ? x : x[i];
}

export abstract class Optimizer<S, H extends { eta: number }> {
  /** One state per parameter array, created at the first step (index as in `params`). */
  readonly state: S[] = [];
  /** Number of steps taken (shared by all parameter arrays). */
  t = 0;
  /** The hyperparameters in the functional core's names; `lr` writes `hyper.eta`. */
  readonly hyper: H;
  /** Lengths of the parameter arrays, fixed at the first step. */
  private readonly lengths: number[] = [];

  protected constructor(hyper: H) {
    this.hyper = hyper;
  }

  /** The learning rate used by the next step (may be changed between steps, e.g. by a schedule). */
  get lr(): number {
    return this.hyper.eta;
  }

  set lr(value: number) {
    this.hyper.eta = checkNumber("lr", value, { min: 0 });
  }

  /** Fresh state for one parameter array of length `n`. */
  protected abstract createState(n: number): S;
  /** Apply the rule in place to one parameter array. */
  protected abstract update(p: Vec, g: Vec, state: S): void;

  /** Update `params` in place from `grads` (same shapes); allocates only at the first step. */
  step(params: ParamArrays, grads: ParamArrays): void {
    for (const [arg, x] of [
      ["params", params],
      ["grads", grads],
    ] as const) {
      if (!ArrayBuffer.isView(x) && !Array.isArray(x)) {
        throw new OptkitError(
          arg,
          `expected a Float64Array or an array of them (one per parameter array), got ${describe(x)}`,
        );
      }
    }
    const single = isVec(params);
    if (single !== isVec(grads)) {
      throw new OptkitError(
        "grads",
        `expected ${single ? "one array" : "an array of arrays"} like params, got ${single ? "an array of arrays" : "one array"}`,
      );
    }
    const count = isVec(params) ? 1 : params.length;
    const gcount = isVec(grads) ? 1 : grads.length;
    if (gcount !== count) {
      throw new OptkitError("grads", `expected ${count} arrays like params, got ${gcount}`);
    }
    if (this.lengths.length === 0) {
      if (count === 0) throw new OptkitError("params", "expected at least one parameter array");
      for (let i = 0; i < count; i++) {
        const p = arrayAt(params, i);
        if (!ArrayBuffer.isView(p)) {
          throw new OptkitError(`params[${i}]`, "expected a Float64Array or Float32Array");
        }
        this.state.push(this.createState(p.length));
        this.lengths.push(p.length);
      }
    } else if (count !== this.lengths.length) {
      throw new OptkitError(
        "params",
        `expected ${this.lengths.length} parameter arrays (as at the first step), got ${count}`,
      );
    }
    for (let i = 0; i < count; i++) {
      const p = arrayAt(params, i);
      const g = arrayAt(grads, i);
      if (p.length !== this.lengths[i]) {
        throw new OptkitError(
          single ? "params" : `params[${i}]`,
          `expected length ${this.lengths[i]} (as at the first step), got ${p.length}`,
        );
      }
      if (g.length !== p.length) {
        checkSameLength(single ? "params" : `params[${i}]`, p, single ? "grads" : `grads[${i}]`, g);
      }
    }
    for (let i = 0; i < count; i++) {
      const p = arrayAt(params, i);
      const g = arrayAt(grads, i);
      this.update(p, g, this.state[i]);
    }
    this.t++;
  }
}
