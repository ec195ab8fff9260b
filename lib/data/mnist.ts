import { checkOptions, describe, OptkitError } from "../util/check";
import { findCourseRoot } from "./course-root";
import { joinPath, readTextFile } from "./files";
import { readIdxGz } from "./idx";

/**
 * The MNIST digits (data/mnist: the four original IDX files, gzipped, with a SHA-256 manifest).
 * Images come back as one Float32Array of n x 784 values in [0, 1] (pixel / 255, row-major, one
 * image after another), labels as a Uint8Array of digits 0..9.
 */

/** Pixels per image (28 x 28). */
export const MNIST_PIXELS = 784;
/** Number of classes (digits 0..9). */
export const MNIST_CLASSES = 10;

/** One split of MNIST. */
export interface MnistSplit {
  /** n x 784 values in [0, 1], image i at offset 784 i. */
  images: Float32Array;
  /** n labels in 0..9. */
  labels: Uint8Array;
  /** Number of images n. */
  count: number;
  rows: number;
  cols: number;
}

/** Both splits: 60,000 training and 10,000 test images. */
export interface Mnist {
  train: MnistSplit;
  test: MnistSplit;
}

export interface MnistOptions {
  /** Folder with the .gz files and manifest.json; default `<course root>/data/mnist`. */
  dir?: string;
  /** Check the SHA-256 of each file against manifest.json (default true). */
  verify?: boolean;
}

const SPLITS = {
  train: { prefix: "train", count: 60000 },
  test: { prefix: "t10k", count: 10000 },
} as const;

interface ManifestEntry {
  idxSha256: string;
}

/** Default data folder: `<course root>/data/mnist`. */
export function mnistDir(): string {
  return joinPath(joinPath(findCourseRoot(), "data"), "mnist");
}

function readManifest(dir: string): Record<string, ManifestEntry> {
  const file = joinPath(dir, "manifest.json");
  let text: string;
  try {
    text = readTextFile(file);
  } catch {
    throw new OptkitError(file, "missing: the MNIST folder needs its manifest.json (or verify: false)");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new OptkitError(file, `not valid JSON (${(e as Error).message})`);
  }
  const files = (json as { files?: unknown } | null)?.files;
  if (files === null || typeof files !== "object" || Array.isArray(files)) {
    throw new OptkitError(
      file,
      `expected an object {"files": {"<name>.gz": {"idxSha256": ...}, ...}}, got ${JSON.stringify(json)?.slice(0, 80)}`,
    );
  }
  return files as Record<string, ManifestEntry>;
}

function sha256For(manifest: Record<string, ManifestEntry> | null, dir: string, name: string) {
  if (manifest === null) return undefined;
  const entry: unknown = manifest[name];
  if (entry === null || typeof entry !== "object" || typeof (entry as ManifestEntry).idxSha256 !== "string") {
    throw new OptkitError(joinPath(dir, "manifest.json"), `has no idxSha256 for ${name}`);
  }
  return (entry as ManifestEntry).idxSha256;
}

/** Load one split ("train" or "test"), checking every file. */
export function loadMnistSplit(split: "train" | "test", opts: MnistOptions = {}): MnistSplit {
  const spec = Object.hasOwn(SPLITS, split) ? SPLITS[split] : undefined;
  if (spec === undefined) {
    throw new OptkitError("split", `expected "train" or "test", got ${String(split)}`);
  }
  checkOptions("loadMnist", opts, ["dir", "verify"]);
  if (opts.dir !== undefined && typeof opts.dir !== "string") {
    throw new OptkitError("dir", `expected the path of the MNIST folder, got ${describe(opts.dir)}`);
  }
  if (opts.verify !== undefined && typeof opts.verify !== "boolean") {
    throw new OptkitError("verify", `expected true or false, got ${describe(opts.verify)}`);
  }
  const dir = opts.dir ?? mnistDir();
  const manifest = opts.verify === false ? null : readManifest(dir);
  const imgName = `${spec.prefix}-images-idx3-ubyte.gz`;
  const lblName = `${spec.prefix}-labels-idx1-ubyte.gz`;
  const pixels = readIdxGz(joinPath(dir, imgName), {
    magic: 0x00000803,
    dims: [spec.count, 28, 28],
    sha256: sha256For(manifest, dir, imgName),
  });
  const labelFile = joinPath(dir, lblName);
  const labels = readIdxGz(labelFile, {
    magic: 0x00000801,
    dims: [spec.count],
    sha256: sha256For(manifest, dir, lblName),
  });
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 9) {
      throw new OptkitError(labelFile, `label ${labels[i]} at index ${i} is not a digit 0..9`);
    }
  }
  const images = new Float32Array(pixels.length);
  images.set(pixels); // bytes to float (fast, native), then scale in place
  const scale = 1 / 255;
  for (let i = 0; i < images.length; i++) images[i] *= scale;
  return { images, labels: new Uint8Array(labels), count: spec.count, rows: 28, cols: 28 };
}

/** Load both MNIST splits (about half a second). */
export function loadMnist(opts: MnistOptions = {}): Mnist {
  return { train: loadMnistSplit("train", opts), test: loadMnistSplit("test", opts) };
}
