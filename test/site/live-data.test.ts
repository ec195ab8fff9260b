import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mnistDir } from "../../lib/data";
import {
  joinPath,
  preloadGzip,
  readGunzipped,
  setCourseRoot,
  sha256Hex,
} from "../../runtime/site/live/shims/data-files";
import { serve } from "../../runtime/site/serve";

/** The browser's data files module, served the course's MNIST files over HTTP as a site is. */
describe("the live course's data files (fetch, DecompressionStream, Web Crypto)", () => {
  const labels = "t10k-labels-idx1-ubyte.gz";
  let dir = "";
  let url = "";
  let close = () => {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-live-data-"));
    fs.copyFileSync(path.join(mnistDir(), labels), path.join(dir, labels));
    const gz = fs.readFileSync(path.join(dir, labels));
    fs.writeFileSync(path.join(dir, "cut.gz"), gz.subarray(0, gz.length >> 1));
    const served = await serve(dir, 0);
    url = served.url;
    close = () => served.server.close();
    setCourseRoot(url);
  });
  afterAll(() => {
    close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves a fetched file decompressed, with the SHA-256 the manifest records", async () => {
    const file = joinPath(url, labels);
    await preloadGzip([file]);
    const bytes = readGunzipped(file);
    const expected = zlib.gunzipSync(fs.readFileSync(path.join(dir, labels)));
    expect(Buffer.from(bytes).equals(expected)).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(mnistDir(), "manifest.json"), "utf8"));
    expect(sha256Hex(bytes)).toBe(manifest.files[labels].idxSha256);
  });

  it("names the file when it is missing, damaged or not fetched first", async () => {
    await expect(preloadGzip([joinPath(url, "none.gz")])).rejects.toThrow(/none\.gz.*HTTP 404/);
    await expect(preloadGzip([joinPath(url, "cut.gz")])).rejects.toThrow(/cut\.gz.*corrupt gzip/);
    expect(() => readGunzipped(joinPath(url, "other.gz"))).toThrow(/other\.gz: not fetched/);
  });
});
