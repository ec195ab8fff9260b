/** Grading: notebook 05 (mini-batch SGD, softmax cross-entropy, dense layers, an MLP). */
import type * as Module from "../../exercises/05-sgd-mnist";
import type { DenseDims, MlpDims, MlpParams } from "../../exercises/05-sgd-mnist";
import {
  attempt,
  caseRng,
  expectExact,
  expectFields,
  expectNumber,
  expectVector,
  exercise,
  GradeFailure,
  loadTarget,
  reference,
  type CaseRng,
} from "../harness";

const ref = await reference<typeof Module>("05-sgd-mnist");
const ex = await loadTarget("05-sgd-mnist", ref);

/** A generator that replays `values` (for hand-computed shuffles). */
const scripted = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};

function checkBatches(what: string, out: unknown, want: number[][]): void {
  if (!Array.isArray(out)) throw new GradeFailure(`${what} is not an array of batches.`);
  expectExact(`the number of batches of ${what}`, out.length, want.length);
  want.forEach((b, s) => expectVector(`${what}: batch ${s}`, out[s], b));
}

exercise("shuffledBatches", (c) => {
  const batches = (N: number, B: number, rng: () => number, dropLast?: boolean) =>
    attempt("shuffledBatches", () => ex.shuffledBatches(N, B, rng, dropLast));
  c.fixed("Fisher-Yates by hand: N = 4, draws 0.5, 0.1, 0.9 give [[3, 1], [0, 2]]", 2, () => {
    checkBatches("shuffledBatches", batches(4, 2, scripted([0.5, 0.1, 0.9])), [
      [3, 1],
      [0, 2],
    ]);
  });
  c.fixed("N = 7, B = 3: sizes 3, 3, 1 and every index exactly once", 2, () => {
    const out = batches(7, 3, caseRng("shuffledBatches", 100).uniformSource());
    if (!Array.isArray(out)) throw new GradeFailure("shuffledBatches did not return an array.");
    expectVector(
      "batch sizes",
      out.map((b: unknown[]) => b.length),
      [3, 3, 1],
    );
    expectVector(
      "the sorted indices",
      out.flat().sort((a: number, b: number) => a - b),
      [0, 1, 2, 3, 4, 5, 6],
    );
  });
  c.random("seeded generators, with and without dropLast, against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("shuffledBatches", i);
      const [N, B, dropLast] = [r.int(1, 40), r.int(1, 8), i % 2 === 1];
      const rng = () => caseRng("shuffledBatches-rng", i).uniformSource();
      const want = ref.shuffledBatches(N, B, rng(), dropLast);
      checkBatches(
        `shuffledBatches(${N}, ${B}, rng, ${dropLast})`,
        batches(N, B, rng(), dropLast),
        want,
      );
    }
  });
  c.edge("dropLast drops the short last batch", 1, () => {
    const out = batches(7, 3, caseRng("shuffledBatches", 101).uniformSource(), true);
    if (!Array.isArray(out)) throw new GradeFailure("shuffledBatches did not return an array.");
    expectVector(
      "batch sizes",
      out.map((b: unknown[]) => b.length),
      [3, 3],
    );
  });
  c.edge("N = 0 gives no batches; B > N gives one batch of N", 1, () => {
    checkBatches(
      "shuffledBatches(0, 3)",
      batches(0, 3, () => 0.5),
      [],
    );
    const one = batches(2, 5, () => 0.99);
    checkBatches("shuffledBatches(2, 5)", one, [[0, 1]]);
  });
});

