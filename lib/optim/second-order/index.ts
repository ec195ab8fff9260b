export * from "./newton";
export * from "./bfgs";
