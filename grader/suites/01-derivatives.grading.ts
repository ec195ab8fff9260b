/** Grading: notebook 01 (derivatives, gradients, the chain rule, reverse-mode autodiff). */
import type * as Module from "../../exercises/01-derivatives";
import type { TapeNode } from "../../exercises/01-derivatives";
import {
  attempt,
  caseRng,
  expectFields,
  expectNumber,
  expectVector,
  exercise,
  expectThrows,
  GradeFailure,
  loadTarget,
  reference,
} from "../harness";
import { numbersIn, shownMessage, thrownMessage } from "../harness/thrown";

const ref = await reference<typeof Module>("01-derivatives");
const ex = await loadTarget("01-derivatives", ref);

exercise("centralDifference", (c) => {
  const cd = (f: (x: number) => number, x: number, h?: number) =>
    attempt("centralDifference", () => ex.centralDifference(f, x, h));
  c.fixed("d/dx sin x at x = 1 is cos 1", 1, () => {
    expectNumber("centralDifference(sin, 1)", cd(Math.sin, 1), Math.cos(1), { rtol: 1e-8 });
  });
  c.fixed("the lecture's 3x^2 - x has derivative 11 at x = 2", 1, () => {
    expectNumber(
      "centralDifference(3x^2 - x, 2)",
      cd((x) => 3 * x * x - x, 2),
      11,
      { rtol: 1e-8 },
    );
  });
  c.fixed("the lecture's e^{-2x} has derivative -2 at x = 0", 1, () => {
    expectNumber(
      "centralDifference(e^{-2x}, 0)",
      cd((x) => Math.exp(-2 * x), 0),
      -2,
      { rtol: 1e-8 },
    );
  });
  c.fixed("it is central, not forward: x^2 at 1 with h = 0.1 gives exactly 2", 1, () => {
    expectNumber(
      "centralDifference(x^2, 1, 0.1)",
      cd((x) => x * x, 1, 0.1),
      2,
      { rtol: 1e-12 },
    );
  });
  c.random("seeded cubics and points, against the reference", 2, () => {
    for (let i = 0; i < 5; i++) {
      const r = caseRng("centralDifference", i);
      const [a, b, k, x] = [r.normal(), r.normal(), r.normal(), r.uniform(-3, 3)];
      const f = (t: number) => a * t * t * t + b * t * t + k * Math.sin(t);
      const want = ref.centralDifference(f, x);
      expectNumber(`centralDifference(case ${i})`, cd(f, x), want, { rtol: 1e-9 });
    }
  });
  c.edge("large x: d/dx ln x at x = 1000 is 1e-3", 1, () => {
    expectNumber("centralDifference(ln, 1000)", cd(Math.log, 1000), 1e-3, { rtol: 1e-6 });
  });
});

exercise("sigmoidDerivative", (c) => {
  const sd = (z: number) => attempt("sigmoidDerivative", () => ex.sigmoidDerivative(z));
  c.fixed("sigma'(0) = 1/4", 1, () => expectNumber("sigmoidDerivative(0)", sd(0), 0.25));
  c.fixed("sigma'(ln 3) = 3/4 * 1/4 = 3/16", 1, () => {
    expectNumber("sigmoidDerivative(ln 3)", sd(Math.log(3)), 3 / 16, { rtol: 1e-12 });
  });
  c.random("seeded z in [-20, 20], against the reference", 1, () => {
    const r = caseRng("sigmoidDerivative", 0);
    for (let i = 0; i < 10; i++) {
      const z = r.uniform(-20, 20);
      expectNumber(`sigmoidDerivative(${z.toFixed(3)})`, sd(z), ref.sigmoidDerivative(z), {
        rtol: 1e-9,
        atol: 1e-15,
      });
    }
  });
  // The exercise's point: sigma' for any z, where e^{-z} alone overflows below z = -709.
  c.edge("finite (about 0, never NaN) at z = +1000 and z = -1000", 3, () => {
    expectNumber("sigmoidDerivative(1000)", sd(1000), 0, { atol: 1e-300 });
    expectNumber("sigmoidDerivative(-1000)", sd(-1000), 0, { atol: 1e-300 });
  });
  c.random("seeded z in [-1000, 1000], tails included, against the reference", 3, () => {
    const r = caseRng("sigmoidDerivative", 1);
    for (let i = 0; i < 12; i++) {
      const z = r.uniform(-1000, 1000);
      expectNumber(`sigmoidDerivative(${z.toFixed(3)})`, sd(z), ref.sigmoidDerivative(z), {
        rtol: 1e-9,
        atol: 1e-300,
      });
    }
  });
});