exercise("softmax", (c) => {
  const sm = (z: Float64Array, n: number, k: number) =>
    attempt("softmax", () => ex.softmax(z, n, k), { logits: z });
  const byHand = () => {
    expectVector(
      "softmax",
      sm(Float64Array.of(0, Math.log(2), Math.log(5)), 1, 3),
      [0.125, 0.25, 0.625],
    );
  };
  c.fixed("(0, ln 2, ln 5) gives (1/8, 2/8, 5/8)", 1, byHand);
  c.fixed("each row on its own: a row (1, 1) gives (1/2, 1/2)", 1, () => {
    expectVector(
      "softmax",
      sm(Float64Array.of(0, Math.log(3), 1, 1), 2, 2),
      [0.25, 0.75, 0.5, 0.5],
    );
  });
  c.edge("each row shifted by its own max: rows (0, ln 3) and (1000, 1000)", 3, () => {
    const z = Float64Array.of(0, Math.log(3), 1000, 1000);
    expectVector("softmax", sm(z, 2, 2), [0.25, 0.75, 0.5, 0.5], { rtol: 1e-9 });
  });
  // Rows far apart (up to 2000): a shift by anything but each row's own maximum overflows or
  // underflows a whole row.
  c.random("seeded batches, rows offset by up to +-1000, against the reference", 3, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("softmax", i);
      const [n, k] = [r.int(1, 8), r.int(2, 10)];
      const z = r.vector(n * k, 3);
      for (let row = 0; row < n; row++) {
        const offset = r.uniform(-1000, 1000);
        for (let j = 0; j < k; j++) z[row * k + j] += offset;
      }
      expectVector(`softmax (case ${i})`, sm(z, n, k), ref.softmax(z, n, k));
    }
  });
  c.edge("large logits (1000, 1000 + ln 3) give (1/4, 3/4), not NaN", 1, () => {
    expectVector("softmax", sm(Float64Array.of(1000, 1000 + Math.log(3)), 1, 2), [0.25, 0.75], {
      rtol: 1e-9,
    });
  });
  c.edge(
    "an empty batch gives an empty array",
    1,
    () => {
      expectVector("softmax", sm(new Float64Array(0), 0, 3), []);
    },
    { withValue: byHand },
  );
});

exercise("softmaxCrossEntropy", (c) => {
  const ce = (z: Float64Array, labels: number[], n: number, k: number) => {
    const out = attempt("softmaxCrossEntropy", () => ex.softmaxCrossEntropy(z, labels, n, k), {
      logits: z,
      labels,
    });
    expectFields("softmaxCrossEntropy", out, ["loss", "dlogits"]);
    return out;
  };
  c.fixed("equal logits over 4 classes, by hand", 2, () => {
    const out = ce(new Float64Array(8), [1, 3], 2, 4);
    expectNumber("loss", out.loss, Math.log(4));
    expectVector(
      "dlogits",
      out.dlogits,
      [1, -3, 1, 1, 1, 1, 1, -3].map((v) => v / 8),
    );
  });
  c.fixed("dlogits matches central differences of the loss (seeded logits)", 2, () => {
    const r = caseRng("softmaxCrossEntropy", 100);
    const [n, k] = [3, 4];
    const z = r.vector(n * k);
    const labels = [2, 0, 3];
    const out = ce(z, labels, n, k);
    const h = 1e-5;
    const loss = (zz: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const row = Array.from(zz.subarray(i * k, (i + 1) * k));
        s += Math.log(row.reduce((a, v) => a + Math.exp(v), 0)) - row[labels[i]];
      }
      return s / n;
    };
    expectNumber("loss", out.loss, loss(z), { rtol: 1e-12 });
    const num = z.map((_, j) => {
      const [zp, zm] = [Float64Array.from(z), Float64Array.from(z)];
      zp[j] += h;
      zm[j] -= h;
      return (loss(zp) - loss(zm)) / (2 * h);
    });
    expectVector("dlogits", out.dlogits, num, { rtol: 1e-6, atol: 1e-10 });
  });
  c.random("seeded batches, against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("softmaxCrossEntropy", i);
      const [n, k] = [r.int(1, 8), r.int(2, 10)];
      const z = r.vector(n * k, 3);
      const labels = Array.from({ length: n }, () => r.int(0, k - 1));
      const want = ref.softmaxCrossEntropy(z, labels, n, k);
      const out = ce(z, labels, n, k);
      expectNumber(`loss (case ${i})`, out.loss, want.loss);
      expectVector(`dlogits (case ${i})`, out.dlogits, want.dlogits);
    }
  });
  c.edge("large logits stay finite: (1000, 0) with label 1 has loss 1000", 1, () => {
    const out = ce(Float64Array.of(1000, 0), [1], 1, 2);
    expectNumber("loss", out.loss, 1000, { rtol: 1e-12 });
    expectVector("dlogits", out.dlogits, [1, -1]);
  });
});

