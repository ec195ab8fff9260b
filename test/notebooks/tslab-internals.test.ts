/**
 * What the course takes from tslab's internals (runtime/kernel/tslab-internals.cjs) is still
 * there: a tslab update that moves any of it fails here, with a sentence naming what moved.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../runtime/kernel/spec";
import {
  checkTslabInternals,
  TSLAB_VERSION,
  tslabModule,
  tslabTypeScript,
} from "../../runtime/kernel/tslab-internals.cjs";

describe("tslab's internals the course relies on", () => {
  it("are all in the installed tslab", () => {
    const problems = checkTslabInternals(ROOT);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("is the tslab release the adapter was written for", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "node_modules", "tslab", "package.json"), "utf8"));
    expect(pkg.version).toBe(TSLAB_VERSION);
  });

  it("name what moved when a tslab update changes them", () => {
    const real = (name: string) => tslabModule(ROOT, name);
    const moved = (name: string): unknown => {
      if (name === "tspath") return { normalizeJoin: "not a function" };
      if (name === "jupyter") {
        return { JupyterHandlerImpl: class { handleExecute(request: unknown) { return request; } } };
      }
      if (name === "main") throw new Error("Cannot find module");
      return real(name);
    };
    const ts = tslabTypeScript(ROOT) as { sys: object };
    const problems = checkTslabInternals(ROOT, moved, { ...ts, sys: { ...ts.sys, watchFile: undefined } });
    expect(problems[0]).toMatch(/^tslab 1\.0\.22 no longer provides what .*tslab-internals\.cjs/);
    expect(problems.slice(1)).toEqual([
      "tslab/dist/main.js does not load (Cannot find module)",
      expect.stringMatching(/^tslab\/dist\/jupyter\.js: JupyterHandlerImpl\.handleExecute\(/),
      expect.stringMatching(/^tslab\/dist\/jupyter\.js: lastWriteDisplayData .* lib\/util\/tslab\.ts/),
      expect.stringMatching(/^tslab\/dist\/tspath\.js: normalizeJoin is no longer a function/),
      expect.stringMatching(/ts\.sys\.watchFile is gone/),
    ]);
  });
});
