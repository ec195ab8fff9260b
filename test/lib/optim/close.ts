import { expect } from "vitest";

/** Elementwise relative error |a - b| / max(floor, |a| + |b|), as in the conventions. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-8): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(
      worst,
      Math.abs(a[i] - b[i]) / Math.max(floor, Math.abs(a[i]) + Math.abs(b[i])),
    );
  }
  return worst;
}

/** Assert `a` equals `b` to relative error `tol`. */
export function expectClose(
  a: ArrayLike<number> | number,
  b: ArrayLike<number> | number,
  tol = 1e-12,
): void {
  const aa = typeof a === "number" ? [a] : a;
  const bb = typeof b === "number" ? [b] : b;
  const err = relErr(aa, bb);
  if (!(err <= tol)) {
    throw new Error(
      `relative error ${err} > ${tol}: got [${Array.from(aa)}], expected [${Array.from(bb)}]`,
    );
  }
}
