import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { findCourseRoot } from "../../../lib/data";
import { WASM_BASE64, WASM_SOURCE_SHA256 } from "../../../lib/nn/kernels/wasm-bytes";

// A full rebuild takes several seconds (`npm run build:wasm -- --check` does it); here we check
// that the embedded bytes are the committed .wasm and were built from the current source.
describe("the committed WebAssembly kernels", () => {
  const root = findCourseRoot();

  it("wasm-bytes.ts holds exactly lib/nn/kernels/nn-kernels.wasm", () => {
    const file = fs.readFileSync(path.join(root, "lib", "nn", "kernels", "nn-kernels.wasm"));
    expect(Buffer.compare(Buffer.from(WASM_BASE64, "base64"), file)).toBe(0);
  });

  it("was built from the current lib/nn/kernels/asm/nn-kernels.ts (else run npm run build:wasm)", () => {
    const source = fs.readFileSync(path.join(root, "lib", "nn", "kernels", "asm", "nn-kernels.ts"));
    expect(createHash("sha256").update(source).digest("hex")).toBe(WASM_SOURCE_SHA256);
  });
});
