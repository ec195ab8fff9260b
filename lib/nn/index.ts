/**
 * Neural networks: activations, initialisation, a multilayer perceptron with softmax
 * cross-entropy, and the kernels under it (float64 reference, float32 TypeScript, WebAssembly SIMD).
 */
export * from "./activations";
export * from "./init";
export * from "./kernels";
export * from "./mlp";
export * from "./train";
export * from "./grad-check";
