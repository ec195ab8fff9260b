import { expect } from "vitest";
import { OptkitError } from "../../lib/util/check";

/** `run` throws an OptkitError whose argument is `arg` and whose message is `message`. */
export function expectError(run: () => unknown, arg: string, message: string): void {
  let error: unknown = null;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(OptkitError);
  expect((error as OptkitError).arg).toBe(arg);
  expect((error as OptkitError).message).toBe(message);
}
