/** Data: the MNIST loader, mini-batches by a seeded permutation per epoch, synthetic data sets. */
export * from "./course-root";
export * from "./idx";
export * from "./mnist";
export * from "./batches";
export * from "./synthetic";
