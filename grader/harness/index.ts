/**
 * The grading harness: which implementation is graded (target), how a graded test is declared
 * with its points (cases), how a student's function is called (call) and how results are
 * compared (checks).
 */
export * from "./failure";
export * from "./target";
export * from "./cases";
export * from "./call";
export * from "./checks";
export * from "./reference";
export * from "./questions";
