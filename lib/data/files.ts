/**
 * How lib/data reaches the course's files: the one module that touches the file system for
 * data. Under Node (the kernel, scripts, tests) it reads files with `fs` and decompresses with
 * `zlib`. The live course in the browser substitutes a module with these same exports, which
 * serves files it fetched from the site and decompressed with `DecompressionStream` beforehand.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { OptkitError } from "../util/check";

/** The course's root folder (see `findCourseRoot`): `start` by default `process.cwd()`. */
export function courseRootFrom(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        const parsed = JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: unknown };
        if (parsed.name === "optkit") return dir;
      } catch {
        // not JSON we can read: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new OptkitError(
        "start",
        `expected a folder inside the optkit course (a package.json named "optkit" above it), got ${start}`,
      );
    }
    dir = parent;
  }
}

/** `dir/name`, with the platform's separator. */
export function joinPath(dir: string, name: string): string {
  return path.join(dir, name);
}

/** A text file's content; OptkitError(file, ...) when it cannot be read. */
export function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new OptkitError(file, `cannot read the file (${(e as Error).message})`);
  }
}

/** Decompress a gzip file, naming the file and the kind of damage on failure. */
export function readGunzipped(file: string): Uint8Array {
  let gz: Buffer;
  try {
    gz = fs.readFileSync(file);
  } catch (e) {
    throw new OptkitError(file, `cannot read the file (${(e as Error).message})`);
  }
  try {
    return zlib.gunzipSync(gz);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "Z_BUF_ERROR") {
      throw new OptkitError(file, `truncated: the gzip stream ends early (${gz.length} bytes)`);
    }
    throw new OptkitError(file, `corrupt gzip data (${err.message})`);
  }
}

/** SHA-256 of `bytes` as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
