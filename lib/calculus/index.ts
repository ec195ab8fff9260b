/**
 * Calculus: finite differences, symbolic derivatives (mathjs) and reverse-mode autodiff,
 * three independent ways to the same derivatives.
 */
export * from "./finite-diff";
export * from "./error-vs-h";
export * from "./symbolic";
export * from "./value";
export * from "./autodiff";
