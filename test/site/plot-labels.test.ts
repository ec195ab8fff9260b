import { describe, expect, it } from "vitest";
import { ASCII_MATH } from "../../tools/browser/labels";

describe("the browser check's plot-label style", () => {
  it("flags math spelled in ASCII or TeX", () => {
    for (const label of [
      "J(p_n) − J*",
      "weight w_{t,i}",
      "logistic ln(1 + e^(−m))",
      "heavy ball (alpha 0.01, lambda 0.9)",
      "kappa = 10",
      "eps inside the root",
      "g = ∇f(x0)",
      "\\eta_t",
    ]) {
      expect(ASCII_MATH.test(label), label).toBe(true);
    }
  });

  it("lets the course's Unicode labels and plain words through", () => {
    for (const label of [
      "J(pₙ) − J*",
      "Weight wₜ,ᵢ of gradient gᵢ in pₜ (t = 40)",
      "ε outside the root",
      "GD, η = 2/(L + m)",
      "Steps until ‖∇J‖ ≤ 10⁻⁸ on ½(x² + κy²), from (1, 1)",
      "Adam + L2 vs AdamW (lr 1e-3, weightDecay 0.1)",
      "MLP 784-128-10: training loss (running mean of 50 steps)",
      "theory: f₀ρ²ᵗ, ρ = 0.752",
      "Momentum rolls over a barrier that stops gradient descent",
    ]) {
      expect(ASCII_MATH.test(label), label).toBe(false);
    }
  });
});
