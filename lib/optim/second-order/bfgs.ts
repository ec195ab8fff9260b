/** BFGS: a quasi-Newton method that builds an inverse-Hessian approximation from gradients. */
import { dot, identity, norm2, type Matrix } from "../../numbers";
import { checkOptions, optionNames, OptkitError } from "../../util/check";
import type { Differentiable, HistoryEvent, Stepper, StepOutcome } from "../driver/types";
import { armijo, wolfe } from "../linesearch";

export interface BFGSOptions {
  /** ["wolfe"]: weak Wolfe (c1 1e-4, c2 0.9), which keeps y's > 0; or Armijo backtracking */
  lineSearch?: "wolfe" | "armijo";
  /** scale H_0 = (y's / y'y) I before the first update (Nocedal & Wright 6.20) [true] */
  scaleInitial?: boolean;
}

/** The option names of `BFGS`. */
const BFGS_OPTIONS = optionNames<BFGSOptions>({ lineSearch: true, scaleInitial: true });

/**
 * BFGS, one step: with s = x_{k+1} - x_k, y = g_{k+1} - g_k and rho = 1 / y's, the inverse
 * Hessian approximation H (H_0 = I) is updated by
 *   H <- (I - rho s y') H (I - rho y s') + rho s s',
 * then d = -H g and x <- x + alpha d with alpha from the line search. The update is skipped
 * (and recorded) when y's <= 1e-10 ||s|| ||y|| (not safely positive: H would stop being
 * positive definite); if -H g is not a descent direction, H is reset to I (recorded).
 */
export class BFGS implements Stepper {
  readonly name = "BFGS";
  readonly lineSearch: "wolfe" | "armijo";
  readonly scaleInitial: boolean;
  /** the current inverse-Hessian approximation (inspectable; null before the first step) */
  H: Matrix | null = null;
  private xPrev: Float64Array | null = null;
  private gPrev: Float64Array | null = null;
  private updates = 0;

  constructor(opts: BFGSOptions = {}) {
    checkOptions("BFGS", opts, BFGS_OPTIONS);
    this.lineSearch = opts.lineSearch ?? "wolfe";
    if (this.lineSearch !== "wolfe" && this.lineSearch !== "armijo") {
      throw new OptkitError(
        "lineSearch",
        `expected "wolfe" or "armijo", got ${String(opts.lineSearch)}`,
      );
    }
    this.scaleInitial = opts.scaleInitial ?? true;
  }

  /** Forget H and the previous point (start a new run). */
  reset(): void {
    this.H = this.xPrev = this.gPrev = null;
    this.updates = 0;
  }

  advance(
    x: Float64Array,
    fx: number,
    g: Float64Array,
    fn: Differentiable,
    t: number,
  ): StepOutcome {
    const n = x.length;
    const events: HistoryEvent[] = [];
    if (this.H === null || this.xPrev === null || this.gPrev === null || this.H.rows !== n) {
      this.H = identity(n);
    } else {
      this.update(x, g, t, events);
    }
    const H = this.H.data;
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i * n + j] * g[j];
      d[i] = s;
    }
    if (!(dot(g, d) < 0)) {
      this.H = identity(n);
      d.set(g.map((v) => -v));
      events.push({
        step: t,
        kind: "reset",
        message: `-Hg not a descent direction at step ${t}: H reset to I`,
      });
    }
    this.xPrev = x.slice();
    this.gPrev = g.slice();
    if (!(dot(g, d) < 0)) {
      // even -g gives g'd = -||g||^2 = 0 (underflow, g ~ 0): no descent left to find
      events.push({ step: t, kind: "line-search-failed", message: `g'd = 0 at step ${t}` });
      return { lr: 0, events };
    }
    const f = (y: Float64Array) => fn.value(y);
    const ls =
      this.lineSearch === "wolfe"
        ? wolfe(f, (y) => fn.grad(y), x, g, d, { fx })
        : armijo(f, x, g, { direction: d, fx });
    if (!ls.ok) {
      events.push({
        step: t,
        kind: "line-search-failed",
        message: `line search gave up at step ${t}`,
      });
    }
    for (let i = 0; i < n; i++) x[i] += ls.alpha * d[i];
    return { lr: ls.alpha, events };
  }

  private update(x: Float64Array, g: Float64Array, t: number, events: HistoryEvent[]): void {
    const n = x.length;
    const H = (this.H as Matrix).data;
    const s = Float64Array.from(x, (v, i) => v - (this.xPrev as Float64Array)[i]);
    const y = Float64Array.from(g, (v, i) => v - (this.gPrev as Float64Array)[i]);
    const sy = dot(s, y);
    if (!(sy > 1e-10 * norm2(s) * norm2(y))) {
      events.push({
        step: t,
        kind: "skipped-update",
        message: `y's = ${sy} <= 0 at step ${t}: update skipped`,
      });
      return;
    }
    if (this.scaleInitial && this.updates === 0) {
      const scale = sy / dot(y, y);
      for (let i = 0; i < n * n; i++) H[i] *= scale;
    }
    const rho = 1 / sy;
    // Hy (H symmetric), then H <- H - rho (s (Hy)' + (Hy) s') + (rho^2 y'Hy + rho) s s'
    const Hy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += H[i * n + j] * y[j];
      Hy[i] = acc;
    }
    const coef = rho * rho * dot(y, Hy) + rho;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        H[i * n + j] += -rho * (s[i] * Hy[j] + Hy[i] * s[j]) + coef * s[i] * s[j];
      }
    }
    this.updates++;
  }
}