exercise("numericalGradient", (c) => {
  const ng = (f: (x: Float64Array) => number, x: Float64Array) =>
    attempt("numericalGradient", () => ex.numericalGradient(f, x), { x });
  c.fixed("x1^2 + 3 x1 x2 at (1, 2) has gradient (8, 3)", 2, () => {
    const f = (x: Float64Array) => x[0] * x[0] + 3 * x[0] * x[1];
    expectVector("numericalGradient(...)", ng(f, Float64Array.of(1, 2)), [8, 3], { rtol: 1e-8 });
  });
  c.random("seeded quadratics in 5D, against the reference", 3, () => {
    for (let i = 0; i < 3; i++) {
      const r = caseRng("numericalGradient", i);
      const A = Array.from({ length: 5 }, () => r.vector(5));
      const b = r.vector(5);
      const f = (x: Float64Array) => {
        let s = 0;
        for (let j = 0; j < 5; j++) {
          s += b[j] * x[j] + Math.sin(x[j]);
          for (let k = 0; k < 5; k++) s += 0.5 * x[j] * A[j][k] * x[k];
        }
        return s;
      };
      const x = r.vector(5);
      const want = ref.numericalGradient(f, x);
      expectVector(`numericalGradient(case ${i})`, ng(f, x), want, { rtol: 1e-8, atol: 1e-9 });
    }
  });
  c.edge(
    "an empty x gives an empty gradient",
    1,
    () => {
      expectVector(
        "numericalGradient(f, [])",
        ng(() => 1, new Float64Array(0)),
        [],
      );
    },
    {
      withValue: () =>
        expectVector(
          "numericalGradient(x1^2 + 3 x1 x2, (1, 2))",
          ng((x) => x[0] * x[0] + 3 * x[0] * x[1], Float64Array.of(1, 2)),
          [8, 3],
          { rtol: 1e-8 },
        ),
    },
  );
  c.edge("one coordinate: d/dx e^x at 0 is 1", 1, () => {
    const g = ng((x) => Math.exp(x[0]), Float64Array.of(0));
    expectVector("numericalGradient(e^x, [0])", g, [1], { rtol: 1e-8 });
  });
  // x + h - 2h + h is not x in floating point: only perturbed copies leave x exactly as it was.
  c.fixed("x keeps its exact values: sum sin x_i at (0.1, 0.7, -1/3, 2.9) is cos x", 4, () => {
    const x = Float64Array.of(0.1, 0.7, -1 / 3, 2.9);
    const g = ng((v) => v.reduce((s, t) => s + Math.sin(t), 0), x);
    expectVector("numericalGradient(sum sin)", g, [...x].map(Math.cos), { rtol: 1e-8 });
  });
});

