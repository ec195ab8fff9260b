/** The messages between a live page and its worker. */
import type { CheckLimits, WatchEvent } from "./limits";
import type { DisplayMessage } from "./shims/tslab";

/** Source files the page gives the worker, by path from the course root ("exercises/01-x.ts"). */
export type SourceFiles = Record<string, string>;

export type ToWorker =
  | { type: "init"; root: string; files: SourceFiles }
  | { type: "files"; files: SourceFiles }
  | { type: "run"; id: number; code: string; /** e.g. "cell-3", in stack traces */ label: string }
  | { type: "grade"; id: number; suite: string; limits?: CheckLimits };

export interface CellError {
  ename: string;
  evalue: string;
  /** For a syntax error: the line and column (1-based) in the cell, or in `file`. */
  line?: number;
  column?: number;
  /** For a syntax error in an exercise file the cell imported: its path ("exercises/01-x.ts"). */
  file?: string;
  /** For an error thrown while running: where, in cells and exercise files, innermost first. */
  trace?: string[];
}

export type FromWorker =
  | { type: "ready" }
  | { type: "stream"; id: number; name: "stdout" | "stderr"; text: string }
  | { type: "display"; id: number; msg: DisplayMessage; update: boolean }
  | { type: "done"; id: number; error: CellError | null; ms: number }
  /** Check: a call of the student's function `name` (or the import of a file) began or ended. */
  | { type: "watch"; id: number; event: WatchEvent; name: string };
