/**
 * Data for the finite-difference "V-curve": the error of forward and central differences
 * against h on a log-log plot. Truncation error falls with h (O(h) forward, O(h^2) central),
 * rounding error grows like eps |f| / h, so each error is smallest at an intermediate h.
 */
import { checkFunction, checkNumber } from "../util/check";
import { type Fn1 } from "./finite-diff";

/** Absolute errors |D_h f(x) - f'(x)| for forward and central differences, one per h. */
export interface ErrorVsH {
  readonly h: number[];
  readonly forward: number[];
  readonly central: number[];
}

/** h = 10^-1, 10^-2, ..., 10^-16 by default: wide enough to show both arms of the V. */
export const DEFAULT_HS: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** -(k + 1));

/**
 * Errors of forward (f(x+h) - f(x)) / h and central (f(x+h) - f(x-h)) / (2h) differences
 * against the exact derivative `df(x)`, for each h in `hs`.
 */
export function errorVsH(f: Fn1, df: Fn1, x: number, hs: readonly number[] = DEFAULT_HS): ErrorVsH {
  checkFunction("f", f);
  checkFunction("df", df);
  checkNumber("x", x);
  const exact = checkNumber("df(x)", df(x));
  hs.forEach((h, i) => checkNumber(`hs[${i}]`, h, { min: Number.MIN_VALUE }));
  return {
    h: [...hs],
    forward: hs.map((h) => Math.abs((f(x + h) - f(x)) / h - exact)),
    central: hs.map((h) => Math.abs((f(x + h) - f(x - h)) / (2 * h) - exact)),
  };
}
