/**
 * `npm test`: vitest, and beside it every command of the `typecheck` and `lint` scripts in
 * package.json (the type checks, ESLint, Prettier), one after another. Run side by side, the
 * checks fill the cores that vitest leaves idle while its last files finish. Each check prints
 * one line when it passes and its whole output when it fails; they are repeated after vitest's
 * summary. Arguments go to vitest (`npm test -- test/lib` runs those files, and every check).
 * Plain JavaScript, so that it starts without a TypeScript compiler.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts;
const checks = ["typecheck", "lint"].flatMap((name) =>
  scripts[name].split("&&").map((c) => c.trim()),
);
const env = {
  ...process.env,
  PATH: join(root, "node_modules", ".bin") + delimiter + process.env.PATH,
};

/** Run one command; resolves with its exit status, its output and its time in seconds. */
function run(command, inherit = false) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const stdio = inherit ? "inherit" : ["ignore", "pipe", "pipe"];
    const child = spawn(command, { cwd: root, env, shell: true, stdio });
    let output = "";
    child.stdout?.on("data", (c) => (output += c));
    child.stderr?.on("data", (c) => (output += c));
    child.on("error", (e) => resolve({ status: 1, output: e.message, seconds: 0 }));
    child.on("close", (status) => resolve({ status, output, seconds: (Date.now() - t0) / 1000 }));
  });
}

const quote = (a) => `'${a.replace(/'/g, `'\\''`)}'`;
const vitest = run(["vitest", "run", ...process.argv.slice(2).map(quote)].join(" "), true);
const lines = [];
for (const command of checks) {
  const { status, output, seconds } = await run(command);
  const line =
    status === 0
      ? `✓ ${command} (${seconds.toFixed(1)} s)`
      : `✗ ${command} (exit ${status})\n${output.trimEnd()}\n`;
  lines.push({ ok: status === 0, line });
  (status === 0 ? console.log : console.error)(line);
}
const tests = await vitest;
const failed = lines.filter((l) => !l.ok);
console.log(`\nchecks beside the tests: ${lines.length - failed.length} of ${lines.length} passed`);
for (const { line } of failed) console.error(line);
if (failed.length > 0 || tests.status !== 0) process.exitCode = 1;
