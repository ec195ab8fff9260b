import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KIT_LAYOUT, readManifest } from "../runner/manifest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-manifest-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, manifest: object): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(manifest));
  return file;
}

describe("readManifest", () => {
  it("reads a manifest of this layout", () => {
    const file = write("now.json", {
      layout: KIT_LAYOUT,
      files: { "grader/harness/index.ts": "ab" },
      tests: [],
    });
    expect(readManifest(file).files).toEqual({ "grader/harness/index.ts": "ab" });
  });

  it("refuses a kit built before the grader moved to grader/, saying to rebuild it", () => {
    const old = { files: { "test/grading/harness/index.ts": "ab" }, tests: [] };
    expect(() => readManifest(write("old.json", old))).toThrow(
      /built for an earlier layout of the course \(layout 1, this course has layout 2\): rebuild the grading kit/,
    );
  });

  it("refuses a file that is not a manifest", () => {
    expect(() => readManifest(write("other.json", { hello: 1 }))).toThrow(
      /is not a grading manifest/,
    );
  });
});
