import * as math from "mathjs";
import { describe, expect, it } from "vitest";
import { MAX_SIMPLIFY_NODES } from "../../../lib/calculus";
import {
  numericGradient,
  numericHessian,
  OptkitError,
  relativeError,
  rng,
  symbolic,
  Value,
  valueAndGrad,
} from "../../../lib";

describe("symbolic (mathjs)", () => {
  const f = symbolic("x^2 * sin(y)", ["x", "y"]);
  it("evaluates value, gradient and Hessian like the hand derivatives", () => {
    const [x, y] = [1.5, 0.7];
    const p = Float64Array.of(x, y);
    expect(f.value(p)).toBeCloseTo(x * x * Math.sin(y), 14);
    expect(relativeError(f.grad(p), [2 * x * Math.sin(y), x * x * Math.cos(y)])).toBeLessThan(
      1e-14,
    );
    const H = [2 * Math.sin(y), 2 * x * Math.cos(y), 2 * x * Math.cos(y), -x * x * Math.sin(y)];
    expect(relativeError(f.hessian(p).data, H)).toBeLessThan(1e-14);
  });
  it("keeps the variables in the given order", () => {
    const g = symbolic("x^2 * sin(y)", ["y", "x"]);
    expect(g.value(Float64Array.of(0.7, 1.5))).toBe(f.value(Float64Array.of(1.5, 0.7)));
  });
  it("shows simplified derivatives as strings and LaTeX", () => {
    const d = symbolic("x^3 + 2*x*y", ["x", "y"]).derivatives();
    expect(d.gradient[1]).toBe("2 * x");
    expect(d.hessian[0][1]).toBe("2");
    expect(d.hessian[1][0]).toBe("2");
    expect(d.hessian[1][1]).toBe("0");
    expect(d.gradientLatex[1]).toBe("2\\cdot x");
    expect(f.latex).toContain("\\sin");
  });
  it("shows large expressions unsimplified instead of stalling on simplify", () => {
    const terms = Array.from({ length: 20 }, (_, i) => `log(1 + exp(-(a * ${i} + b)))`);
    const big = symbolic(terms.join(" + "), ["a", "b"]);
    const raw = math.derivative(math.parse(big.expr), "a", { simplify: false });
    let size = 0;
    raw.traverse(() => size++);
    expect(size).toBeGreaterThan(MAX_SIMPLIFY_NODES);
    expect(big.derivatives().gradient[0]).toBe(raw.toString());
  });
  it("names the expression when it cannot parse, differentiate or evaluate", () => {
    const err = (fn: () => unknown): OptkitError => {
      try {
        fn();
      } catch (e) {
        return e as OptkitError;
      }
      throw new Error("expected an error");
    };
    const parse = err(() => symbolic("x^^2", ["x"]));
    expect(parse).toBeInstanceOf(OptkitError);
    expect(parse.message).toMatch(/^expr: cannot parse "x\^\^2"/);
    expect(err(() => symbolic("floor(x) + y", ["x", "y"])).message).toMatch(
      /^expr: cannot differentiate "floor\(x\) \+ y" with respect to x/,
    );
    expect(err(() => symbolic("x * z", ["x"])).message).toBe(
      'vars: "x * z" uses "z", not among [x]',
    );
    expect(err(() => symbolic("x", ["x", "x"])).message).toMatch(/^vars: expected distinct/);
    const c = symbolic("x^2 * y / (x^2 + y^2)", ["x", "y"]);
    expect(err(() => c.value(Float64Array.of(0, 0))).message).toBe(
      'x: the value of "x^2 * y / (x^2 + y^2)" is NaN at (0, 0)',
    );
    expect(err(() => f.value(Float64Array.of(1))).message).toBe("x: expected length 2, got 1");
    expect(err(() => symbolic("log(x)", ["x"]).value(Float64Array.of(-1))).message).toMatch(
      /^x: the value of "log\(x\)" is .*i at \(-1\)/,
    );
  });
});

/** The same functions written three ways: as mathjs strings and as Value code. */
const cases: { expr: string; f: (v: Value[]) => Value }[] = [
  { expr: "exp(x * y) + log(1 + x^2)", f: ([x, y]) => x.mul(y).exp().add(x.pow(2).add(1).log()) },
  { expr: "tanh(x) * y^3 - x / y", f: ([x, y]) => x.tanh().mul(y.pow(3)).sub(x.div(y)) },
  { expr: "1 / (1 + exp(-(2 * x - y)))", f: ([x, y]) => x.mul(2).sub(y).sigmoid() },
  {
    expr: "(1 - x)^2 + 100 * (y - x^2)^2",
    f: ([x, y]) =>
      x
        .neg()
        .add(1)
        .pow(2)
        .add(y.sub(x.pow(2)).pow(2).mul(100)),
  },
  { expr: "log(exp(x) + exp(y))", f: ([x, y]) => x.exp().add(y.exp()).log() },
];

describe("symbolic = autodiff = finite differences", () => {
  const r = rng("three-ways");
  // Points in [0.5, 1.5]^2 keep y away from 0 (x / y) and the entries well scaled.
  const points = Array.from({ length: 4 }, () => r.uniforms(2, 0.5, 1.5));
  for (const { expr, f } of cases) {
    it(expr, () => {
      const s = symbolic(expr, ["x", "y"]);
      for (const p of points) {
        const ad = valueAndGrad(f, p);
        expect(relativeError([ad.value], [s.value(p)])).toBeLessThan(1e-14);
        // Both exact: they may differ only by rounding in a different evaluation order.
        expect(relativeError(ad.grad, s.grad(p))).toBeLessThan(1e-12);
        expect(
          relativeError(
            numericGradient((q) => s.value(q), p),
            s.grad(p),
          ),
        ).toBeLessThan(1e-7);
        const Hfd = numericHessian((q) => s.grad(q), p);
        expect(relativeError(Hfd.data, s.hessian(p).data)).toBeLessThan(1e-7);
      }
    });
  }
});
