import { createHash } from "crypto";
import { describe, expect, it } from "vitest";
import { sha1Hex } from "../../../lib/plot/display";

describe("sha1Hex, the plot ids' hash that also runs in a browser", () => {
  it("equals Node's SHA-1 on empty, multi-byte and block-boundary texts", () => {
    const texts = [
      "",
      "abc",
      "é€😀",
      "x".repeat(55),
      "x".repeat(56),
      "y".repeat(64),
      "z".repeat(1000),
    ];
    for (const t of texts) expect(sha1Hex(t)).toBe(createHash("sha1").update(t).digest("hex"));
  });
});
