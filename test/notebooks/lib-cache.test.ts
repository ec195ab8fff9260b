/**
 * The kernel's precompiled library (runtime/kernel/lib-cache.cjs), on a copy of the course so
 * that the library can be edited: cells import the compiled library, an edit to lib/ reaches
 * the next cell that imports it, and a syntax error in lib/ is reported there. The cells run in a child process, as in a kernel of its own
 * (tslab's executor is one per process).
 */
import { spawnSync } from "child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "fs";
import { join } from "path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../../runtime/kernel/spec";

/** A course copy: lib/, the kernel scripts and package.json, with the real node_modules linked. */
function courseCopy(): string {
  mkdirSync(join(ROOT, "build"), { recursive: true });
  const root = mkdtempSync(join(ROOT, "build", "lib-cache-test-"));
  cpSync(join(ROOT, "lib"), join(root, "lib"), { recursive: true });
  cpSync(join(ROOT, "runtime", "kernel"), join(root, "runtime", "kernel"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(root, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  return root;
}

/** Runs in the child: each cell's ok and stdout; after the third, lib/ is edited. */
const CHILD = `
const { appendFileSync, readFileSync, writeFileSync } = require("fs");
const { join } = require("path");
const { Session } = require(process.env.INPROCESS);
const root = process.env.COURSE;
const stdout = (r) => r.outputs.map((o) => (o.output_type === "stream" && o.name === "stdout" ? [].concat(o.text).join("") : "")).join("");
(async () => {
  const s = new Session(root);
  const out = {};
  let r = await s.run('import { checkNumber } from "./lib";\\nconsole.log(checkNumber("x", 2));\\n' +
    'console.log(Object.keys(require.cache).includes(' + JSON.stringify(join(root, "lib", "index.ts")) + '));');
  out.first = { ok: r.ok, stdout: stdout(r) };
  r = await s.run('import { checkNumber } from "./lib";\\nconst s: string = checkNumber("x", 2);');
  out.typeError = { ok: r.ok };
  const barrel = join(root, "lib", "index.ts");
  appendFileSync(barrel, "\\nexport const CACHE_PROBE = 41;\\n");
  const cell = 'import { CACHE_PROBE } from "./lib";\\nconsole.log(CACHE_PROBE + 1);';
  // The cache is rebuilt when the file watcher reports the edit: retry for up to a minute.
  for (let i = 0; i < 60; i++) {
    await new Promise((done) => setTimeout(done, 1000));
    r = await s.run(cell);
    if (r.ok && stdout(r) === "42\\n") break;
  }
  out.edited = { ok: r.ok, stdout: stdout(r) };
  // A syntax error in lib/ is reported in the cell, with its file; fixing it works again.
  const file = join(root, "lib", "util", "check.ts");
  const good = readFileSync(file, "utf8");
  appendFileSync(file, "\\nexport const broken = ;\\n");
  const stderr = (r) => r.outputs.map((o) => (o.output_type === "stream" && o.name === "stderr" ? [].concat(o.text).join("") : "")).join("");
  for (let i = 0; i < 60; i++) {
    await new Promise((done) => setTimeout(done, 1000));
    r = await s.run(cell);
    if (!r.ok && stderr(r).includes("check.ts")) break;
  }
  out.broken = { ok: r.ok, stderr: stderr(r) };
  writeFileSync(file, good);
  writeFileSync(barrel, readFileSync(barrel, "utf8").replace("CACHE_PROBE = 41", "CACHE_PROBE = 9"));
  for (let i = 0; i < 60; i++) {
    await new Promise((done) => setTimeout(done, 1000));
    r = await s.run(cell);
    if (r.ok && stdout(r) === "10\\n") break;
  }
  out.fixed = { ok: r.ok, stdout: stdout(r) };
  s.close();
  console.log("RESULT " + JSON.stringify(out));
})();
`;

describe("the kernel's precompiled library", () => {
  const root = courseCopy();
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("serves ./lib compiled, reports type and syntax errors, and sees edits to lib/", () => {
    const r = spawnSync(process.execPath, ["-r", "ts-node/register", "-e", CHILD], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, COURSE: root, INPROCESS: join(ROOT, "runtime", "notebooks", "inprocess.ts") },
    });
    const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "));
    expect(line, r.stderr).toBeDefined();
    const out = JSON.parse((line as string).slice("RESULT ".length));
    // Loaded by Node from the cache (tslab's own compilation keeps lib out of require.cache).
    expect(out.first).toEqual({ ok: true, stdout: "2\ntrue\n" });
    expect(out.typeError).toEqual({ ok: false });
    expect(out.edited).toEqual({ ok: true, stdout: "42\n" });
    expect(out.broken.ok).toBe(false);
    expect(out.broken.stderr).toMatch(/lib\/util\/check\.ts \d+:\d+ - Expression expected/);
    expect(out.fixed).toEqual({ ok: true, stdout: "10\n" });
    const builds = readdirSync(join(root, "build", "kernel-cache")).filter((d) => !d.endsWith(".tmp"));
    expect(builds).toHaveLength(3); // before the edits, after the first, after the fix
    for (const b of builds) expect(existsSync(join(root, "build", "kernel-cache", b, "lib", "index.d.ts"))).toBe(true);
  }, 240_000); // three rebuilds, each waited for as the file watcher reports it
});
