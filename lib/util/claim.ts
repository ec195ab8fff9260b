/**
 * Claims: a notebook's prose quotes measured numbers ("98.1 %", "about 6 times lower") and
 * qualitative results ("lowest at the last epoch", "diverges"). The cell that measures them
 * states each one with `claim` or `claimThat`: a holding claim prints one line with a check
 * mark, and a failing one throws a `ClaimError`, so the notebook run (and Run All in the live
 * course) stops at the cell whose measurement no longer matches its prose.
 */
import { OptkitError, describe } from "./check";

/** How far a measurement may be from the expected value: absolute, or relative to |expected|. */
export type Tolerance = number | { rel: number };

/** A measurement that left its tolerance, or a qualitative claim that no longer holds. */
export class ClaimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClaimError";
  }
}

/** A number short enough to read, long enough to tell two close values apart. */
function show(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return String(Number(x.toPrecision(6)));
}

function checkLabel(label: unknown): string {
  if (typeof label !== "string" || label.trim() === "") {
    throw new OptkitError("label", `expected a non-empty string, got ${describe(label)}`);
  }
  return label;
}

/** The allowed distance from `expected`, and how to print it. */
function allowance(expected: number, tolerance: Tolerance): { width: number; text: string } {
  if (typeof tolerance === "number") {
    if (!(Number.isFinite(tolerance) && tolerance >= 0)) {
      throw new OptkitError(
        "tolerance",
        `expected a finite number >= 0, got ${describe(tolerance)}`,
      );
    }
    return { width: tolerance, text: `± ${show(tolerance)}` };
  }
  const rel = tolerance?.rel;
  if (typeof rel !== "number" || !(Number.isFinite(rel) && rel >= 0)) {
    throw new OptkitError(
      "tolerance",
      `expected a number >= 0 or { rel: number >= 0 }, got ${describe(rel)}`,
    );
  }
  return { width: rel * Math.abs(expected), text: `± ${show(100 * rel)} %` };
}

/**
 * The prose says a measurement is `expected`, within `tolerance` (a number: absolute; `{ rel }`:
 * a fraction of |expected|). Prints `✓ label: measured M (expected E ± T)` and returns `measured`;
 * throws a `ClaimError` naming label, measured, expected and tolerance when |M − E| > T or M is
 * not a finite number. `print` receives the line (console.log by default).
 */
export function claim(
  label: string,
  measured: number,
  expected: number,
  tolerance: Tolerance,
  print: (line: string) => void = console.log,
): number {
  checkLabel(label);
  if (typeof expected !== "number" || !Number.isFinite(expected)) {
    throw new OptkitError("expected", `expected a finite number, got ${describe(expected)}`);
  }
  const { width, text } = allowance(expected, tolerance);
  const ok =
    typeof measured === "number" &&
    Number.isFinite(measured) &&
    Math.abs(measured - expected) <= width;
  const line = `${label}: measured ${typeof measured === "number" ? show(measured) : describe(measured)} (expected ${show(expected)} ${text})`;
  if (!ok) throw new ClaimError(`claim failed: ${line}`);
  print(`✓ ${line}`);
  return measured;
}

/**
 * A qualitative claim of the prose ("lowest at the last epoch", "diverges"): `holds` is what
 * the cell measured. Prints `✓ label` (with `detail`, the measurement behind it, if given);
 * throws a `ClaimError` naming the label and the detail when `holds` is false.
 */
export function claimThat(
  label: string,
  holds: boolean,
  detail?: string,
  print: (line: string) => void = console.log,
): void {
  checkLabel(label);
  if (typeof holds !== "boolean") {
    throw new OptkitError("holds", `expected true or false, got ${describe(holds)}`);
  }
  const line = detail === undefined ? label : `${label} (${detail})`;
  if (!holds) throw new ClaimError(`claim failed: ${line}`);
  print(`✓ ${line}`);
}
