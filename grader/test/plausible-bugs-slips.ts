/** Slips in the transcription exercises, written as students would, notebook by notebook. */
import { bug, N1, N2, N3, N4, N5, type PlausibleBug } from "./plausible-bug";

export const SLIPS: readonly PlausibleBug[] = [
  // 01
  bug(N1, "centralDifference", "forward difference", [
    "(f(x + h) - f(x - h)) / (2 * h)",
    "(f(x + h) - f(x)) / h",
  ]),
  bug(N1, "centralDifference", "divides by h, not 2h", ["f(x - h)) / (2 * h)", "f(x - h)) / h"]),
  bug(N1, "sigmoidDerivative", "overflows for large |z|", [
    "  const s = sigmoid(z);\n  return s * (1 - s);",
    "  const e = Math.exp(-z);\n  return e / ((1 + e) * (1 + e));",
  ]),
  bug(N1, "numericalGradient", "perturbs x in place", [
    "    const plus = Float64Array.from(x);\n    const minus = Float64Array.from(x);\n    plus[i] += h;\n    minus[i] -= h;\n    grad[i] = (f(plus) - f(minus)) / (2 * h);",
    "    x[i] += h;\n    const fp = f(x);\n    x[i] -= 2 * h;\n    const fm = f(x);\n    x[i] += h;\n    grad[i] = (fp - fm) / (2 * h);",
  ]),
  bug(N1, "numericalGradient", "one-sided difference", [
    "grad[i] = (f(plus) - f(minus)) / (2 * h);",
    "grad[i] = (f(plus) - f(x)) / h;",
  ]),
  bug(N1, "relativeError", "no floor in the denominator", [
    "Math.max(1e-8, Math.abs(a[i]) + Math.abs(b[i]))",
    "(Math.abs(a[i]) + Math.abs(b[i]))",
  ]),
  bug(N1, "relativeError", "divides by |a_i| only", [
    "Math.max(1e-8, Math.abs(a[i]) + Math.abs(b[i]))",
    "Math.max(1e-8, Math.abs(a[i]))",
  ]),
  bug(N1, "logisticLossAndGradient", "loss overflows (ln of a rounded sigma)", [
    "loss += y[i] * softplus(-z) + (1 - y[i]) * softplus(z);",
    "loss -= y[i] * Math.log(sigmoid(z)) + (1 - y[i]) * Math.log(1 - sigmoid(z));",
  ]),
  bug(N1, "logisticLossAndGradient", "gradient sign flipped (y - sigma)", [
    "const dz = sigmoid(z) - y[i];",
    "const dz = y[i] - sigmoid(z);",
  ]),
  bug(N1, "logisticLossAndGradient", "mean instead of sum", [
    "  return { loss, gradW, gradB };",
    "  return { loss: loss / n, gradW: gradW.map((v) => v / n), gradB: gradB / n };",
  ]),
  bug(N1, "reverseModeGradient", "mul overwrites adjoints", [
    "        adjoint[node.a] += dk * values[node.b];\n        adjoint[node.b] += dk * values[node.a];",
    "        adjoint[node.a] = dk * values[node.b];\n        adjoint[node.b] = dk * values[node.a];",
  ]),
  bug(N1, "reverseModeGradient", "input overwrites grad", [
    "grad[node.index] += dk;",
    "grad[node.index] = dk;",
  ]),
  bug(N1, "quadraticFormGradient", "2 A x (A taken symmetric)", [
    "(A[k * d + j] + A[j * d + k]) * x[j]",
    "2 * A[k * d + j] * x[j]",
  ]),
  // 02
  bug(N2, "gdStep", "steps uphill", ["next[i] = p[i] - eta * g[i]", "next[i] = p[i] + eta * g[i]"]),
  bug(N2, "gradientDescent", "generic divergence error", [
    "throw new Error(`gradient descent diverged at step ${t + 1} with learning rate ${eta}`);",
    'throw new Error("gradient descent diverged");',
  ]),
  bug(N2, "gradientDescent", "no divergence check", [
    "if (!next.every(Number.isFinite)) {",
    "if (next.length < 0) {",
  ]),
  bug(N2, "gradientDescent", "checks only the first coordinate", [
    "if (!next.every(Number.isFinite)) {",
    "if (!Number.isFinite(next[0])) {",
  ]),
  bug(N2, "backtrackingLineSearch", "any decrease (drops c)", [
    "J(gdStep(p, g, alpha)) <= J0 - c * alpha * gg",
    "J(gdStep(p, g, alpha)) < J0",
  ]),
  bug(N2, "backtrackingLineSearch", "forgets alpha in the Armijo term", [
    "J0 - c * alpha * gg",
    "J0 - c * gg",
  ]),
  bug(N2, "exactQuadraticStep", "gradient without -b", ["g[i] = Ap - b[i];", "g[i] = Ap;"]),
  bug(N2, "exactQuadraticStep", "inverted ratio d'Ad / g'd", [
    "return -gd / dAd;",
    "return -dAd / gd;",
  ]),
  bug(N2, "stepDecay", "no floor (smooth exponent)", ["Math.floor(t / s)", "t / s"]),
  bug(N2, "cosineAnnealing", "no floor after T", ["  if (t > T) return etaMin;\n", ""]),
  bug(N2, "cosineAnnealing", "drops the factor 1/2", [
    "etaMin + 0.5 * (etaMax - etaMin)",
    "etaMin + (etaMax - etaMin)",
  ]),
  bug(N2, "linearDecay", "no clamp after rho", [
    "const f = Math.min(t, rho) / rho;",
    "const f = t / rho;",
  ]),
  bug(N2, "inverseTimeRecursion", "closed form 1 / (1 + rho t)", [
    "out[t + 1] = out[t] / (1 + rho * t);",
    "out[t + 1] = alpha0 / (1 + rho * (t + 1));",
  ]),
  bug(N2, "optimalFixedStep", "eta = 1 / lambda_max", [
    "const eta = 2 / (lambdaMin + lambdaMax);",
    "const eta = 1 / lambdaMax;",
  ]),
  // 03
  bug(N3, "newtonRoot", "steps the wrong way", ["x = x - fx / slope;", "x = x + fx / slope;"]),
  bug(N3, "newtonRoot", "no error when it does not converge", [
    "if (k === maxIter) throw new Error(`Newton did not converge in ${maxIter} iterations`);",
    "if (k === maxIter) return { x, iterations: k };",
  ]),
  bug(N3, "solveLinear", "no pivoting", [
    "for (let i = k + 1; i < d; i++) if (Math.abs(M[i][k]) > Math.abs(M[pivot][k])) pivot = i;",
    "",
  ]),
  bug(N3, "solveLinear", "eliminates in the caller's A", [
    "const M = A.map((row) => row.slice());",
    "const M = A;",
  ]),
  bug(N3, "newtonStep", "ignores alpha", ["pi - alpha * d[i]", "pi - d[i]"]),
  bug(N3, "dampedNewton", "no steepest-descent fallback uphill", [
    "    if (dot(g, d) <= 0) d = g;\n",
    "",
  ]),
  bug(N3, "dampedNewton", "no line search (alpha = 1)", [
    "    while (J(trial(alpha)) > Jp - c * alpha * slope && alpha > 1e-12) alpha *= shrink;\n",
    "",
  ]),
  bug(
    N3,
    "safeguardedNewton",
    "plain Newton (full steps, no safeguard)",
    [
      "const step = trustRegionStep(g, H, radius);",
      "const step = newtonStep(new Float64Array(g.length), g, H);",
    ],
    [
      "predicted <= noise ? fTrial <= fx + noise : fTrial < fx && fx - fTrial >= 0.1 * predicted;",
      "true; // every step taken",
    ],
  ),
  bug(N3, "safeguardedNewton", "capped Newton steps, no descent fallback", [
    "const step = trustRegionStep(g, H, radius);",
    "const newton = newtonStep(new Float64Array(g.length), g, H);\n    const cap = Math.min(1, radius / (Math.sqrt(dot(newton, newton)) || 1));\n    const step = newton.map((v) => v * cap);",
  ]),
  bug(N3, "bfgsUpdate", "no curvature check (y's <= 0)", [
    "  if (ys <= 0) return H.map((row) => row.slice());\n",
    "",
  ]),
  bug(N3, "bfgsUpdate", "rho yHy instead of rho^2 yHy", [
    "(rho * rho * yHy + rho)",
    "(rho * yHy + rho)",
  ]),
  bug(N3, "newtonSqrt", "forgets the 1/2", [
    "xs[i + 1] = (xs[i] + a / xs[i]) / 2;",
    "xs[i + 1] = xs[i] + a / xs[i];",
  ]),
  // 04
  bug(N4, "sgdStep", "Nesterov as plain momentum", [
    "direction = nesterov ? gi + mu * buf[i] : buf[i];",
    "direction = buf[i];",
  ]),
  bug(N4, "sgdStep", "ignores weight decay", [
    "const gi = g[i] + weightDecay * p[i];\n    let direction",
    "const gi = g[i];\n    let direction",
  ]),
  bug(N4, "sgdStep", "first buffer (1 - dampening) g", [
    "buf[i] = t === 1 ? gi : mu * buf[i] + (1 - dampening) * gi;",
    "buf[i] = mu * buf[i] + (1 - dampening) * gi;",
  ]),
  bug(N4, "rmspropStep", "eps inside the root", [
    "(Math.sqrt(squareAvg[i]) + eps)",
    "Math.sqrt(squareAvg[i] + eps)",
  ]),
  bug(N4, "rmspropStep", "alpha and 1 - alpha swapped", [
    "alpha * state.squareAvg[i] + (1 - alpha) * g[i] * g[i]",
    "(1 - alpha) * state.squareAvg[i] + alpha * g[i] * g[i]",
  ]),
  bug(N4, "adamStep", "no bias correction", [
    "    const mHat = m[i] / (1 - Math.pow(beta1, t));\n    const vHat = v[i] / (1 - Math.pow(beta2, t));",
    "    const mHat = m[i];\n    const vHat = v[i];",
  ]),
  bug(N4, "adamStep", "bias correction off by one (t + 1)", [
    "    const mHat = m[i] / (1 - Math.pow(beta1, t));\n    const vHat = v[i] / (1 - Math.pow(beta2, t));",
    "    const mHat = m[i] / (1 - Math.pow(beta1, t + 1));\n    const vHat = v[i] / (1 - Math.pow(beta2, t + 1));",
  ]),
  bug(N4, "adamStep", "eps inside the root", ["(Math.sqrt(vHat) + eps)", "Math.sqrt(vHat + eps)"]),
  bug(N4, "adamwStep", "L2 in the gradient, not decoupled", [
    "  const decayed = p.map((pi) => pi * (1 - eta * weightDecay));\n  return adamStep(decayed, g, state, { ...hyper, weightDecay: 0 });",
    "  return adamStep(p, g, state, { ...hyper, eta, weightDecay });",
  ]),
  bug(N4, "clipGradNorm", "no min(1, .): scales small gradients up", [
    "const scale = Math.min(1, maxNorm / (norm + 1e-6));",
    "const scale = maxNorm / (norm + 1e-6);",
  ]),
  bug(N4, "clipGradNorm", "clips each array by its own norm", [
    "  let sumSquares = 0;\n  for (const g of grads) for (const gi of g) sumSquares += gi * gi;\n  const norm = Math.sqrt(sumSquares);\n  const scale = Math.min(1, maxNorm / (norm + 1e-6));\n  return { grads: grads.map((g) => g.map((gi) => gi * scale)), norm };",
    "  let sumSquares = 0;\n  for (const g of grads) for (const gi of g) sumSquares += gi * gi;\n  const norm = Math.sqrt(sumSquares);\n  const each = (g: Float64Array) => Math.min(1, maxNorm / (Math.hypot(...g) + 1e-6));\n  return { grads: grads.map((g) => g.map((gi) => gi * each(g))), norm };",
  ]),
  bug(N4, "emaMomentumStep", "forgets (1 - beta)", [
    "beta * mi + (1 - beta) * g[i]",
    "beta * mi + g[i]",
  ]),
  bug(N4, "heavyBallStep", "subtracts the velocity", ["pi + buf[i]", "pi - buf[i]"]),
  bug(N4, "optimalHeavyBall", "lambda not squared", [
    "lambda: ((b - a) / (b + a)) ** 2",
    "lambda: (b - a) / (b + a)",
  ]),
  bug(N4, "normAdamStep", "no bias correction", [
    "const denom = Math.sqrt(v / (1 - Math.pow(beta2, t))) + eps;",
    "const denom = Math.sqrt(v) + eps;",
  ]),
  // 05
  bug(N5, "shuffledBatches", "off-by-one shuffle (Sattolo)", [
    "Math.floor(rng() * (i + 1))",
    "Math.floor(rng() * i)",
  ]),
  bug(N5, "shuffledBatches", "always drops the last partial batch", [
    "if (batch.length < B && dropLast) break;",
    "if (batch.length < B) break;",
  ]),
  bug(N5, "softmax", "no max shift (overflows)", [
    "probs[i * k + j] = Math.exp(row[j] - max);",
    "probs[i * k + j] = Math.exp(row[j]);",
  ]),
  bug(N5, "softmax", "shifts by the batch's maximum", [
    "const max = Math.max(...row);\n    let sum = 0;\n    for (let j = 0; j < k; j++) {",
    "const max = Math.max(...logits);\n    let sum = 0;\n    for (let j = 0; j < k; j++) {",
  ]),
  bug(N5, "softmaxCrossEntropy", "gradient not divided by n", [
    "  for (let idx = 0; idx < n * k; idx++) dlogits[idx] /= n;\n",
    "",
  ]),
  bug(N5, "softmaxCrossEntropy", "sum loss, not mean", [
    "return { loss: loss / n, dlogits };",
    "return { loss, dlogits };",
  ]),
  bug(N5, "denseForward", "W indexed as dIn x dOut", [
    "s += X[i * dIn + j] * W[o * dIn + j];",
    "s += X[i * dIn + j] * W[j * dOut + o];",
  ]),
  bug(N5, "denseBackward", "no bias gradient", ["      db[o] += g;\n", ""]),
  bug(N5, "mlpLossAndGradient", "forgets the ReLU mask", [
    "const dA = second.dX.map((dh, idx) => (A[idx] > 0 ? dh : 0));",
    "const dA = second.dX;",
  ]),
  bug(N5, "sgdEpoch", "ignores the rng (batches in order)", [
    "const batches = shuffledBatches(N, B, rng, dropLast);",
    "const batches = shuffledBatches(N, B, () => 0.999999, dropLast);",
  ]),
  bug(N5, "sgdEpoch", "always N / B steps (drops the partial batch)", [
    "const batches = shuffledBatches(N, B, rng, dropLast);",
    "const batches = shuffledBatches(N, B, rng, true);",
  ]),
  bug(N5, "labelSmoothingGradient", "eps / (k - 1) off the label", [
    "((1 - eps) * (j === label ? 1 : 0) + eps / k)",
    "(j === label ? 1 - eps : eps / (k - 1))",
  ]),
];