exercise("relativeError", (c) => {
  const re = (a: Float64Array, b: Float64Array) =>
    attempt("relativeError", () => ex.relativeError(a, b), { a, b });
  const byHand = () =>
    expectNumber("relativeError", re(Float64Array.of(1, 2), Float64Array.of(1, 2.5)), 1 / 9);
  c.fixed("([1, 2], [1, 2.5]) gives 0.5 / 4.5 = 1/9", 3, byHand);
  c.fixed("near zero the denominator is floored at 1e-8: ([0], [1e-10]) gives 0.01", 3, () => {
    expectNumber("relativeError", re(Float64Array.of(0), Float64Array.of(1e-10)), 0.01);
  });
  c.random("seeded vectors, some with an entry 0 in both, against the reference", 5, () => {
    for (let i = 0; i < 5; i++) {
      const r = caseRng("relativeError", i);
      const a = r.vector(8);
      const b = a.map((v) => v + 1e-3 * r.normal());
      if (i % 2 === 1) [a[i], b[i]] = [0, 0]; // an entry where both gradients are 0
      expectNumber(`relativeError(case ${i})`, re(a, b), ref.relativeError(a, b), { rtol: 1e-12 });
    }
  });
  c.edge(
    "empty vectors give 0",
    1,
    () => {
      expectNumber("relativeError([], [])", re(new Float64Array(0), new Float64Array(0)), 0);
    },
    { withValue: byHand },
  );
  c.edge(
    "different lengths throw",
    1,
    () => {
      expectThrows(
        "relativeError",
        () => ex.relativeError(new Float64Array(2), new Float64Array(3)),
        "for lengths 2 and 3",
      );
    },
    { withValue: byHand },
  );
  c.edge(
    "the error says that the lengths differ",
    1,
    () => {
      const message = thrownMessage(
        "relativeError",
        () => ex.relativeError(new Float64Array(2), new Float64Array(3)),
        "for lengths 2 and 3",
      );
      const numbers = numbersIn(message);
      if (!/length/i.test(message) && !(numbers.includes(2) && numbers.includes(3))) {
        throw new GradeFailure(
          `relativeError's error "${shownMessage(message)}" does not say that the lengths (2 and 3) differ.`,
        );
      }
    },
    { withValue: byHand },
  );
});

exercise("logisticLossAndGradient", (c) => {
  const llg = (X: Float64Array, y: Float64Array, w: Float64Array, b: number) => {
    const out = attempt("logisticLossAndGradient", () => ex.logisticLossAndGradient(X, y, w, b), {
      X,
      y,
      w,
    });
    expectFields("logisticLossAndGradient", out, ["loss", "gradW", "gradB"]);
    return out;
  };
  c.fixed("at w = 0, b = 0, by hand", 2, () => {
    const X = Float64Array.of(1, 2, 3, -1, 0, 1);
    const out = llg(X, Float64Array.of(1, 0, 1), new Float64Array(2), 0);
    expectNumber("loss", out.loss, 3 * Math.LN2);
    expectVector("gradW", out.gradW, [1, -2]);
    expectNumber("gradB", out.gradB, -0.5);
  });
  c.fixed("the gradient matches central differences of the loss (seeded data)", 2, () => {
    const r = caseRng("logisticLossAndGradient", 100);
    const X = r.vector(12);
    const y = Float64Array.from({ length: 4 }, () => r.int(0, 1));
    const w = r.vector(3);
    const b = r.normal();
    const out = llg(X, y, w, b);
    const loss = (ww: Float64Array, bb: number) => ref.logisticLossAndGradient(X, y, ww, bb).loss;
    const h = 1e-5;
    const num = w.map((_, j) => {
      const plus = Float64Array.from(w);
      const minus = Float64Array.from(w);
      plus[j] += h;
      minus[j] -= h;
      return (loss(plus, b) - loss(minus, b)) / (2 * h);
    });
    expectVector("gradW", out.gradW, num, { rtol: 1e-6 });
    expectNumber("gradB", out.gradB, (loss(w, b + h) - loss(w, b - h)) / (2 * h), { rtol: 1e-6 });
  });
  c.random("seeded data sets, against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("logisticLossAndGradient", i);
      const n = r.int(1, 20);
      const d = r.int(1, 5);
      const X = r.vector(n * d);
      const y = Float64Array.from({ length: n }, () => r.int(0, 1));
      const w = r.vector(d);
      const b = r.normal();
      const want = ref.logisticLossAndGradient(X, y, w, b);
      const out = llg(X, y, w, b);
      expectNumber(`loss (case ${i})`, out.loss, want.loss, { rtol: 1e-9 });
      expectVector(`gradW (case ${i})`, out.gradW, want.gradW, { rtol: 1e-9 });
      expectNumber(`gradB (case ${i})`, out.gradB, want.gradB, { rtol: 1e-9 });
    }
  });
  c.edge("large |z| = 800 stays finite: loss 800, gradients 1", 4, () => {
    const out = llg(Float64Array.of(1, 1), Float64Array.of(1, 0), Float64Array.of(800), 0);
    expectNumber("loss", out.loss, 800, { rtol: 1e-12 });
    expectVector("gradW", out.gradW, [1]);
    expectNumber("gradB", out.gradB, 1);
  });
  c.random("seeded data with large weights (|z| in the hundreds), against the reference", 4, () => {
    for (let i = 0; i < 3; i++) {
      const r = caseRng("logisticLossAndGradient", 200 + i);
      const [n, d] = [8, 3];
      const X = r.vector(n * d);
      const y = Float64Array.from({ length: n }, () => r.int(0, 1));
      const w = r.vector(d, 400);
      const b = r.normal();
      const want = ref.logisticLossAndGradient(X, y, w, b);
      const out = llg(X, y, w, b);
      expectNumber(`loss (case ${i})`, out.loss, want.loss, { rtol: 1e-9 });
      expectVector(`gradW (case ${i})`, out.gradW, want.gradW, { rtol: 1e-9 });
      expectNumber(`gradB (case ${i})`, out.gradB, want.gradB, { rtol: 1e-9 });
    }
  });
  c.edge(
    "no samples: loss 0 and zero gradients",
    1,
    () => {
      const out = llg(new Float64Array(0), new Float64Array(0), Float64Array.of(1, 2), 0.5);
      expectNumber("loss", out.loss, 0);
      expectVector("gradW", out.gradW, [0, 0]);
      expectNumber("gradB", out.gradB, 0);
    },
    {
      withValue: () => {
        const out = llg(
          Float64Array.of(1, 2, 3, -1, 0, 1),
          Float64Array.of(1, 0, 1),
          new Float64Array(2),
          0,
        );
        expectNumber("loss", out.loss, 3 * Math.LN2);
        expectVector("gradW", out.gradW, [1, -2]);
      },
    },
  );
});

