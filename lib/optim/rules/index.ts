/** The functional core: one update rule per file, each in place on one parameter array. */
export * from "./sgd";
export * from "./adagrad";
export * from "./rmsprop";
export * from "./adam";