/** Dense layer fixtures: X = [[1, 2]], W = [[1, 0], [0, 1], [1, 1]]. */
const X1 = Float64Array.of(1, 2);
const W1 = Float64Array.of(1, 0, 0, 1, 1, 1);
const dims1: DenseDims = { n: 1, dIn: 2, dOut: 3 };

function denseCase(r: CaseRng) {
  const dims = { n: r.int(1, 6), dIn: r.int(1, 6), dOut: r.int(1, 6) };
  return {
    dims,
    X: r.vector(dims.n * dims.dIn),
    W: r.vector(dims.dOut * dims.dIn),
    b: r.vector(dims.dOut),
    dY: r.vector(dims.n * dims.dOut),
  };
}

exercise("denseForward", (c) => {
  const fwd = (X: Float64Array, W: Float64Array, b: Float64Array, dims: DenseDims) =>
    attempt("denseForward", () => ex.denseForward(X, W, b, dims), { X, W, b, dims });
  c.fixed("by hand: X W' + b = (1.5, 2, 2)", 2, () => {
    expectVector("denseForward", fwd(X1, W1, Float64Array.of(0.5, 0, -1), dims1), [1.5, 2, 2]);
  });
  c.random("seeded layers, against the reference", 2, () => {
    for (let i = 0; i < 5; i++) {
      const { dims, X, W, b } = denseCase(caseRng("denseForward", i));
      expectVector(`denseForward (case ${i})`, fwd(X, W, b, dims), ref.denseForward(X, W, b, dims));
    }
  });
  c.edge(
    "an empty batch gives an empty output",
    1,
    () => {
      expectVector(
        "denseForward",
        fwd(new Float64Array(0), W1, new Float64Array(3), { ...dims1, n: 0 }),
        [],
      );
    },
    {
      withValue: () =>
        expectVector("denseForward", fwd(X1, W1, Float64Array.of(0.5, 0, -1), dims1), [1.5, 2, 2]),
    },
  );
});

exercise("denseBackward", (c) => {
  const bwd = (X: Float64Array, W: Float64Array, dY: Float64Array, dims: DenseDims) => {
    const out = attempt("denseBackward", () => ex.denseBackward(X, W, dY, dims), {
      X,
      W,
      dY,
      dims,
    });
    expectFields("denseBackward", out, ["dX", "dW", "db"]);
    return out;
  };
  c.fixed("by hand: dY = (1, -1, 2) for one sample", 2, () => {
    const out = bwd(X1, W1, Float64Array.of(1, -1, 2), dims1);
    expectVector("dX", out.dX, [3, 1]);
    expectVector("dW", out.dW, [1, 2, -1, -2, 2, 4]);
    expectVector("db", out.db, [1, -1, 2]);
  });
  c.random("seeded layers and upstream gradients, against the reference", 2, () => {
    for (let i = 0; i < 5; i++) {
      const { dims, X, W, dY } = denseCase(caseRng("denseBackward", i));
      const want = ref.denseBackward(X, W, dY, dims);
      const out = bwd(X, W, dY, dims);
      expectVector(`dX (case ${i})`, out.dX, want.dX);
      expectVector(`dW (case ${i})`, out.dW, want.dW);
      expectVector(`db (case ${i})`, out.db, want.db);
    }
  });
  c.edge(
    "an empty batch gives zero dW and db",
    1,
    () => {
      const out = bwd(new Float64Array(0), W1, new Float64Array(0), { ...dims1, n: 0 });
      expectVector("dX", out.dX, []);
      expectVector("dW", out.dW, [0, 0, 0, 0, 0, 0]);
      expectVector("db", out.db, [0, 0, 0]);
    },
    {
      withValue: () => expectVector("dX", bwd(X1, W1, Float64Array.of(1, -1, 2), dims1).dX, [3, 1]),
    },
  );
});

