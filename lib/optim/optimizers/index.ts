/** The optimizer classes: PyTorch's API over the functional core. */
export * from "./optimizer";
export * from "./sgd";
export * from "./adagrad";
export * from "./rmsprop";
export * from "./adam";
