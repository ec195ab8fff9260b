import { describe, expect, it } from "vitest";
import { numericGradient, relativeError, sumValues, Value, valueAndGrad } from "../../../lib";

describe("Value (reverse-mode autodiff)", () => {
  it("reproduces micrograd's published example (g = 24.7041, dg/da = 138.8338, dg/db = 645.5773)", () => {
    const a = new Value(-4);
    const b = new Value(2);
    let c = a.add(b);
    let d = a.mul(b).add(b.pow(3));
    c = c.add(c.add(1));
    c = c.add(new Value(1).add(c).add(a.neg()));
    d = d.add(d.mul(2).add(b.add(a).relu()));
    d = d.add(new Value(3).mul(d).add(b.sub(a).relu()));
    const e = c.sub(d);
    const f = e.pow(2);
    let g = f.div(2);
    g = g.add(new Value(10).div(f));
    g.backward();
    expect(g.data.toFixed(4)).toBe("24.7041");
    expect(a.grad.toFixed(4)).toBe("138.8338");
    expect(b.grad.toFixed(4)).toBe("645.5773");
  });
  it("lists the graph with values and adjoints, inputs first", () => {
    const x = new Value(3, "x");
    const y = new Value(-2, "y");
    const f = x.mul(y).add(x);
    f.label = "f";
    f.backward();
    const rows = f.nodes();
    expect(rows[rows.length - 1]).toMatchObject({ label: "f", op: "+", data: -3, grad: 1 });
    expect(rows.find((r) => r.label === "x")).toMatchObject({ data: 3, grad: -1 }); // y + 1
    expect(rows.find((r) => r.label === "y")).toMatchObject({ data: -2, grad: 3 }); // x
    for (const r of rows)
      for (const i of r.inputs)
        expect(rows.findIndex((s) => s.id === i)).toBeLessThan(rows.indexOf(r));
  });
  it("has the textbook local derivatives", () => {
    const at = (op: (v: Value) => Value, a: number) => valueAndGrad((x) => op(x[0]), [a]).grad[0];
    expect(at((v) => v.exp(), 0.3)).toBeCloseTo(Math.exp(0.3), 14);
    expect(at((v) => v.log(), 4)).toBeCloseTo(0.25, 15);
    expect(at((v) => v.tanh(), 0.5)).toBeCloseTo(1 - Math.tanh(0.5) ** 2, 15);
    expect(at((v) => v.sigmoid(), 0)).toBe(0.25);
    expect(at((v) => v.relu(), -1)).toBe(0);
    expect(at((v) => v.relu(), 2)).toBe(1);
    expect(at((v) => v.pow(3), 2)).toBe(12);
    expect(at((v) => new Value(1).div(v), 2)).toBe(-0.25);
    expect(new Value(-800).sigmoid().data).toBeGreaterThanOrEqual(0); // no overflow to NaN
  });
  it("accumulates over repeated uses and handles long chains", () => {
    const x = new Value(2);
    const y = x.mul(x).add(x); // x^2 + x
    y.backward();
    expect(x.grad).toBe(5);
    const many = sumValues(Array.from({ length: 20000 }, () => x));
    many.backward();
    expect(x.grad).toBe(20000);
  });
  it("derives the logistic-regression gradient X'(sigma(Xw) - y)", () => {
    const X = [
      [1, 2],
      [-1, 0.5],
      [0.3, -2],
    ];
    const y = [1, 0, 1];
    const w = Float64Array.of(0.2, -0.4);
    const loss = (p: Value[]) =>
      sumValues(
        X.map((xi, i) => {
          const s = p[0].mul(xi[0]).add(p[1].mul(xi[1])).sigmoid();
          return y[i] ? s.log().neg() : new Value(1).sub(s).log().neg();
        }),
      );
    const sigma = (z: number) => 1 / (1 + Math.exp(-z));
    const r = X.map((xi, i) => sigma(xi[0] * w[0] + xi[1] * w[1]) - y[i]);
    const exact = [0, 1].map((j) => X.reduce((s, xi, i) => s + xi[j] * r[i], 0));
    expect(relativeError(valueAndGrad(loss, w).grad, exact)).toBeLessThan(1e-14);
  });
  it("differentiates a tiny tanh MLP like central differences do", () => {
    // 2 inputs -> 3 tanh units -> 1 output, squared error on one sample: 13 parameters.
    const net = (p: Value[]) => {
      const x = [0.5, -1.5];
      const h = [0, 1, 2].map((k) =>
        p[3 * k]
          .mul(x[0])
          .add(p[3 * k + 1].mul(x[1]))
          .add(p[3 * k + 2])
          .tanh(),
      );
      const out = sumValues(h.map((hk, k) => hk.mul(p[9 + k]))).add(p[12]);
      return out.sub(0.7).pow(2);
    };
    const p = Float64Array.from({ length: 13 }, (_, i) => Math.sin(i + 1));
    const fd = numericGradient((q) => valueAndGrad(net, q).value, p);
    // Central differences with h = 1e-5 are accurate to ~1e-10 here (h^2 f''' + eps f / h).
    expect(relativeError(valueAndGrad(net, p).grad, fd)).toBeLessThan(1e-7);
  });
  it("refuses non-finite results and derivatives, naming the operation", () => {
    expect(() => new Value(-1).log()).toThrow("log: expected a positive input, got -1");
    expect(() => new Value(0).pow(0.5)).toThrow(/^\^0.5: derivative is Infinity/);
    expect(() => new Value(1000).exp()).toThrow("exp: expected a finite value, got Infinity");
    expect(() => new Value(NaN)).toThrow("data: expected a finite value, got NaN");
  });
});
