import { describe, expect, it } from "vitest";
import { arrowAnnotations, graphChart, lineChart, OptkitError, Value } from "../../../lib";

describe("arrowAnnotations", () => {
  it("draws each arrow from its start (ax, ay) to its tip (x, y) in data coordinates", () => {
    const [a] = arrowAnnotations([{ x0: 1, y0: 2, x1: 3, y1: 5 }]);
    expect(a).toMatchObject({ ax: 1, ay: 2, x: 3, y: 5, axref: "x", ayref: "y", showarrow: true });
  });

  it("refuses a non-finite coordinate, naming it", () => {
    expect(() => arrowAnnotations([{ x0: 0, y0: NaN, x1: 1, y1: 1 }])).toThrow(
      "arrows[0].y0: expected a finite number",
    );
  });
});

describe("graphChart", () => {
  // h = x1^2 + x2^3 at (2, 1): leaves x1, x2 (depth 0), the powers (depth 1), the sum (depth 2).
  const x1 = new Value(2, "x1");
  const x2 = new Value(1, "x2");
  const h = x1.pow(2).add(x2.pow(3));
  h.backward();
  const fig = graphChart({ title: "h", nodes: h.nodes() });

  it("puts each node in the column of its depth and one arrow per edge", () => {
    expect([...(fig.data[0].x as number[])].sort()).toEqual([0, 0, 1, 1, 2]);
    expect((fig.layout?.annotations as unknown[]).length).toBe(4);
  });

  it("shows each node's value and adjoint (dh/dx1 = 2 x1 = 4, dh/dx2 = 3 x2^2 = 3)", () => {
    const text = fig.data[0].text as string[];
    expect(text).toContain("<b>x1</b><br>data 2<br>grad 4");
    expect(text).toContain("<b>x2</b><br>data 1<br>grad 3");
  });

  it("refuses a node whose input comes later (not a topological order)", () => {
    const nodes = [{ id: 1, label: "y", op: "exp", data: 1, grad: 1, inputs: [0] }];
    expect(() => graphChart({ title: "bad", nodes })).toThrow(OptkitError);
  });
});

describe("graphChart layout", () => {
  it("puts a leaf one column before its first consumer (a late constant stays close)", () => {
    const x = new Value(3, "x");
    const y = x.exp().exp().mul(2); // x (0), exp (1), exp (2), the constant 2 (2), product (3)
    y.backward();
    const fig = graphChart({ title: "y", nodes: y.nodes() });
    const text = fig.data[0].text as string[];
    const xs = fig.data[0].x as number[];
    expect(xs[text.findIndex((t) => t.startsWith("<b>2</b>"))]).toBe(2);
    expect(xs[text.findIndex((t) => t.startsWith("<b>x</b>"))]).toBe(0);
    expect(Math.max(...xs)).toBe(3);
  });
});

describe("log axes", () => {
  it("label ticks as powers of ten (10^-8), not with SI prefixes (10n)", () => {
    const fig = lineChart({
      title: "error",
      x: { title: "h", log: true },
      y: { title: "e", log: true },
      curves: [{ name: "e", x: [1e-8, 1], y: [1e-8, 1] }],
    });
    expect(fig.layout?.xaxis).toMatchObject({ type: "log", exponentformat: "power" });
  });
});
