import { describe, expect, it } from "vitest";
import {
  banana,
  beale,
  conditionNumber,
  coshObjective,
  counterExample,
  cube,
  fromRows,
  gradCheck,
  himmelblau,
  illConditionedQuadratic,
  isSymmetric,
  norm2,
  numericHessian,
  type Objective,
  quadratic,
  relativeError,
  rng,
  rosenbrock,
  rosenbrockN,
  saddle,
  square,
  squarePlusSinSquared,
  xCos,
} from "../../../lib";

const all: Objective[] = [
  quadratic({
    A: fromRows([
      [3, 1],
      [1, 2],
    ]),
    b: [1, -1],
  }),
  illConditionedQuadratic(50, 4),
  square(),
  xCos(2),
  coshObjective(),
  cube(),
  squarePlusSinSquared(),
  saddle(),
  rosenbrock(),
  rosenbrockN(5),
  banana(),
  beale(),
  himmelblau(),
  counterExample(),
];

/** Seeded points in the objective's plot window (all coordinates in its x range, or x and y). */
function points(f: Objective, seed: string, count = 5): Float64Array[] {
  const r = rng(seed);
  return Array.from({ length: count }, () =>
    Float64Array.from({ length: f.dim }, (_, i) => {
      const [lo, hi] = i === 1 && f.domain.y ? f.domain.y : f.domain.x;
      return r.uniform(lo, hi);
    }),
  );
}

describe.each(all.map((f) => [f.name, f] as const))("%s", (_, f) => {
  // Central differences with h = 1e-5 have truncation error ~ h^2 |f'''| / 6 ~ 1e-10 |f'''|
  // and rounding ~ eps |f| / h ~ 1e-11 |f|: relative errors stay far below 1e-7 at these points.
  it("gradient and Hessian match central differences at seeded points", () => {
    for (const x of points(f, f.name)) {
      expect(gradCheck(f.value, f.grad, x)).toBeLessThan(1e-7);
      const H = f.hessian(x);
      expect(isSymmetric(H)).toBe(true);
      expect(relativeError(H.data, numericHessian(f.grad, x).data)).toBeLessThan(1e-7);
    }
  });
  it("has stationary minimizers inside its plot window with the stated minimum", () => {
    expect(f.minimizers.length > 0).toBe(f.minimum !== null);
    for (const m of f.minimizers) {
      expect(m.length).toBe(f.dim);
      expect(norm2(f.grad(m))).toBeLessThan(1e-12);
      expect(Math.abs(f.value(m) - (f.minimum ?? NaN))).toBeLessThan(1e-14);
      expect(m[0]).toBeGreaterThan(f.domain.x[0]);
      expect(m[0]).toBeLessThan(f.domain.x[1]);
    }
    expect(f.latex.length).toBeGreaterThan(0);
  });
  it("rejects x of the wrong length or with NaN, naming x", () => {
    expect(() => f.value(new Float64Array(f.dim + 1))).toThrow(
      `x: expected length ${f.dim}, got ${f.dim + 1}`,
    );
    expect(() => f.grad(new Float64Array(f.dim).fill(NaN))).toThrow(/^x: expected finite values/);
  });
});

