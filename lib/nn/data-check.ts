/**
 * Checks of the data a network is given (training set, test set, images to classify), so a
 * wrong shape is named by the argument the user wrote (`data.images`, `test.labels`) before any
 * work, instead of failing with a raw TypeError or an internal name in the middle of an epoch.
 */
import { checkArray, describe, OptkitError, type Vec } from "../util/check";

/** `images` must be a Float32Array or Float64Array of whole rows of `width` values; returns the rows. */
export function checkImages(arg: string, images: Vec, width: number): number {
  if (!(images instanceof Float32Array || images instanceof Float64Array)) {
    throw new OptkitError(
      arg,
      `expected a Float32Array or Float64Array of rows of ${width} values, got ${describe(images)}`,
    );
  }
  if (images.length === 0 || images.length % width !== 0) {
    throw new OptkitError(
      arg,
      `expected one or more rows of ${width} values (a length that is a positive multiple of ${width}), got length ${images.length}`,
    );
  }
  return images.length / width;
}

/**
 * `data` must be `{ images, labels }` with one label in 0..classes-1 per row of `width` values;
 * `arg` names it (`"data"`, `"test"`). Returns the number of samples.
 */
export function checkLabelled(
  arg: string,
  data: { images: Vec; labels: ArrayLike<number> },
  width: number,
  classes: number,
): number {
  if (typeof data !== "object" || data === null) {
    throw new OptkitError(arg, `expected an object { images, labels }, got ${describe(data)}`);
  }
  checkArray(`${arg}.labels`, data.labels);
  const n = data.labels.length;
  if (n === 0) throw new OptkitError(`${arg}.labels`, "expected at least one sample, got none");
  for (let i = 0; i < n; i++) {
    const y = data.labels[i];
    if (!(Number.isInteger(y) && y >= 0 && y < classes)) {
      throw new OptkitError(
        `${arg}.labels`,
        `expected a class in 0..${classes - 1} at index ${i}, got ${describe(y)}`,
      );
    }
  }
  checkImages(`${arg}.images`, data.images, width);
  if (data.images.length !== n * width) {
    throw new OptkitError(
      `${arg}.images`,
      `expected ${n} rows of ${width} values (${n * width}), got length ${data.images.length}`,
    );
  }
  return n;
}

/** `f` must be a function (or absent), e.g. a schedule, a clip or a callback. */
export function checkCallback(arg: string, f: unknown, example: string): void {
  if (f !== undefined && typeof f !== "function") {
    throw new OptkitError(arg, `expected a function, e.g. ${example}, got ${describe(f)}`);
  }
}
