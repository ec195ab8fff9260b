import { OptkitError } from "../util/check";
import { readGunzipped, sha256Hex } from "./files";

/**
 * Reader for gzipped IDX files, the format of the MNIST files. An IDX file is a big-endian header
 * followed by raw data:
 *
 *   magic = 0x00 0x00 type ndim, then ndim dimension sizes as uint32, then prod(dims) items.
 *
 * MNIST uses type 0x08 (unsigned byte): images have magic 0x00000803 (count, rows, cols), labels
 * 0x00000801 (count). Every problem raises an `OptkitError` whose argument is the file's path and
 * whose message says what is wrong (truncated, corrupt gzip, wrong magic, wrong dimensions,
 * checksum mismatch).
 */

/** What the caller expects of one IDX file. */
export interface IdxExpectation {
  /** The magic number, e.g. 0x00000803 for a 3-D unsigned-byte array. */
  magic: number;
  /** The dimension sizes, e.g. [60000, 28, 28]. */
  dims: readonly number[];
  /** SHA-256 (hex) of the decompressed content; skipped when absent. */
  sha256?: string;
}

/** Decompress a gzip file, naming the file and the kind of damage on failure. */
export function gunzipFile(file: string): Uint8Array {
  return readGunzipped(file);
}

const hex8 = (x: number): string => "0x" + x.toString(16).padStart(8, "0");

/**
 * Read a gzipped IDX file of unsigned bytes and check magic number, dimensions, length and (if
 * given) the SHA-256 of the content. Returns the data bytes after the header.
 */
export function readIdxGz(file: string, expect: IdxExpectation): Uint8Array {
  const raw = gunzipFile(file);
  const ndim = expect.dims.length;
  const headerBytes = 4 + 4 * ndim;
  if (raw.length < headerBytes) {
    throw new OptkitError(file, `truncated: ${raw.length} bytes, shorter than the IDX header`);
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
  const magic = view.getUint32(0);
  if (magic !== expect.magic) {
    throw new OptkitError(file, `wrong magic number: expected ${hex8(expect.magic)}, got ${hex8(magic)}`);
  }
  const dims = expect.dims.map((_, i) => view.getUint32(4 + 4 * i));
  if (dims.some((d, i) => d !== expect.dims[i])) {
    throw new OptkitError(
      file,
      `wrong dimensions: expected ${expect.dims.join(" x ")}, got ${dims.join(" x ")}`,
    );
  }
  const want = headerBytes + dims.reduce((a, b) => a * b, 1);
  if (raw.length < want) {
    throw new OptkitError(file, `truncated: expected ${want} bytes of IDX data, got ${raw.length}`);
  }
  if (raw.length > want) {
    throw new OptkitError(file, `too long: expected ${want} bytes of IDX data, got ${raw.length}`);
  }
  if (expect.sha256 !== undefined) {
    const got = sha256Hex(raw);
    if (got !== expect.sha256) {
      throw new OptkitError(
        file,
        `checksum mismatch: SHA-256 of the content is ${got}, the manifest says ${expect.sha256}`,
      );
    }
  }
  return new Uint8Array(raw.buffer, raw.byteOffset + headerBytes, want - headerBytes);
}