describe("pinned values from independent sources", () => {
  it("Rosenbrock f(-1.2, 1) = 24.2, gradient (-215.6, -88) (hand computation)", () => {
    const x = Float64Array.of(-1.2, 1);
    expect(relativeError([rosenbrock().value(x)], [24.2])).toBeLessThan(1e-15);
    expect(relativeError(rosenbrock().grad(x), [-215.6, -88])).toBeLessThan(1e-15);
    expect(rosenbrockN(2).value(x)).toBe(rosenbrock().value(x));
    expect(Array.from(rosenbrock({ a: 2 }).minimizers[0])).toEqual([2, 4]);
  });
  it("Beale has minimum 0 at (3, 0.5)", () => {
    expect(beale().value(Float64Array.of(3, 0.5))).toBe(0);
    expect(Array.from(beale().grad(Float64Array.of(3, 0.5)))).toEqual([0, 0]);
  });
  it("Himmelblau's four minimizers agree with the published (truncated) 6-decimal values", () => {
    const published = [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ];
    const h = himmelblau();
    published.forEach((p, i) => {
      expect(Math.abs(h.minimizers[i][0] - p[0])).toBeLessThan(1e-6);
      expect(Math.abs(h.minimizers[i][1] - p[1])).toBeLessThan(1e-6);
      expect(h.value(Float64Array.from(p))).toBeLessThan(1e-9);
    });
    expect(h.value(Float64Array.of(-0.270845, -0.923039))).toBeCloseTo(181.617, 3); // local max
  });
  it("the banana's minimum is at (1, 1/3), the saddle's Hessian is diag(2, -2)", () => {
    expect(banana().value(Float64Array.of(1, 1 / 3))).toBe(0);
    expect(Array.from(saddle().hessian(Float64Array.of(5, 7)).data)).toEqual([2, 0, 0, -2]);
  });
  it("x^2 + 3 sin^2 x is nonconvex: f''(pi/2) = 2 + 6 cos(pi) = -4", () => {
    expect(squarePlusSinSquared().hessian(Float64Array.of(Math.PI / 2)).data[0]).toBeCloseTo(
      -4,
      14,
    );
    expect(cube().grad(Float64Array.of(0))[0]).toBe(0);
    expect(coshObjective().value(Float64Array.of(0))).toBe(1);
  });
});

describe("quadratics", () => {
  it("solve A x* = b with f(x*) = -1/2 b'x* (hand: A = diag(2, 4), b = (2, 4))", () => {
    const q = quadratic({
      A: fromRows([
        [2, 0],
        [0, 4],
      ]),
      b: [2, 4],
    });
    expect(relativeError(q.minimizers[0], [1, 1])).toBeLessThan(1e-15);
    expect(relativeError([q.minimum ?? NaN], [-3])).toBeLessThan(1e-15);
    expect(Array.from(q.grad(Float64Array.of(0, 0)))).toEqual([-2, -4]);
  });
  it("control the condition number", () => {
    expect(relativeError([conditionNumber(illConditionedQuadratic(100, 5).A)], [100])).toBeLessThan(
      1e-13,
    );
  });
  it("report an indefinite quadratic as unbounded", () => {
    const q = quadratic({
      A: fromRows([
        [1, 0],
        [0, -1],
      ]),
    });
    expect(q.minimizers).toEqual([]);
    expect(q.minimum).toBeNull();
  });
  it("reject bad A, b and kappa", () => {
    expect(() =>
      quadratic({
        A: fromRows([
          [1, 2],
          [0, 1],
        ]),
      }),
    ).toThrow(/^A: expected a symmetric/);
    expect(() => quadratic({ A: fromRows([[1]]), b: [1, 2] })).toThrow(
      "b: expected length 1, got 2",
    );
    expect(() => illConditionedQuadratic(0.5)).toThrow(/^kappa: expected a finite number >= 1/);
    expect(() => rosenbrockN(1)).toThrow(/^n: expected an integer >= 2/);
    expect(() => rosenbrockN(3, { a: 2 })).toThrow(/^a: expected a = 1/);
    expect(() => xCos(0)).toThrow("c: expected a nonzero number, got 0");
  });
});

describe("the counter-example x^2 y / (x^2 + y^2)", () => {
  const f = counterExample();
  it("is 0 at the origin with partial derivatives (0, 0) there", () => {
    expect(f.value(Float64Array.of(0, 0))).toBe(0);
    expect(Array.from(f.grad(Float64Array.of(0, 0)))).toEqual([0, 0]);
    expect(() => f.hessian(Float64Array.of(0, 0))).toThrow(
      "x: the Hessian does not exist at the origin",
    );
  });
  it("has df/dy(x, 0) = 1 for x != 0 and df/dy(0, y) = 0 for y != 0 (the lecture)", () => {
    expect(f.grad(Float64Array.of(0.3, 0))[1]).toBe(1);
    expect(Math.abs(f.grad(Float64Array.of(0, -0.7))[1])).toBe(0);
  });
  it("is not differentiable at 0: the slope along (1, 1)/sqrt 2 is 1/(2 sqrt 2), not 0", () => {
    const t = 1e-6;
    const u = 1 / Math.SQRT2;
    const slope = f.value(Float64Array.of(t * u, t * u)) / t;
    expect(relativeError([slope], [1 / (2 * Math.SQRT2)])).toBeLessThan(1e-12);
  });
});
