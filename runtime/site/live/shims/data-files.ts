/**
 * The live course's stand-in for lib/data/files.ts, with the same exports. The course root is
 * the site's folder (a URL); gzip files are fetched beforehand by `preloadGzip` (the worker does
 * so before a cell that loads MNIST runs), decompressed with `DecompressionStream` and hashed
 * with Web Crypto, because the library reads them synchronously.
 */
import { OptkitError } from "../../../../lib/util/check";

let root = "";
const gunzipped = new Map<string, Uint8Array>();
const digests = new WeakMap<Uint8Array, string>();

/** The site's root URL, ending in `/`. */
export function setCourseRoot(url: string): void {
  root = url.endsWith("/") ? url : url + "/";
}

export function courseRootFrom(): string {
  return root.replace(/\/$/, "");
}

export function joinPath(dir: string, name: string): string {
  return `${dir.replace(/\/$/, "")}/${name}`;
}

/** What a synchronous XMLHttpRequest offers (typed here: Node's types, too, check this file). */
interface SyncRequest {
  open(method: string, url: string, async: false): void;
  send(): void;
  status: number;
  responseText: string;
}

/** A text file of the site, read with a synchronous request (allowed in a worker). */
export function readTextFile(file: string): string {
  const req = new (
    globalThis as unknown as { XMLHttpRequest: new () => SyncRequest }
  ).XMLHttpRequest();
  req.open("GET", file, false);
  req.send();
  if (req.status !== 200) {
    throw new OptkitError(file, `cannot read the file (HTTP ${req.status})`);
  }
  return req.responseText;
}

/** Fetch and decompress gzip files now, so that `readGunzipped` can return them at once. */
export async function preloadGzip(files: string[]): Promise<void> {
  await Promise.all(
    files
      .filter((f) => !gunzipped.has(f))
      .map(async (file) => {
        const res = await fetch(file);
        if (!res.ok || !res.body) {
          throw new OptkitError(file, `cannot read the file (HTTP ${res.status})`);
        }
        let bytes: Uint8Array;
        try {
          const stream = res.body.pipeThrough(new DecompressionStream("gzip"));
          bytes = new Uint8Array(await new Response(stream).arrayBuffer());
        } catch (e) {
          throw new OptkitError(file, `corrupt gzip data (${(e as Error).message})`);
        }
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
        digests.set(bytes, Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""));
        gunzipped.set(file, bytes);
      }),
  );
}

export function readGunzipped(file: string): Uint8Array {
  const bytes = gunzipped.get(file);
  if (!bytes) throw new OptkitError(file, "not fetched: the worker preloads data files first");
  return bytes;
}

/** SHA-256 of bytes that `readGunzipped` returned (computed when they were fetched). */
export function sha256Hex(bytes: Uint8Array): string {
  const digest = digests.get(bytes);
  if (digest === undefined) throw new OptkitError("bytes", "expected bytes of a fetched file");
  return digest;
}
