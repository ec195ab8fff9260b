/**
 * The size budget of an explorable figure, and thinning long series to fit it.
 *
 * An explorable carries every state it can show (each slider value, each animation frame), and
 * all of it is saved in the notebook with the cell's output and sent to the browser. The budget
 * is EXPLORABLE_BUDGET bytes of figure JSON (1 MB): the browser still draws each state at once,
 * and a notebook with a few explorables stays at a few MB. The builders refuse a larger figure
 * (an `OptkitError` saying by how much) rather than warn: thin the paths with `thin` or use
 * fewer slider values or frames. A figure may lower or raise its own budget.
 */
import { checkNumber, OptkitError } from "../util/check";
import { Figure, figureToJSON } from "./figure";

/** Bytes of figure JSON an explorable may take unless it says otherwise: 1 MB. */
export const EXPLORABLE_BUDGET = 1_000_000;

/** The size in bytes of a figure's JSON as it is sent and saved (UTF-8). */
export function figureBytes(fig: Figure): number {
  return new TextEncoder().encode(JSON.stringify(figureToJSON(fig))).length;
}

/** Throw unless the figure's JSON fits `budget` bytes; returns its size. */
export function checkBudget(fig: Figure, budget: number, what: string): number {
  checkNumber("budget", budget, { min: 1 });
  const bytes = figureBytes(fig);
  if (bytes > budget) {
    throw new OptkitError(
      what,
      `the figure's JSON is ${(bytes / 1e3).toFixed(0)} kB, over its budget of ` +
        `${(budget / 1e3).toFixed(0)} kB: use fewer slider values or frames, or thin long paths with thin()`,
    );
  }
  return bytes;
}

/**
 * At most `max` evenly spaced entries of `values` (indices rounded), always keeping the first
 * and the last: a path of 5000 iterates drawn with 200 points looks the same.
 */
export function thin<T>(values: ArrayLike<T>, max: number): T[] {
  checkNumber("max", max, { min: 2, integer: true });
  const n = values.length;
  if (n <= max) return Array.from(values);
  return Array.from({ length: max }, (_, i) => values[Math.round((i * (n - 1)) / (max - 1))]);
}
