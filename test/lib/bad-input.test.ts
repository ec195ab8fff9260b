// Bad input answered in the user's words: each case feeds a careless input and checks that the
// OptkitError names the argument the user wrote and what was expected (or that the result is
// right where the input was legitimate).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { gradCheck, symbolic } from "../../lib/calculus";
import { gatherRows, loadMnistSplit, mnistDir } from "../../lib/data";
import { logisticRegression } from "../../lib/losses";
import { Mlp } from "../../lib/nn";
import { eigenvaluesSymmetric, fromRows, identity } from "../../lib/numbers";
import {
  Adam,
  BFGS,
  type Differentiable,
  minimize,
  Newton,
  newtonRoot,
  SGD,
} from "../../lib/optim";
import { figureToJSON, lineChart } from "../../lib/plot";
import { expectError } from "./expect-error";

/** Untyped callers (a notebook cell, JavaScript): options typed as anything. */
const loose = <T>(x: unknown) => x as T;

const bowl3: Differentiable = {
  value: (x) => x[0] ** 2 + x[1] ** 2 + x[2] ** 2,
  grad: (x) => x.map((v) => 2 * v),
  hessian: () => identity(2), // wrong size: x has 3 entries
};

describe("NaN and unknown names are refused up front", () => {
  it("eigenvaluesSymmetric refuses NaN, which passed the symmetry test and came back as a value", () => {
    const A = fromRows([
      [1, 0],
      [0, NaN],
    ]);
    expectError(
      () => eigenvaluesSymmetric(A),
      "A",
      "A: expected finite entries, got NaN at (1, 1)",
    );
    const B = fromRows([
      [1, NaN],
      [NaN, 2],
    ]);
    expectError(
      () => eigenvaluesSymmetric(B),
      "A",
      "A: expected finite entries, got NaN at (0, 1)",
    );
  });

  it("a symbolic expression calling an unknown function fails when built, not at value()", () => {
    expectError(
      () => symbolic("x^2 + foo(1)", ["x"]),
      "expr",
      'expr: "x^2 + foo(1)" calls foo(), which is not a mathjs function (expected e.g. sin, cos, exp, log, sqrt, abs)',
    );
    expect(Array.from(symbolic("x^2 + sin(x)", ["x"]).grad(Float64Array.of(0)))).toEqual([1]);
  });
});

describe("unknown option keys are refused, listing the valid ones", () => {
  it("optimizers", () => {
    expectError(
      () => new SGD(loose({ learningRate: 0.1 })),
      "learningRate",
      "learningRate: not an option of SGD; expected one of lr, momentum, dampening, nesterov, weightDecay, momentumForm",
    );
    expectError(
      () => new Adam(loose({ lr: 1e-3, beta1: 0.8 })),
      "beta1",
      "beta1: not an option of Adam; expected one of lr, betas, eps, weightDecay, amsgrad, biasCorrection, secondMoment",
    );
    expectError(
      () => new SGD(loose(0.1)),
      "options",
      "options: expected an object of SGD options (lr, momentum, dampening, nesterov, weightDecay, momentumForm), got 0.1",
    );
  });

  it("minimize, its clip object and the one-call solvers", () => {
    const sgd = () => new SGD({ lr: 0.1 });
    expectError(
      () => minimize(bowl3, [1, 1, 1], sgd(), loose({ clip: { nrm: 1 } })),
      "clip.nrm",
      "clip.nrm: not an option of clip; expected one of norm, value",
    );
    expectError(
      () => minimize(bowl3, [1, 1, 1], sgd(), loose({ step: 10 })),
      "step",
      "step: not an option of minimize; expected one of steps, schedule, clip, tol, callback, divergenceFactor",
    );
    expectError(
      () => new Newton(loose({ dampd: false })),
      "dampd",
      "dampd: not an option of Newton; expected one of damped, c, shrink, maxStep",
    );
    const r = minimize(bowl3, [1, 2, 3], new BFGS({ lineSearch: "armijo" }), {
      tol: 1e-10,
      steps: 50,
    });
    expect(r.value).toBeLessThan(1e-20);
  });

  it("the network's options, and its init scheme by name", () => {
    expectError(
      () => new Mlp(loose({ sizes: [2, 2], activation: "relu", hidden: 4 })),
      "hidden",
      "hidden: not an option of Mlp; expected one of sizes, activation, init, seed, maxBatch, kernels",
    );
    expectError(
      () => new Mlp(loose({ sizes: [2, 2], init: "xavier" })),
      "init",
      `init: expected "he" or "glorot" (Glorot's scheme is also called Xavier's), got "xavier"`,
    );
  });
});

