/**
 * Losses: value and gradient with respect to the parameters, numerically stable, with the
 * closed-form solutions of the linear problems for comparison.
 */
export * from "./loss";
export * from "./stable";
export * from "./least-squares";
export * from "./logistic";
export * from "./softmax-cross-entropy";
export * from "./finite-sum";
export * from "./sampling";
