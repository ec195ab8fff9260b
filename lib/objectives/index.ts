/**
 * Objectives: the test functions of the course, each with value, gradient, Hessian, known
 * minimizers and minimum, a plot window, a name and its LaTeX formula.
 */
export * from "./objective";
export * from "./quadratic";
export * from "./one-d";
export * from "./two-d";
export * from "./rosenbrock";
export * from "./himmelblau";
export * from "./counter-example";
export * from "./nesterov-chain";