exercise("mlpLossAndGradient", (c) => {
  const mlp = (params: MlpParams, X: Float64Array, labels: number[], dims: MlpDims) => {
    const out = attempt(
      "mlpLossAndGradient",
      () => ex.mlpLossAndGradient(params, X, labels, dims),
      {
        params,
        X,
        labels,
      },
    );
    expectFields("mlpLossAndGradient", out, ["loss", "grads"]);
    expectFields("mlpLossAndGradient's grads", out.grads, ["W1", "b1", "W2", "b2"]);
    return out;
  };
  const tiny: MlpDims = { n: 1, dIn: 1, dHidden: 1, dOut: 2 };
  const byHand = () => {
    const params = {
      W1: Float64Array.of(1),
      b1: Float64Array.of(0),
      W2: Float64Array.of(1, -1),
      b2: new Float64Array(2),
    };
    const out = mlp(params, Float64Array.of(2), [0], tiny);
    const p0 = 1 / (1 + Math.exp(-4));
    expectNumber("loss", out.loss, Math.log1p(Math.exp(-4)));
    expectVector("grads.W2", out.grads.W2, [2 * (p0 - 1), 2 * (1 - p0)]);
    expectVector("grads.b2", out.grads.b2, [p0 - 1, 1 - p0]);
    expectVector("grads.W1", out.grads.W1, [4 * (p0 - 1)]);
    expectVector("grads.b1", out.grads.b1, [2 * (p0 - 1)]);
  };
  c.fixed("a 1-1-2 network by hand (x = 2, label 0)", 2, byHand);
  c.fixed("a dead ReLU (A < 0, or A = 0 exactly) passes no gradient to W1 and b1", 1, () => {
    const params = {
      W1: Float64Array.of(-1),
      b1: Float64Array.of(0),
      W2: Float64Array.of(1, -1),
      b2: new Float64Array(2),
    };
    const out = mlp(params, Float64Array.of(2), [0], tiny);
    expectNumber("loss", out.loss, Math.LN2);
    expectVector("grads.W1", out.grads.W1, [0]);
    expectVector("grads.b1", out.grads.b1, [0]);
    const zero = mlp({ ...params, W1: Float64Array.of(0) }, Float64Array.of(2), [0], tiny);
    expectVector("grads.W1 (A = 0)", zero.grads.W1, [0]);
    expectVector("grads.b1 (A = 0)", zero.grads.b1, [0]);
  });
  const randomNet = (r: CaseRng) => {
    const dims = { n: r.int(1, 6), dIn: r.int(1, 5), dHidden: r.int(1, 6), dOut: r.int(2, 5) };
    const params = {
      W1: r.vector(dims.dHidden * dims.dIn),
      b1: r.vector(dims.dHidden, 0.1),
      W2: r.vector(dims.dOut * dims.dHidden),
      b2: r.vector(dims.dOut, 0.1),
    };
    const labels = Array.from({ length: dims.n }, () => r.int(0, dims.dOut - 1));
    return { dims, params, labels, X: r.vector(dims.n * dims.dIn) };
  };
  c.fixed(
    "the gradients match central differences of the loss (seeded network)",
    2,
    () => {
      const { dims, params, labels, X } = randomNet(caseRng("mlpLossAndGradient", 100));
      const out = mlp(params, X, labels, dims);
      const h = 1e-5;
      for (const key of ["W1", "b1", "W2", "b2"] as const) {
        const num = params[key].map((_, j) => {
          const shift = (delta: number) => {
            const q = { ...params, [key]: Float64Array.from(params[key]) };
            q[key][j] += delta;
            return ref.mlpLossAndGradient(q, X, labels, dims).loss;
          };
          return (shift(h) - shift(-h)) / (2 * h);
        });
        expectVector(`grads.${key}`, out.grads[key], num, { rtol: 1e-5, atol: 1e-8 });
      }
    },
    { withValue: byHand },
  );
  c.random("seeded networks, against the reference", 3, () => {
    for (let i = 0; i < 4; i++) {
      const { dims, params, labels, X } = randomNet(caseRng("mlpLossAndGradient", i));
      const want = ref.mlpLossAndGradient(params, X, labels, dims);
      const out = mlp(params, X, labels, dims);
      expectNumber(`loss (case ${i})`, out.loss, want.loss);
      for (const key of ["W1", "b1", "W2", "b2"] as const) {
        expectVector(`grads.${key} (case ${i})`, out.grads[key], want.grads[key]);
      }
    }
  });
});

