/**
 * Errors whose message the specification prescribes: the student's function must throw an error
 * of its own (as with `expectThrows`), and its message must name given numbers or words.
 */
import { capped, SubmittedError } from "../sandbox/link";
import { expectThrows } from "./call";
import { firstLine, GradeFailure } from "./failure";

/** A submitted message as feedback shows it: its first line, at most 200 characters. */
export function shownMessage(message: string): string {
  return capped(firstLine(message), 200);
}

/** The message of the error the student's `name` throws (see `expectThrows`). */
export function thrownMessage(name: string, fn: () => unknown, what: string): string {
  let message = "";
  expectThrows(
    name,
    () => {
      try {
        return fn();
      } catch (e) {
        if (e instanceof SubmittedError) message = e.message;
        throw e;
      }
    },
    what,
  );
  return message;
}

/** The numbers written in a message ("step 115", "1e-3", "0.5", "-2.5e+10"). */
export function numbersIn(message: string): number[] {
  return (message.match(/[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/gi) ?? []).map(Number);
}

/**
 * The message must contain one of the numbers of each group in `groups` (e.g. the step as
 * 115 or 114 if counted from 0, the learning rate 0.5), written in any usual notation.
 */
export function expectMessageNames(
  what: string,
  message: string,
  groups: { name: string; values: number[] }[],
): void {
  const found = numbersIn(message);
  for (const { name, values } of groups) {
    const ok = values.some((v) =>
      found.some((x) => x === v || Math.abs(x - v) <= 1e-12 * Math.abs(v)),
    );
    if (!ok) {
      throw new GradeFailure(
        `${what}: the error message "${shownMessage(message)}" does not name ${name} ` +
          `(${values.join(" or ")}).`,
      );
    }
  }
}
