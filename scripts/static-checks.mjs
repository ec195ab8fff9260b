/**
 * The first half of `npm test`: every command of the `typecheck` and `lint` scripts in
 * package.json (the type checks, ESLint, Prettier), side by side, one per core, instead of one
 * after another. Each prints its output only when it fails; the line per command gives its time.
 * Plain JavaScript, so that it starts without a TypeScript compiler.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts;
const commands = ["typecheck", "lint"].flatMap((name) =>
  scripts[name].split("&&").map((c) => c.trim()),
);
const env = {
  ...process.env,
  PATH: join(root, "node_modules", ".bin") + delimiter + process.env.PATH,
};

/** Run one command; resolves with its exit status, its output and its time in seconds. */
function run(command) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, {
      cwd: root,
      env,
      shell: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", (e) => resolve({ status: 1, output: e.message, seconds: 0 }));
    child.on("close", (status) => resolve({ status, output, seconds: (Date.now() - t0) / 1000 }));
  });
}

const queue = [...commands];
let failed = 0;
async function worker() {
  for (let command = queue.shift(); command !== undefined; command = queue.shift()) {
    const { status, output, seconds } = await run(command);
    if (status === 0) {
      console.log(`✓ ${command} (${seconds.toFixed(1)} s)`);
    } else {
      failed++;
      console.error(`✗ ${command} (exit ${status})\n${output.trimEnd()}\n`);
    }
  }
}
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), commands.length) }, worker),
);
if (failed > 0) {
  console.error(`${failed} of ${commands.length} checks failed`);
  process.exitCode = 1;
}