exercise("reverseModeGradient", (c) => {
  const rmg = (tape: TapeNode[], x: Float64Array) => {
    const out = attempt("reverseModeGradient", () => ex.reverseModeGradient(tape, x), { tape, x });
    expectFields("reverseModeGradient", out, ["value", "grad"]);
    return out;
  };
  const x0: TapeNode = { op: "input", index: 0 };
  const x1: TapeNode = { op: "input", index: 1 };
  c.fixed("x0 x1 + sin x0 at (2, 3): gradient (3 + cos 2, 2)", 2, () => {
    const tape: TapeNode[] = [
      x0,
      x1,
      { op: "mul", a: 0, b: 1 },
      { op: "sin", a: 0 },
      { op: "add", a: 2, b: 3 },
    ];
    const out = rmg(tape, Float64Array.of(2, 3));
    expectNumber("value", out.value, 6 + Math.sin(2));
    expectVector("grad", out.grad, [3 + Math.cos(2), 2]);
  });
  c.fixed("the lecture's chain rule example g(f(x)) = x1^2 + x2^3 at (1.5, -2)", 2, () => {
    // one input node per occurrence of x2, as a tape written from the formula has
    const tape: TapeNode[] = [
      x0,
      x1,
      { op: "mul", a: 0, b: 0 },
      x1,
      { op: "mul", a: 1, b: 3 },
      x1,
      { op: "mul", a: 4, b: 5 },
      { op: "add", a: 2, b: 6 },
    ];
    const out = rmg(tape, Float64Array.of(1.5, -2));
    expectNumber("value", out.value, 2.25 - 8);
    expectVector("grad", out.grad, [3, 12]);
  });
  c.fixed("ln(e^x0 + e^x1) at (0, ln 3): value ln 4, gradient (1/4, 3/4)", 2, () => {
    const tape: TapeNode[] = [
      x0,
      x1,
      { op: "exp", a: 0 },
      { op: "exp", a: 1 },
      { op: "add", a: 2, b: 3 },
      { op: "log", a: 4 },
    ];
    const out = rmg(tape, Float64Array.of(0, Math.log(3)));
    expectNumber("value", out.value, Math.log(4));
    expectVector("grad", out.grad, [0.25, 0.75]);
  });
  c.random("seeded random tapes, against the reference", 4, () => {
    for (let i = 0; i < 5; i++) {
      const r = caseRng("reverseModeGradient", i);
      const d = 3;
      const tape: TapeNode[] = [];
      for (let j = 0; j < d; j++) tape.push({ op: "input", index: j });
      tape.push({ op: "const", value: r.normal() });
      tape.push({ op: "input", index: r.int(0, d - 1) }); // a second node for one coordinate
      for (let k = 0; k < 12; k++) {
        const a = r.int(0, tape.length - 1);
        const b = r.int(0, tape.length - 1);
        const kind = r.int(0, 3);
        if (kind === 0) tape.push({ op: "add", a, b });
        else if (kind === 1) tape.push({ op: "mul", a, b });
        else if (kind === 2) tape.push({ op: "sin", a });
        else {
          // exp of a sine stays in [1/e, e], so its log is defined.
          tape.push({ op: "sin", a });
          tape.push({ op: "exp", a: tape.length - 1 });
          tape.push({ op: "log", a: tape.length - 1 });
        }
      }
      tape.push({ op: "add", a: tape.length - 1, b: r.int(0, tape.length - 1) });
      const x = r.vector(d);
      const want = ref.reverseModeGradient(tape, x);
      const out = rmg(tape, x);
      expectNumber(`value (case ${i})`, out.value, want.value, { rtol: 1e-9 });
      expectVector(`grad (case ${i})`, out.grad, want.grad, { rtol: 1e-9, atol: 1e-12 });
    }
  });
  c.edge("an input used several times accumulates: x0 x0 x0 has gradient 3 x0^2", 2, () => {
    const tape: TapeNode[] = [x0, { op: "mul", a: 0, b: 0 }, { op: "mul", a: 1, b: 0 }];
    expectVector("grad", rmg(tape, Float64Array.of(-2)).grad, [12]);
  });
  c.fixed(
    "two input nodes of one coordinate both count: x0 * x0 (two nodes) at 3 gives 6",
    3,
    () => {
      const tape: TapeNode[] = [x0, x1, x0, { op: "mul", a: 0, b: 2 }, { op: "add", a: 3, b: 1 }];
      const out = rmg(tape, Float64Array.of(3, 5));
      expectNumber("value", out.value, 14);
      expectVector("grad", out.grad, [6, 1]);
    },
  );
  c.edge("a constant output has value c and a zero gradient", 1, () => {
    const out = rmg([{ op: "const", value: 7 }], Float64Array.of(1, 2));
    expectNumber("value", out.value, 7);
    expectVector("grad", out.grad, [0, 0]);
  });
});