exercise("sgdEpoch", (c) => {
  type Grad = (p: Float64Array, batch: readonly number[]) => Float64Array;
  const epoch = (
    p: Float64Array,
    N: number,
    B: number,
    eta: number,
    rng: () => number,
    g: Grad,
    dropLast?: boolean,
  ) => {
    const out = attempt("sgdEpoch", () => ex.sgdEpoch(p, N, B, eta, rng, g, dropLast), { p });
    expectFields("sgdEpoch", out, ["p", "steps"]);
    return out;
  };
  const ones: Grad = (p) => new Float64Array(p.length).fill(1);
  c.fixed("a constant gradient: N = 5, B = 2 takes 3 steps of eta", 2, () => {
    const out = epoch(Float64Array.of(1, 2), 5, 2, 0.1, () => 0.3, ones);
    expectExact("steps", out.steps, 3);
    expectVector("p", out.p, [0.7, 1.7]);
  });
  c.fixed("one full batch with eta = 1 on 1/2 mean (p - a_i)^2 jumps to mean(a)", 1, () => {
    const a = [1, 4, 7, 2];
    const grad: Grad = (p, batch) =>
      Float64Array.of(batch.reduce((s, i) => s + p[0] - a[i], 0) / batch.length);
    expectVector("p", epoch(Float64Array.of(10), 4, 4, 1, () => 0.6, grad).p, [3.5]);
  });
  c.random("seeded least-squares epochs, against the reference", 3, () => {
    for (let i = 0; i < 3; i++) {
      const r = caseRng("sgdEpoch", i);
      const [N, B, d] = [r.int(5, 30), r.int(1, 7), 3];
      const A = Array.from({ length: N }, () => r.vector(d));
      const y = r.vector(N);
      const grad: Grad = (p, batch) => {
        const g = new Float64Array(d);
        for (const k of batch) {
          const res = A[k].reduce((s, v, j) => s + v * p[j], 0) - y[k];
          for (let j = 0; j < d; j++) g[j] += (res * A[k][j]) / batch.length;
        }
        return g;
      };
      const p0 = r.vector(d);
      const want = ref.sgdEpoch(p0, N, B, 0.05, caseRng("sgdEpoch-rng", i).uniformSource(), grad);
      const out = epoch(p0, N, B, 0.05, caseRng("sgdEpoch-rng", i).uniformSource(), grad);
      expectExact(`steps (case ${i})`, out.steps, want.steps);
      expectVector(`p (case ${i})`, out.p, want.p, { rtol: 1e-9 });
    }
  });
  c.fixed("it steps through shuffledBatches(N, B, rng) in order: draws 0.5, 0.1, 0.9", 3, () => {
    // The hand-computed shuffle of shuffledBatches' test: batches [3, 1], then [0, 2].
    const calls: number[][] = [];
    const record: Grad = (p, batch) => (calls.push([p[0], ...batch]), Float64Array.of(1));
    const out = epoch(Float64Array.of(0), 4, 2, 0.25, scripted([0.5, 0.1, 0.9]), record);
    checkBatches("the (p, batch) of each gradient call", calls, [
      [0, 3, 1],
      [-0.25, 0, 2],
    ]);
    expectVector("p", out.p, [-0.5]);
  });
  c.edge("dropLast: N = 5, B = 2 takes 2 steps", 1, () => {
    expectExact("steps", epoch(Float64Array.of(0), 5, 2, 0.1, () => 0.5, ones, true).steps, 2);
  });
  c.edge("each sample is used exactly once per epoch", 1, () => {
    const seen: number[] = [];
    const record: Grad = (p, batch) => {
      seen.push(...batch);
      return new Float64Array(p.length);
    };
    epoch(Float64Array.of(0), 9, 4, 0.1, caseRng("sgdEpoch", 100).uniformSource(), record);
    expectVector(
      "the sorted indices seen",
      seen.sort((x, y) => x - y),
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
    );
  });
});

