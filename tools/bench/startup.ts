/**
 * `npm run bench:startup`: how long the course takes to get going. Prints figures, asserts
 * nothing. Three measurements, each repeated (`--runs`, default 3) in fresh processes:
 *
 *  1. `import "./lib"` in a fresh Node process under ts-node (as `npm run` scripts load it):
 *     wall and CPU seconds of the import alone, and whether it loaded mathjs;
 *  2. the course kernel in real Jupyter, from its start to the end of its first cell (the welcome
 *     notebook's first code cell, which imports the library): seconds to the kernel's first
 *     reply, to the end of that cell, and the kernel's CPU seconds by then;
 *  3. the welcome notebook end to end: `jupyter nbconvert --execute` wall seconds.
 *
 *   npm run bench:startup -- [--runs 3] [--no-jupyter]
 *
 * The machine may be shared: CPU seconds move less than wall seconds when it is busy.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parseCommandLine, usageText } from "../../lib/util/cli-args";
import { jupyterEnv, KERNEL_NAME, ROOT, writeBuildKernelSpec } from "../../runtime/kernel/spec";
import { hasJupyter } from "../../runtime/notebooks/jupyter";
import { readNotebook, text } from "../../runtime/notebooks/nbformat";

const STARTUP_OPTIONS = {
  runs: { type: "string", value: "N", help: "runs of each measurement (3)" },
  "no-jupyter": { type: "boolean", help: "skip the figures that need Jupyter" },
} as const;
const USAGE = usageText("npm run bench:startup -- [options]", STARTUP_OPTIONS);

/** Measured inside the child: the import alone, after ts-node is registered. */
const IMPORT_PROBE = `
const c0 = process.cpuUsage(), t0 = performance.now();
require("./lib");
const c = process.cpuUsage(c0), wall = (performance.now() - t0) / 1000;
const mathjs = Object.keys(require.cache).some((k) => k.includes("/node_modules/mathjs/"));
console.log(JSON.stringify({ wall, cpu: (c.user + c.system) / 1e6, mathjs }));
`;

interface Figures {
  [name: string]: number[];
}

function record(figs: Figures, name: string, value: number): void {
  (figs[name] ??= []).push(value);
}

function lastJsonLine(out: string): Record<string, unknown> {
  const line = out.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as Record<string, unknown>;
}

function importLib(figs: Figures): void {
  const r = spawnSync(process.execPath, ["-r", "ts-node/register", "-e", IMPORT_PROBE], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`import "./lib" failed:\n${r.stderr}`);
  const m = lastJsonLine(r.stdout) as { wall: number; cpu: number; mathjs: boolean };
  record(figs, 'import "./lib" wall s', m.wall);
  record(figs, 'import "./lib" cpu s', m.cpu);
  console.log(
    `import "./lib": ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU` +
      (m.mathjs ? " (loaded mathjs)" : " (mathjs not loaded)"),
  );
}

/** The Python that runs `jupyter` (it has jupyter_client), from the script's first line. */
function jupyterPython(): string {
  const which = spawnSync("sh", ["-c", "command -v jupyter"], { encoding: "utf8" });
  try {
    const first = readFileSync(which.stdout.trim(), "utf8").split("\n")[0];
    const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
    if (m && m[1].endsWith("env") && m[2]) return m[2];
    if (m) return m[1];
  } catch {
    // no readable jupyter script: fall back to python3
  }
  return "python3";
}

function kernelFirstCell(figs: Figures, env: NodeJS.ProcessEnv, cellFile: string): void {
  const script = join(ROOT, "runtime", "kernel", "first-cell.py");
  const r = spawnSync(jupyterPython(), [script, KERNEL_NAME, cellFile], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`the kernel run failed:\n${r.stderr}`);
  const m = lastJsonLine(r.stdout) as {
    ready: number;
    first_cell: number;
    kernel_cpu: number | null;
    status: string;
    stderr: string;
  };
  if (m.status !== "ok") throw new Error(`the first cell failed: ${m.stderr}`);
  record(figs, "kernel ready s", m.ready);
  record(figs, "kernel first cell s", m.first_cell);
  if (m.kernel_cpu !== null) record(figs, "kernel cpu s", m.kernel_cpu);
  const cpu = m.kernel_cpu === null ? "" : `, kernel CPU ${m.kernel_cpu.toFixed(2)} s`;
  console.log(
    `kernel: ready after ${m.ready.toFixed(2)} s, first cell done after ` +
      `${m.first_cell.toFixed(2)} s${cpu}`,
  );
}

function welcomeNotebook(figs: Figures, env: NodeJS.ProcessEnv, outDir: string): void {
  const nb = join(ROOT, "notebooks", "00-welcome.ipynb");
  const t0 = performance.now();
  const r = spawnSync(
    "jupyter",
    [
      "nbconvert",
      "--to",
      "notebook",
      "--execute",
      `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
      "--output-dir",
      outDir,
      nb,
    ],
    { cwd: ROOT, env, encoding: "utf8" },
  );
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`nbconvert failed:\n${r.stderr}`);
  record(figs, "welcome notebook s", seconds);
  console.log(`00-welcome end to end in Jupyter: ${seconds.toFixed(2)} s`);
}

function summary(figs: Figures): void {
  console.log("\nsummary (median, min, max over the runs):");
  for (const [name, xs] of Object.entries(figs)) {
    const s = [...xs].sort((a, b) => a - b);
    const median =
      s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    const f = (x: number) => x.toFixed(2);
    console.log(`  ${name.padEnd(24)} ${f(median)}  ${f(s[0])}  ${f(s[s.length - 1])}`);
  }
}

function main(): number {
  let opts;
  try {
    opts = parseCommandLine(process.argv.slice(2), STARTUP_OPTIONS).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const runs = Number(opts.runs ?? "3");
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs: expected a positive integer, got ${opts.runs}\n${USAGE}`);
    return 2;
  }
  console.log(`node ${process.version}, ${runs} run(s) of each`);
  const figs: Figures = {};
  for (let i = 0; i < runs; i++) importLib(figs);
  if (opts["no-jupyter"] || !hasJupyter("nbconvert")) {
    console.log("(Jupyter figures skipped: no `jupyter nbconvert`, or --no-jupyter)");
  } else {
    const env = jupyterEnv(writeBuildKernelSpec());
    const tmp = mkdtempSync(join(tmpdir(), "optkit-startup-"));
    try {
      const welcome = readNotebook(join(ROOT, "notebooks", "00-welcome.ipynb"));
      const first = welcome.cells.find((c) => c.cell_type === "code");
      if (!first) throw new Error("00-welcome has no code cell");
      const cellFile = join(tmp, "first-cell.ts");
      writeFileSync(cellFile, text(first.source));
      for (let i = 0; i < runs; i++) kernelFirstCell(figs, env, cellFile);
      for (let i = 0; i < runs; i++) welcomeNotebook(figs, env, tmp);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  summary(figs);
  return 0;
}

process.exitCode = main();