// A gradient to derive (its questions are graded in the hidden suite).

exercise("quadraticFormGradient", (c) => {
  const qfg = (A: Float64Array, x: Float64Array) =>
    attempt("quadraticFormGradient", () => ex.quadraticFormGradient(A, x), { A, x });
  c.fixed("A = [[1, 2], [0, 3]] (not symmetric) at x = (1, 1), by hand", 2, () => {
    expectVector("gradient", qfg(Float64Array.of(1, 2, 0, 3), Float64Array.of(1, 1)), [4, 8]);
  });
  c.random("seeded non-symmetric A: agrees with central differences of x'Ax", 3, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("quadraticFormGradient", i);
      const d = r.int(2, 6);
      const [A, x] = [r.vector(d * d), r.vector(d)];
      const f = (v: Float64Array) => {
        let s = 0;
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) s += A[a * d + b] * v[a] * v[b];
        return s;
      };
      const fd = Float64Array.from(x, (_, k) => {
        const [up, down] = [Float64Array.from(x), Float64Array.from(x)];
        up[k] += 1e-5;
        down[k] -= 1e-5;
        return (f(up) - f(down)) / 2e-5;
      });
      expectVector(`gradient (d = ${d}, case ${i})`, qfg(A, x), fd, { rtol: 1e-7, atol: 1e-8 });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Derivations: the penalised logistic gradient, the logistic Hessian, the gradient of a norm.

/** Central differences of a scalar function of a vector (the check the stubs ask students to do). */
function centralGradient(f: (v: Float64Array) => number, x: Float64Array, h = 1e-5) {
  return x.map((_, j) => {
    const [plus, minus] = [Float64Array.from(x), Float64Array.from(x)];
    plus[j] += h;
    minus[j] -= h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}

exercise("logisticLossAndGradient", (c) => {
  const llg = (X: Float64Array, y: Float64Array, w: Float64Array, b: number, lambda: number) => {
    const out = attempt(
      "logisticLossAndGradient",
      () => ex.logisticLossAndGradient(X, y, w, b, lambda),
      { X, y, w },
    );
    expectFields("logisticLossAndGradient", out, ["loss", "gradW", "gradB"]);
    return out;
  };
  /** Row 0 made confidently wrong (z_0 = 60, label 0): its loss term must stay finite. */
  const confident = (X: Float64Array, y: Float64Array, w: Float64Array, b: number) => {
    const d = w.length;
    const ww = w.reduce((s, v) => s + v * v, 0);
    for (let j = 0; j < d; j++) X[j] = (w[j] * (60 - b)) / ww;
    y[0] = 0;
  };
  c.fixed("penalty only (no samples), lambda = 2, w = (1, -3): loss 10, gradW (2, -6)", 4, () => {
    const out = llg(new Float64Array(0), new Float64Array(0), Float64Array.of(1, -3), 0.7, 2);
    expectNumber("loss", out.loss, 10);
    expectVector("gradW", out.gradW, [2, -6]);
    expectNumber("gradB (the bias is not penalised)", out.gradB, 0);
  });
  c.fixed(
    "with lambda = 0.3 and a confidently wrong sample: central differences of the loss",
    6,
    () => {
      const r = caseRng("logisticLossAndGradient", 200);
      const [n, d] = [6, 3];
      const X = r.vector(n * d);
      const y = Float64Array.from({ length: n }, () => r.int(0, 1));
      const w = r.vector(d);
      const b = r.normal();
      confident(X, y, w, b);
      const loss = (v: Float64Array) =>
        ref.logisticLossAndGradient(X, y, v.subarray(0, d), v[d], 0.3).loss;
      const num = centralGradient(loss, Float64Array.of(...w, b));
      const out = llg(X, y, w, b, 0.3);
      expectNumber("loss", out.loss, loss(Float64Array.of(...w, b)), { rtol: 1e-9 });
      expectVector("gradW", out.gradW, num.subarray(0, d), { rtol: 1e-6 });
      expectNumber("gradB", out.gradB, num[d], { rtol: 1e-6 });
    },
  );
  c.random(
    "seeded penalised problems with a confidently wrong sample, against the reference",
    5,
    () => {
      for (let i = 0; i < 4; i++) {
        const r = caseRng("logisticLossAndGradient", 300 + i);
        const [n, d] = [r.int(1, 12), r.int(2, 5)];
        const X = r.vector(n * d);
        const y = Float64Array.from({ length: n }, () => r.int(0, 1));
        const w = r.vector(d);
        const b = r.normal();
        const lambda = r.uniform(0.1, 3);
        confident(X, y, w, b);
        const want = ref.logisticLossAndGradient(X, y, w, b, lambda);
        const out = llg(X, y, w, b, lambda);
        expectNumber(`loss (case ${i})`, out.loss, want.loss, { rtol: 1e-9 });
        expectVector(`gradW (case ${i})`, out.gradW, want.gradW, { rtol: 1e-9 });
        expectNumber(`gradB (case ${i})`, out.gradB, want.gradB, { rtol: 1e-9 });
      }
    },
  );
});

exercise("logisticHessian", (c) => {
  const lh = (X: Float64Array, w: Float64Array, b: number) =>
    attempt("logisticHessian", () => ex.logisticHessian(X, w, b), { X, w });
  c.fixed("one sample x = (1, 2) at w = 0, b = 0: H = (1/4) [[1, 2], [2, 4]]", 2, () => {
    expectVector("H", lh(Float64Array.of(1, 2), new Float64Array(2), 0), [0.25, 0.5, 0.5, 1]);
  });
  c.fixed("it is the derivative of the gradient: central differences of gradW", 3, () => {
    const r = caseRng("logisticHessian", 0);
    const [n, d] = [7, 3];
    const X = r.vector(n * d);
    const y = Float64Array.from({ length: n }, () => r.int(0, 1));
    const w = r.vector(d);
    const b = r.normal();
    const H = lh(X, w, b);
    for (let j = 0; j < d; j++) {
      const column = centralGradient((v) => ref.logisticLossAndGradient(X, y, v, b).gradW[j], w);
      const row = Array.from({ length: d }, (_, k) => (H as Float64Array)[j * d + k]);
      expectVector(`row ${j} of H`, row, column, { rtol: 1e-6, atol: 1e-9 });
    }
  });
  c.random("seeded data sets, against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("logisticHessian", 10 + i);
      const [n, d] = [r.int(1, 15), r.int(1, 4)];
      const X = r.vector(n * d);
      const w = r.vector(d);
      const b = r.normal();
      expectVector(`H (case ${i})`, lh(X, w, b), ref.logisticHessian(X, w, b), { rtol: 1e-9 });
    }
  });
  c.edge("|z| = 800 stays finite (the Hessian is about 0), and no samples give zeros", 1, () => {
    expectVector("H at z = 800", lh(Float64Array.of(1), Float64Array.of(800), 0), [0], {
      atol: 1e-300,
    });
    expectVector("H with n = 0", lh(new Float64Array(0), Float64Array.of(1, 2), 0), [0, 0, 0, 0]);
  });
});

exercise("residualNormGradient", (c) => {
  const rng = (A: Float64Array, x: Float64Array, y: Float64Array) =>
    attempt("residualNormGradient", () => ex.residualNormGradient(A, x, y), { A, x, y });
  c.fixed("A = I, y = 0, x = (3, 4): the gradient of ||x|| is x / ||x|| = (0.6, 0.8)", 2, () => {
    expectVector(
      "grad",
      rng(Float64Array.of(1, 0, 0, 1), Float64Array.of(3, 4), new Float64Array(2)),
      [0.6, 0.8],
    );
  });
  c.fixed("A with 3 rows and 2 columns: central differences of ||Ax - y||", 3, () => {
    const r = caseRng("residualNormGradient", 0);
    const A = r.vector(6);
    const [x, y] = [r.vector(2), r.vector(3)];
    const f = (v: Float64Array) =>
      Math.hypot(...[0, 1, 2].map((i) => A[2 * i] * v[0] + A[2 * i + 1] * v[1] - y[i]));
    expectVector("grad", rng(A, x, y), centralGradient(f, x), { rtol: 1e-7 });
  });
  c.random("seeded shapes n x d (n and d differ), against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("residualNormGradient", 10 + i);
      const [n, d] = [r.int(1, 6), r.int(1, 6)];
      const A = r.vector(n * d);
      const [x, y] = [r.vector(d), r.vector(n)];
      expectVector(`grad (case ${i})`, rng(A, x, y), ref.residualNormGradient(A, x, y), {
        rtol: 1e-9,
      });
    }
  });
  c.edge(
    "where Ax = y, it throws an error that says why, instead of returning NaN",
    1,
    () => {
      const message = thrownMessage(
        "residualNormGradient",
        () =>
          ex.residualNormGradient(Float64Array.of(1, 2), Float64Array.of(1), Float64Array.of(1, 2)),
        "where Ax = y (f is not differentiable there)",
      );
      if (message.trim() === "") {
        throw new GradeFailure("residualNormGradient threw an error with an empty message.");
      }
    },
    {
      withValue: () =>
        expectVector(
          "grad",
          rng(Float64Array.of(1, 0, 0, 1), Float64Array.of(3, 4), new Float64Array(2)),
          [0.6, 0.8],
        ),
    },
  );
});
