export * from "./types";
export * from "./minimize";
export * from "./sweep";
export * from "./stochastic";
export { DIVERGENCE_FACTOR, type Divergence } from "./divergence";
