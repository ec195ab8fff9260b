import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCourseRoot, loadMnist, loadMnistSplit, mnistDir, readIdxGz } from "../../../lib/data";

// Reference facts from the MNIST documentation: 60,000 + 10,000 images of 28 x 28, and the first
// training labels are 5 0 4 1 9 2 1 3 1 4 (the well-known first row of the training set).
describe("loadMnist", () => {
  it("loads both splits with the documented counts, ranges and first labels", () => {
    const m = loadMnist();
    expect(m.train.count).toBe(60000);
    expect(m.test.count).toBe(10000);
    expect(m.train.images.length).toBe(60000 * 784);
    expect(m.test.labels.length).toBe(10000);
    expect(Array.from(m.train.labels.slice(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of m.test.images) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
  });

  it("finds the course root from a subfolder", () => {
    const root = findCourseRoot(path.join(findCourseRoot(), "lib", "data"));
    expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).name).toBe("optkit");
    expect(() => findCourseRoot(os.tmpdir())).toThrow(/optkit/);
  });
});

describe("loader errors name the file and the problem", () => {
  let dir = "";
  const labels = "t10k-labels-idx1-ubyte.gz";
  const images = "t10k-images-idx3-ubyte.gz";
  const expectLabels = { magic: 0x00000801, dims: [10000] };
  const raw = () => zlib.gunzipSync(fs.readFileSync(path.join(mnistDir(), labels)));
  const put = (name: string, bytes: Uint8Array) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-mnist-"));
    for (const f of [labels, images, "manifest.json"]) {
      fs.copyFileSync(path.join(mnistDir(), f), path.join(dir, f));
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loads an intact copy of the test split", () => {
    expect(loadMnistSplit("test", { dir }).count).toBe(10000);
  });

  it("truncated gzip", () => {
    const gz = fs.readFileSync(path.join(mnistDir(), labels));
    const f = put("cut.gz", gz.subarray(0, gz.length >> 1));
    expect(() => readIdxGz(f, expectLabels)).toThrow(/cut\.gz: truncated/);
  });

  it("corrupt gzip", () => {
    const gz = Buffer.from(fs.readFileSync(path.join(mnistDir(), labels)));
    for (let i = 100; i < 200; i++) gz[i] ^= 0xff;
    const f = put("bad.gz", gz);
    expect(() => readIdxGz(f, expectLabels)).toThrow(/bad\.gz: corrupt gzip/);
    const f2 = put("plain.gz", raw());
    expect(() => readIdxGz(f2, expectLabels)).toThrow(/plain\.gz: corrupt gzip/);
  });

  it("wrong magic number (an image file where labels are expected)", () => {
    const f = path.join(dir, images);
    expect(() => readIdxGz(f, expectLabels)).toThrow(
      /t10k-images-idx3-ubyte\.gz: wrong magic number: expected 0x00000801, got 0x00000803/,
    );
  });

  it("wrong dimensions and a truncated payload", () => {
    const f = path.join(dir, labels);
    expect(() => readIdxGz(f, { magic: 0x801, dims: [60000] })).toThrow(
      /wrong dimensions: expected 60000, got 10000/,
    );
    const f2 = put("short.gz", zlib.gzipSync(raw().subarray(0, 5000)));
    expect(() => readIdxGz(f2, expectLabels)).toThrow(/short\.gz: truncated: expected 10008 bytes/);
  });

  it("checksum mismatch after a one-byte change, through loadMnistSplit", () => {
    const r = Buffer.from(raw());
    r[500] = (r[500] + 1) % 10; // still a valid digit: only the checksum can tell
    put(labels, zlib.gzipSync(r));
    expect(() => loadMnistSplit("test", { dir })).toThrow(
      /t10k-labels-idx1-ubyte\.gz: checksum mismatch/,
    );
    expect(loadMnistSplit("test", { dir, verify: false }).labels[500 - 8]).toBe(r[500]);
  });
});