// A gradient to derive (its questions are graded in the hidden suite).

/** The smoothed cross-entropy, computed here from its definition (log-sum-exp). */
function smoothedLoss(z: Float64Array, label: number, eps: number): number {
  const max = Math.max(...z);
  const lse = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
  return z.reduce(
    (s, v, j) => s + ((1 - eps) * (j === label ? 1 : 0) + eps / z.length) * (lse - v),
    0,
  );
}

exercise("labelSmoothingGradient", (c) => {
  const lsg = (z: Float64Array, label: number, eps: number) =>
    attempt("labelSmoothingGradient", () => ex.labelSmoothingGradient(z, label, eps), { z });
  c.fixed("zero logits, k = 4, label 0, eps 0.1, by hand", 2, () => {
    expectVector("gradient", lsg(new Float64Array(4), 0, 0.1), [-0.675, 0.225, 0.225, 0.225]);
  });
  c.random("seeded logits, labels and eps: agrees with central differences of L", 3, () => {
    for (let i = 0; i < 5; i++) {
      const r = caseRng("labelSmoothingGradient", i);
      const k = r.int(2, 10);
      const [z, label, eps] = [r.vector(k, 3), r.int(0, k - 1), r.uniform(0, 0.3)];
      const fd = Float64Array.from(z, (_, j) => {
        const [up, down] = [Float64Array.from(z), Float64Array.from(z)];
        up[j] += 1e-5;
        down[j] -= 1e-5;
        return (smoothedLoss(up, label, eps) - smoothedLoss(down, label, eps)) / 2e-5;
      });
      expectVector(`gradient (k = ${k}, case ${i})`, lsg(z, label, eps), fd, {
        rtol: 1e-6,
        atol: 1e-9,
      });
    }
  });
  c.edge("logits around 1000 stay finite", 1, () => {
    const z = Float64Array.of(1000, 999, 1001);
    expectVector("gradient", lsg(z, 2, 0.2), [...ref.labelSmoothingGradient(z, 2, 0.2)]);
  });
  c.edge("logits 1600 apart (800, 0, -800) stay finite: shift by the largest", 1, () => {
    const z = Float64Array.of(800, 0, -800);
    expectVector("gradient", lsg(z, 1, 0.1), [...ref.labelSmoothingGradient(z, 1, 0.1)]);
  });
});

// ---------------------------------------------------------------------------------------------
// Derivations: class-weighted cross-entropy, and the squared error of softmax.

