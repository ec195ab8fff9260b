/** Numbers: float64 vectors, row-major matrices, linear solves and spectra. */
export * from "./vector";
export * from "./matrix";
export * from "./lu";
export * from "./cholesky";
export * from "./eigen";