describe("shape mistakes name what the user passed", () => {
  it("Newton's method with a Hessian of the wrong size", () => {
    expectError(
      () => minimize(bowl3, [1, 2, 3], new Newton()),
      "objective.hessian",
      "objective.hessian: expected a 3 x 3 matrix (x has 3 entries), got 2 x 2",
    );
  });

  it("BFGS and SGD with a gradient of the wrong length", () => {
    const short: Differentiable = { value: bowl3.value, grad: (x) => x.slice(0, 2) };
    const message =
      "objective.grad: expected a gradient of length 3 (the length of x0), got length 2";
    expectError(() => minimize(short, [1, 2, 3], new BFGS()), "objective.grad", message);
    expectError(() => minimize(short, [1, 2, 3], new SGD({ lr: 0.1 })), "objective.grad", message);
  });

  it("gradCheck with a gradient of the wrong length", () => {
    expectError(
      () => gradCheck(bowl3.value, () => Float64Array.of(1, 2), Float64Array.of(1, 2, 3)),
      "grad",
      "grad: expected grad(x) of length 3 (the length of x), got 2",
    );
  });

  it("newtonRoot tells a wrong shape, a NaN and a singular Jacobian apart", () => {
    const sys = (J: () => ReturnType<typeof identity>) => ({
      value: (x: Float64Array) => x,
      jacobian: J,
    });
    expectError(
      () =>
        newtonRoot(
          sys(() => identity(3)),
          [1, 2],
        ),
      "jacobian",
      "jacobian: expected a 2 x 2 matrix (n = 2 unknowns) at iteration 0, got 3 x 3",
    );
    const nan = fromRows([
      [NaN, 0],
      [0, 1],
    ]);
    expectError(
      () =>
        newtonRoot(
          sys(() => nan),
          [1, 2],
        ),
      "jacobian",
      "jacobian: expected finite entries at iteration 0, got NaN at (0, 0) (x = [1,2])",
    );
    const singular = fromRows([
      [0, 0],
      [0, 1],
    ]);
    expectError(
      () =>
        newtonRoot(
          sys(() => singular),
          [1, 2],
        ),
      "jacobian",
      "jacobian: singular at iteration 0 (x = [1,2])",
    );
    expectError(
      () => newtonRoot({ value: (x) => x.slice(0, 1), jacobian: () => identity(2) }, [1, 2]),
      "system.value",
      "system.value: expected F(x0) with one equation per unknown (length 2, the length of x0), got length 1",
    );
  });

  it("gatherRows refuses a source that is not whole rows", () => {
    const out = new Float64Array(3);
    expectError(
      () => gatherRows(new Float64Array(7), 3, Int32Array.of(2), out),
      "src",
      "src: expected whole rows of dim = 3 values (a length that is a multiple of 3), got length 7",
    );
  });

  it("a network too large for WebAssembly's memory says so, naming maxBatch", () => {
    expectError(
      () => new Mlp({ sizes: [784, 4096, 4096, 10], maxBatch: 60000, kernels: "wasm" }),
      "maxBatch",
      "maxBatch: the network's buffers need 6.74 GiB, above WebAssembly's 4 GiB: use a smaller maxBatch (batch size) or narrower layers",
    );
  });
});

describe("plots refuse what plotly would drop without a word", () => {
  it("x and y of different lengths, naming the trace", () => {
    const fig = lineChart({
      title: "t",
      x: { title: "x" },
      y: { title: "y" },
      curves: [{ name: "Adam", x: [0, 1, 2], y: [3, 2] }],
    });
    expectError(
      () => figureToJSON(fig),
      'figure.data[0] ("Adam")',
      'figure.data[0] ("Adam"): expected x and y of the same length (one x per y), got x of length 3 and y of length 2',
    );
  });

  it("values <= 0 on a log axis, naming the trace, field and index; null stays a gap", () => {
    const curves = (y: (number | null)[]) =>
      lineChart({
        title: "t",
        x: { title: "x" },
        y: { title: "f", log: true },
        curves: [{ name: "GD", y }],
      });
    expectError(
      () => figureToJSON(curves([1, 0.1, 0])),
      'figure.data[0] ("GD").y[2]',
      'figure.data[0] ("GD").y[2]: expected values > 0 on the log axis yaxis (null leaves a gap), got 0',
    );
    expect(figureToJSON(curves([1, null, 0.1])).data[0].y).toEqual([1, null, 0.1]);
    const logX = lineChart({
      title: "t",
      x: { title: "lr", log: true },
      y: { title: "f" },
      curves: [{ name: "sweep", x: [0.1, -1], y: [1, 2] }],
    });
    expectError(
      () => figureToJSON(logX),
      'figure.data[0] ("sweep").x[1]',
      'figure.data[0] ("sweep").x[1]: expected values > 0 on the log axis xaxis (null leaves a gap), got -1',
    );
  });
});

describe("results that must be right", () => {
  it("logisticRegression with weights around 1e160 and lambda 0 is finite and exact", () => {
    // scores z = Xw = (-1e160, 4e160) with labels (1, 0): losses softplus(-z) = 1e160 (y = 1) and
    // softplus(z) = 4e160 (y = 0), mean 2.5e160; no penalty term at all with lambda 0
    const X = fromRows([
      [1, 2],
      [3, -1],
    ]);
    const f = logisticRegression(X, [1, 0]);
    const w = Float64Array.of(1e160, -1e160);
    expect(Math.abs(f.value(w) - 2.5e160) / 2.5e160).toBeLessThan(1e-15);
    expect(Array.from(f.grad(w)).every(Number.isFinite)).toBe(true);
  });
});

describe("a corrupt MNIST manifest names the file and the expected shape", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const withManifest = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-manifest-"));
    dirs.push(dir);
    for (const f of fs.readdirSync(mnistDir()).filter((f) => f.startsWith("t10k"))) {
      fs.copyFileSync(path.join(mnistDir(), f), path.join(dir, f));
    }
    fs.writeFileSync(path.join(dir, "manifest.json"), text);
    return dir;
  };

  it.each(["{}", "null", '{"files":[]}'])("manifest %s", (text) => {
    const dir = withManifest(text);
    const file = path.join(dir, "manifest.json");
    expectError(
      () => loadMnistSplit("test", { dir }),
      file,
      `${file}: expected an object {"files": {"<name>.gz": {"idxSha256": ...}, ...}}, got ${text}`,
    );
  });

  it('a manifest entry that is null is "no idxSha256"', () => {
    const dir = withManifest('{"files": {"t10k-images-idx3-ubyte.gz": null}}');
    const file = path.join(dir, "manifest.json");
    expectError(
      () => loadMnistSplit("test", { dir }),
      file,
      `${file}: has no idxSha256 for t10k-images-idx3-ubyte.gz`,
    );
  });
});
