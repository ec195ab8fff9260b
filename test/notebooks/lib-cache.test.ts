/**
 * The kernel's precompiled library (scripts/kernel/lib-cache.cjs), on a copy of the course so
 * that the library can be edited: cells import the compiled library, and an edit to lib/ reaches
 * the next cell that imports it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "fs";
import { join } from "path";
import { Session } from "../../scripts/notebooks/inprocess";
import { text } from "../../scripts/notebooks/nbformat";
import { ROOT } from "../../scripts/kernel/spec";

const stdout = (outs: Awaited<ReturnType<Session["run"]>>["outputs"]) =>
  outs.map((o) => (o.output_type === "stream" ? text(o.text) : "")).join("");

/** A course copy: lib/, the kernel scripts and package.json, with the real node_modules linked. */
function courseCopy(): string {
  mkdirSync(join(ROOT, "build"), { recursive: true });
  const root = mkdtempSync(join(ROOT, "build", "lib-cache-test-"));
  cpSync(join(ROOT, "lib"), join(root, "lib"), { recursive: true });
  cpSync(join(ROOT, "scripts", "kernel"), join(root, "scripts", "kernel"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(root, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  return root;
}

describe("the kernel's precompiled library", () => {
  const root = courseCopy();
  const session = new Session(root);
  afterAll(() => {
    session.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("serves ./lib from the compiled cache, loaded by Node", async () => {
    const r = await session.run(
      `import { checkNumber } from "./lib";\n` +
        `console.log(checkNumber("x", 2));\n` +
        `console.log(Object.keys(require.cache).includes(${JSON.stringify(join(root, "lib", "index.ts"))}));`,
    );
    expect(r.ok).toBe(true);
    expect(stdout(r.outputs)).toBe("2\ntrue\n");
    const builds = readdirSync(join(root, "build", "kernel-cache"));
    expect(builds).toHaveLength(1);
    expect(existsSync(join(root, "build", "kernel-cache", builds[0], "lib", "index.d.ts"))).toBe(true);
  });

  it("reports a wrong use of the library as a type error", async () => {
    const r = await session.run(`import { checkNumber } from "./lib";\nconst s: string = checkNumber("x", 2);`);
    expect(r.ok).toBe(false);
  });

  it("shows an edit to lib/ to the next cell that imports it", async () => {
    appendFileSync(join(root, "lib", "util", "check.ts"), "\nexport const CACHE_PROBE = 41;\n");
    const cell = `import { CACHE_PROBE } from "./lib";\nconsole.log(CACHE_PROBE + 1);`;
    // The cache is rebuilt when the file watcher reports the edit; give it up to 60 s.
    let r = await session.run(cell);
    for (let i = 0; i < 60 && !r.ok; i++) {
      await new Promise((done) => setTimeout(done, 1000));
      r = await session.run(cell);
    }
    expect(r.ok).toBe(true);
    expect(stdout(r.outputs)).toBe("42\n");
  });
});
