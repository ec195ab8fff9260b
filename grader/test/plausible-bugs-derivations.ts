/** Wrong derivations of the derivation and design exercises. */
import { bug, N1, N2, N3, N4, N5, type PlausibleBug } from "./plausible-bug";

export const WRONG_DERIVATIONS: readonly PlausibleBug[] = [
  // Wrong derivations of the derivation exercises: sign, factor 2, 1/n, transposed shapes, and
  // the neighbouring result the notebook prints.
  bug(N1, "logisticLossAndGradient", "factor 2 on the penalty's gradient", [
    "gradW[j] += lambda * w[j];",
    "gradW[j] += 2 * lambda * w[j];",
  ]),
  bug(N1, "logisticLossAndGradient", "bias penalised too", [
    "return { loss, gradW, gradB };\n}\n\nexport function reverseModeGradient",
    "return { loss: loss + 0.5 * lambda * b * b, gradW, gradB: gradB + lambda * b };\n}\n\nexport function reverseModeGradient",
  ]),
  bug(N1, "logisticLossAndGradient", "transposed X (X[j][i])", [
    "gradW[j] += dz * X[i * d + j];",
    "gradW[j] += dz * X[(j * n + i) % (n * d)];",
  ]),
  bug(N1, "logisticHessian", "sign error", ["H[j * d + k] += s * X", "H[j * d + k] -= s * X"]),
  bug(N1, "logisticHessian", "sigma instead of sigma'", [
    "const s = sigmoidDerivative(z);",
    "const s = sigmoid(z);",
  ]),
  bug(N1, "logisticHessian", "factor 2", [
    "const s = sigmoidDerivative(z);",
    "const s = 2 * sigmoidDerivative(z);",
  ]),
  bug(N1, "logisticHessian", "divided by n", [
    "const s = sigmoidDerivative(z);",
    "const s = sigmoidDerivative(z) / n;",
  ]),
  bug(N1, "logisticHessian", "diagonal only (x_j^2)", [
    "H[j * d + k] += s * X[row + j] * X[row + k];",
    "if (j === k) H[j * d + k] += s * X[row + j] * X[row + k];",
  ]),
  bug(N1, "residualNormGradient", "squared-norm gradient (no 1/||r||)", [
    "grad[j] += (A[i * d + j] * r[i]) / norm;",
    "grad[j] += A[i * d + j] * r[i];",
  ]),
  bug(N1, "residualNormGradient", "factor 2", [
    "grad[j] += (A[i * d + j] * r[i]) / norm;",
    "grad[j] += (2 * A[i * d + j] * r[i]) / norm;",
  ]),
  bug(N1, "residualNormGradient", "sign error", [
    "grad[j] += (A[i * d + j] * r[i]) / norm;",
    "grad[j] -= (A[i * d + j] * r[i]) / norm;",
  ]),
  bug(N1, "residualNormGradient", "transposed A", [
    "grad[j] += (A[i * d + j] * r[i]) / norm;",
    "grad[j] += (A[(j * n + i) % (n * d)] * r[i]) / norm;",
  ]),
  bug(N1, "residualNormGradient", "divided by ||r||^2", [
    "grad[j] += (A[i * d + j] * r[i]) / norm;",
    "grad[j] += (A[i * d + j] * r[i]) / (norm * norm);",
  ]),
  bug(N2, "exactQuadraticStep", "sign error (+g'd / d'Ad)", [
    "return -gd / dAd;",
    "return gd / dAd;",
  ]),
  bug(N2, "exactQuadraticStep", "factor 2", ["return -gd / dAd;", "return (-2 * gd) / dAd;"]),
  bug(N2, "exactQuadraticStep", "the notebook's g'g / g'Ag for every d", [
    "return -gd / dAd;",
    "{ let gg = 0, gAg = 0; for (let i = 0; i < n; i++) { gg += g[i] * g[i]; for (let j = 0; j < n; j++) gAg += g[i] * A[i][j] * g[j]; } return gg / gAg; }",
  ]),
  bug(N2, "exactQuadraticStep", "|alpha| (no uphill steps)", [
    "return -gd / dAd;",
    "return Math.abs(gd / dAd);",
  ]),
  bug(N2, "stepsToReach", "rate of J, ((k-1)/(k+1))^2", [
    "const rate = (lambdaMax - lambdaMin) / (lambdaMax + lambdaMin);",
    "const rate = ((lambdaMax - lambdaMin) / (lambdaMax + lambdaMin)) ** 2;",
  ]),
  bug(N2, "stepsToReach", "rate of eta = 1/L, 1 - 1/kappa", [
    "const rate = (lambdaMax - lambdaMin) / (lambdaMax + lambdaMin);",
    "const rate = 1 - lambdaMin / lambdaMax;",
  ]),
  bug(N2, "stepsToReach", "rounded instead of ceil", [
    "Math.ceil(Math.log(eps) / Math.log(rate) - 1e-9)",
    "Math.round(Math.log(eps) / Math.log(rate))",
  ]),
  bug(N2, "cosineTotal", "T/2 instead of (T + 1)/2", [
    "((etaMax - etaMin) * (T + 1)) / 2",
    "((etaMax - etaMin) * T) / 2",
  ]),
  bug(N2, "cosineTotal", "summed to t = T (one etaMin too many)", [
    "return T * etaMin +",
    "return (T + 1) * etaMin +",
  ]),
  bug(N2, "cosineTotal", "factor 2", [
    "((etaMax - etaMin) * (T + 1)) / 2",
    "(etaMax - etaMin) * (T + 1)",
  ]),
  bug(N3, "newtonReciprocal", "sign error x(2 + a x)", [
    "xs[i] * (2 - a * xs[i])",
    "xs[i] * (2 + a * xs[i])",
  ]),
  bug(N3, "newtonReciprocal", "factor 2 missing x(1 - a x)", [
    "xs[i] * (2 - a * xs[i])",
    "xs[i] * (1 - a * xs[i])",
  ]),
  bug(N3, "newtonReciprocal", "f = a x - 1 (one division)", ["xs[i] * (2 - a * xs[i])", "1 / a"]),
  bug(N3, "newtonPowerFactor", "1/q", ["return 1 - 1 / q;", "return 1 / q;"]),
  bug(N3, "newtonPowerFactor", "1 - q", ["return 1 - 1 / q;", "return 1 - q;"]),
  bug(N3, "newtonPowerFactor", "sign error 1 + 1/q", ["return 1 - 1 / q;", "return 1 + 1 / q;"]),
  bug(N4, "nesterovRate", "gradient at p_t, not y_t", [
    "const trace = (1 + beta) * q;\n  const det = beta * q;",
    "const trace = 1 + beta - alpha * lambda;\n  const det = beta;",
  ]),
  bug(N4, "nesterovRate", "sign error in the constant term", [
    "const det = beta * q;",
    "const det = -beta * q;",
  ]),
  bug(N4, "nesterovRate", "complex-root modulus everywhere", [
    "if (disc < 0) return Math.sqrt(det);",
    "return Math.sqrt(Math.abs(det));",
  ]),
  bug(N4, "nesterovRate", "factor 2 (no /2 on the roots)", [
    "Math.abs(trace - root)) / 2;",
    "Math.abs(trace - root));",
  ]),
  bug(N4, "nesterovTuned", "heavy ball's beta, squared", [
    "return { beta: (1 - s) / (1 + s), rate: 1 - s };",
    "return { beta: ((1 - s) / (1 + s)) ** 2, rate: 1 - s };",
  ]),
  bug(N4, "nesterovTuned", "1/kappa without the root", [
    "const s = Math.sqrt(lambdaMin / lambdaMax);",
    "const s = lambdaMin / lambdaMax;",
  ]),
  bug(N4, "nesterovTuned", "rate = beta", [
    "return { beta: (1 - s) / (1 + s), rate: 1 - s };",
    "return { beta: (1 - s) / (1 + s), rate: (1 - s) / (1 + s) };",
  ]),
  bug(N5, "softmaxCrossEntropy", "sign error (onehot - softmax)", [
    "dlogits[i * k + labels[i]] -= 1;\n  }\n  for (let idx = 0; idx < n * k; idx++) dlogits[idx] /= n;",
    "dlogits[i * k + labels[i]] -= 1;\n  }\n  for (let idx = 0; idx < n * k; idx++) dlogits[idx] /= -n;",
  ]),
  bug(N5, "softmaxCrossEntropy", "factor 2", [
    "for (let idx = 0; idx < n * k; idx++) dlogits[idx] /= n;\n  return { loss: loss / n, dlogits };",
    "for (let idx = 0; idx < n * k; idx++) dlogits[idx] *= 2 / n;\n  return { loss: loss / n, dlogits };",
  ]),
  bug(N5, "softmaxCrossEntropy", "onehot forgotten", [
    "    dlogits[i * k + labels[i]] -= 1;\n  }\n  for (let idx = 0; idx < n * k; idx++) dlogits[idx] /= n;",
    "  }\n  for (let idx = 0; idx < n * k; idx++) dlogits[idx] /= n;",
  ]),
  bug(N5, "denseBackward", "sign error", [
    "dW[o * dIn + j] += g * X[i * dIn + j];",
    "dW[o * dIn + j] -= g * X[i * dIn + j];",
  ]),
  bug(N5, "denseBackward", "factor 2 on dX", [
    "dX[i * dIn + j] += g * W[o * dIn + j];",
    "dX[i * dIn + j] += 2 * g * W[o * dIn + j];",
  ]),
  bug(N5, "denseBackward", "mean over the batch (1/n too many)", [
    "db[o] += g;",
    "db[o] += g / n;",
  ]),
  bug(N5, "denseBackward", "transposed dW (X' dY, dIn x dOut)", [
    "dW[o * dIn + j] += g * X[i * dIn + j];",
    "dW[j * dOut + o] += g * X[i * dIn + j];",
  ]),
  bug(N5, "denseBackward", "dX through W' (W read as dIn x dOut)", [
    "dX[i * dIn + j] += g * W[o * dIn + j];",
    "dX[i * dIn + j] += g * W[j * dOut + o];",
  ]),
  bug(N5, "mlpLossAndGradient", "sign error", [
    "W2: second.dW, b2: second.db } };",
    "W2: second.dW.map((v) => -v), b2: second.db } };",
  ]),
  bug(N5, "mlpLossAndGradient", "missing 1/n (sum of the per-row gradients)", [
    "const second = denseBackward(H, params.W2, dlogits, layer2);",
    "const second = denseBackward(H, params.W2, dlogits.map((v) => v * n), layer2);",
  ]),
  bug(N5, "mlpLossAndGradient", "transposed dW1 (dIn x dHidden)", [
    "W1: first.dW,",
    "W1: Float64Array.from(first.dW, (_, idx) => first.dW[(idx % dHidden) * dIn + Math.floor(idx / dHidden)]),",
  ]),
  bug(N5, "weightedCrossEntropy", "divided by n, not by the weights' sum", [
    "return { loss: loss / total, dlogits };",
    "for (let q = 0; q < n * k; q++) dlogits[q] *= total / n;\n  return { loss: loss / total, dlogits };",
  ]),
  bug(N5, "weightedCrossEntropy", "weight left out of the gradient", [
    "dlogits[i * k + j] *= c / total;",
    "dlogits[i * k + j] *= 1 / total;",
  ]),
  bug(N5, "weightedCrossEntropy", "sign error", [
    "dlogits[i * k + j] *= c / total;",
    "dlogits[i * k + j] *= -c / total;",
  ]),
  bug(N5, "softmaxSquaredErrorGradient", "the cross-entropy gradient s - onehot", [
    "return s.map((v, m) => v * (r[m] - sr));",
    "return r;",
  ]),
  bug(N5, "softmaxSquaredErrorGradient", "the diagonal of the Jacobian only", [
    "return s.map((v, m) => v * (r[m] - sr));",
    "return s.map((v, m) => v * (1 - v) * r[m]);",
  ]),
  bug(N5, "softmaxSquaredErrorGradient", "sign error", [
    "return s.map((v, m) => v * (r[m] - sr));",
    "return s.map((v, m) => -v * (r[m] - sr));",
  ]),
  bug(N5, "softmaxSquaredErrorGradient", "factor 2", [
    "return s.map((v, m) => v * (r[m] - sr));",
    "return s.map((v, m) => 2 * v * (r[m] - sr));",
  ]),
];
