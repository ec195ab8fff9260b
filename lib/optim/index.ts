/**
 * Optimization: update rules (functional core), optimizer classes, learning-rate schedules,
 * gradient clipping, line search, Newton and BFGS, and the `minimize` driver.
 */
export * from "./rules";
export * from "./optimizers";
export * from "./schedules";
export * from "./clip";
export * from "./linesearch";
export * from "./second-order";
export * from "./driver";
export * from "./sgd-bounds";
export * from "./online";