/** Central differences of a scalar function of a vector. */
function centralGradient(f: (v: Float64Array) => number, x: Float64Array, h = 1e-5) {
  return x.map((_, j) => {
    const [plus, minus] = [Float64Array.from(x), Float64Array.from(x)];
    plus[j] += h;
    minus[j] -= h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}

exercise("weightedCrossEntropy", (c) => {
  const wce = (z: Float64Array, labels: number[], w: Float64Array, n: number, k: number) => {
    const out = attempt("weightedCrossEntropy", () => ex.weightedCrossEntropy(z, labels, w, n, k), {
      z,
      labels,
      w,
    });
    expectFields("weightedCrossEntropy", out, ["loss", "dlogits"]);
    return out;
  };
  c.fixed("two samples of 2 classes, weights (1, 3), equal logits: loss ln 2 (by hand)", 2, () => {
    const out = wce(new Float64Array(4), [0, 1], Float64Array.of(1, 3), 2, 2);
    expectNumber("loss", out.loss, Math.LN2);
    expectVector("dlogits", out.dlogits, [-1 / 8, 1 / 8, 3 / 8, -3 / 8]);
  });
  c.fixed("the gradient matches central differences of the weighted loss", 3, () => {
    const r = caseRng("weightedCrossEntropy", 0);
    const [n, k] = [5, 4];
    const z = r.vector(n * k, 2);
    const labels = Array.from({ length: n }, () => r.int(0, k - 1));
    const w = Float64Array.from({ length: k }, () => r.uniform(0.2, 5));
    const num = centralGradient((v) => ref.weightedCrossEntropy(v, labels, w, n, k).loss, z);
    expectVector("dlogits", wce(z, labels, w, n, k).dlogits, num, { rtol: 1e-6, atol: 1e-10 });
  });
  c.random("seeded batches and weights, against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("weightedCrossEntropy", 10 + i);
      const [n, k] = [r.int(1, 8), r.int(2, 6)];
      const z = r.vector(n * k, 3);
      const labels = Array.from({ length: n }, () => r.int(0, k - 1));
      const w = Float64Array.from({ length: k }, () => r.uniform(0.1, 10));
      const want = ref.weightedCrossEntropy(z, labels, w, n, k);
      const out = wce(z, labels, w, n, k);
      expectNumber(`loss (case ${i})`, out.loss, want.loss, { rtol: 1e-9 });
      expectVector(`dlogits (case ${i})`, out.dlogits, want.dlogits, { rtol: 1e-9, atol: 1e-15 });
    }
  });
  c.edge("logits of 1000 stay finite", 1, () => {
    const out = wce(Float64Array.of(1000, 0, 0, 1000), [1, 1], Float64Array.of(2, 1), 2, 2);
    expectNumber("loss", out.loss, 500, { rtol: 1e-12 });
    expectVector("dlogits", out.dlogits, [0.5, -0.5, 0, 0], { atol: 1e-12 });
  });
});

exercise("softmaxSquaredErrorGradient", (c) => {
  const sse = (z: Float64Array, y: number) =>
    attempt("softmaxSquaredErrorGradient", () => ex.softmaxSquaredErrorGradient(z, y), { z });
  const L = (z: Float64Array, y: number) => {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return 0.5 * e.reduce((a, v, j) => a + (v / s - (j === y ? 1 : 0)) ** 2, 0);
  };
  c.fixed("two classes, equal logits, label 0: (-1/4, 1/4) (by hand)", 2, () => {
    expectVector("gradient", sse(Float64Array.of(0, 0), 0), [-0.25, 0.25]);
  });
  c.random("seeded logits: central differences of L", 3, () => {
    for (let i = 0; i < 5; i++) {
      const r = caseRng("softmaxSquaredErrorGradient", i);
      const k = r.int(2, 7);
      const [z, y] = [r.vector(k, 2), r.int(0, k - 1)];
      expectVector(
        `gradient (case ${i})`,
        sse(z, y),
        centralGradient((v) => L(v, y), z),
        {
          rtol: 1e-6,
          atol: 1e-10,
        },
      );
    }
  });
  c.random("seeded logits, against the reference", 2, () => {
    for (let i = 0; i < 4; i++) {
      const r = caseRng("softmaxSquaredErrorGradient", 10 + i);
      const k = r.int(2, 7);
      const [z, y] = [r.vector(k, 3), r.int(0, k - 1)];
      expectVector(`gradient (case ${i})`, sse(z, y), ref.softmaxSquaredErrorGradient(z, y), {
        rtol: 1e-9,
        atol: 1e-15,
      });
    }
  });
  c.edge("confidently wrong (logit 1000 on a wrong class): finite and nearly 0", 1, () => {
    expectVector("gradient", sse(Float64Array.of(1000, 0, 0), 2), [0, 0, 0], { atol: 1e-300 });
  });
});

exercise("denseBackward", (c) => {
  c.fixed("a batch of three rows: b is added to every row, so db collects all three", 2, () => {
    const dims = { n: 3, dIn: 2, dOut: 2 };
    const [X, W] = [Float64Array.of(1, 0, 0, 1, 1, 1), Float64Array.of(1, 2, 3, 4)];
    const dY = Float64Array.of(1, 2, 3, 4, 5, 6);
    const out = attempt("denseBackward", () => ex.denseBackward(X, W, dY, dims), { X, W, dY });
    expectFields("denseBackward", out, ["dX", "dW", "db"]);
    expectVector("db", out.db, [9, 12]);
  });
});
