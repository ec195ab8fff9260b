/**
 * optkit's library: everything the notebooks, exercises and tests import.
 * Each folder is one layer; this file re-exports their public API.
 */
export * from "./util/check";
export * from "./util/exercise";
export * from "./util/grade-check";
export * from "./plot";
export * from "./numbers";
export * from "./random";
export * from "./calculus";
export * from "./optim";
export * from "./objectives";
export * from "./data";
export * from "./nn";
export * from "./losses";
