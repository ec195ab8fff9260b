/**
 * `npm run test:notebooks`: execute every course notebook in real Jupyter with the course kernel,
 * write the executed .ipynb and an .html of each to build/notebooks/, and fail with the
 * notebook, cell, source and error text on any error output (nbconvert itself says little).
 *
 *   npm run test:notebooks                 # all notebooks
 *   npm run test:notebooks -- 02 03        # those whose file names start with 02 or 03
 *   npm run test:notebooks -- --in-process # without Jupyter: the kernel's compiler and executor
 *
 * Notebooks run side by side, one per core. Where `jupyter nbconvert` is not installed, or with
 * `--in-process`, each runs in a Node process of its own with tslab's compiler and executor (the
 * kernel's code path, runtime/notebooks/inprocess.ts) and only the executed .ipynb is written.
 */
import { spawn } from "child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { availableParallelism } from "os";
import { basename, join, relative } from "path";
import { jupyterEnv, ROOT, writeBuildKernelSpec, KERNEL_NAME } from "../kernel/spec";
import { INSTALL_HINT, hasJupyter } from "./jupyter";
import { findProblems, formatProblem, listNotebooks, readNotebook, type Notebook } from "./nbformat";
import { plotlyBundle } from "../../lib/plot/loader";
import { parseCommandLine, usageText, UsageError } from "../../lib/util/cli-args";

const PLOTLY_FILE = "plotly-cartesian.min.js";

/**
 * Let an exported page draw its plots from build/notebooks/ alone, online or not: a copy of
 * plotly.js beside it, loaded in its head (each plot's script then finds `window.Plotly`).
 */
function withPlotly(htmlFile: string): void {
  const html = readFileSync(htmlFile, "utf8");
  if (html.includes(`src="${PLOTLY_FILE}"`)) return;
  writeFileSync(htmlFile, html.replace("</head>", `<script src="${PLOTLY_FILE}"></script>\n</head>`));
}

/** Run `jupyter <args>` without blocking; resolves with its exit status and stderr. */
function jupyterAsync(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("jupyter", args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", (e) => resolve({ status: null, stderr: e.message }));
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

/** Execute one notebook in a child process of its own, without Jupyter; see the header. */
async function runInProcess(path: string, outDir: string): Promise<{ ok: boolean; text: string }> {
  const name = relative(ROOT, path);
  const t0 = Date.now();
  const executed = join(outDir, basename(path));
  rmSync(executed, { force: true });
  const child = join(ROOT, "runtime", "notebooks", "execute-child.ts");
  const run = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", child, path, executed], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    p.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    p.on("error", (e) => resolve({ status: null, stderr: e.message }));
    p.on("close", (status) => resolve({ status, stderr }));
  });
  if (run.status !== 0 || !existsSync(executed)) {
    return { ok: false, text: `✗ ${name}: the in-process run failed\n${run.stderr}` };
  }
  return report(name, readNotebook(executed), t0, true);
}

/**
 * The result line of an executed notebook: its time, or every cell with error output. The
 * in-process run numbers every cell it runs, so there an unnumbered cell did not run (the course
 * kernel in Jupyter leaves the numbers out).
 */
function report(name: string, nb: Notebook, t0: number, numbered = false): { ok: boolean; text: string } {
  const problems = findProblems(nb);
  if (problems.length > 0) return { ok: false, text: problems.map((p) => `✗ ${formatProblem(name, p)}`).join("\n") };
  const unrun = nb.cells.filter((c) => c.cell_type === "code" && c.execution_count == null).length;
  if (numbered && unrun > 0) return { ok: false, text: `✗ ${name}: ${unrun} code cells did not run` };
  return { ok: true, text: `✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)` };
}

/** Execute one notebook and export its HTML; returns the lines to print and whether it passed. */
async function runOne(path: string, env: NodeJS.ProcessEnv, outDir: string): Promise<{ ok: boolean; text: string }> {
  const name = relative(ROOT, path);
  const t0 = Date.now();
  const run = await jupyterAsync(
    [
      "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
      `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`, "--ExecutePreprocessor.timeout=600",
      "--output-dir", outDir, path,
    ],
    env,
  );
  const executed = join(outDir, basename(path));
  if (run.status !== 0) return { ok: false, text: `✗ ${name}: nbconvert failed\n${run.stderr}` };
  const result = report(name, readNotebook(executed), t0);
  const html = await jupyterAsync(["nbconvert", "--to", "html", "--output-dir", outDir, executed], env);
  if (html.status !== 0) return { ok: false, text: `✗ ${name}: HTML export failed\n${html.stderr}` };
  withPlotly(executed.replace(/\.ipynb$/, ".html"));
  return result;
}

const RUN_OPTIONS = {
  "in-process": {
    type: "boolean",
    help: "run each notebook in a Node process of its own, without Jupyter",
  },
} as const;
const USAGE = usageText("npm run test:notebooks -- [options] [name prefix ...]", RUN_OPTIONS);

async function main(): Promise<number> {
  const { values, positionals: filters } = parseCommandLine(process.argv.slice(2), RUN_OPTIONS);
  let inProcess = values["in-process"] === true;
  if (!inProcess && !hasJupyter("nbconvert")) {
    console.log(`jupyter nbconvert was not found: running the notebooks in process instead. ${INSTALL_HINT}`);
    inProcess = true;
  }
  const notebooks = listNotebooks(ROOT).filter(
    (p) => filters.length === 0 || filters.some((f) => basename(p).startsWith(f)),
  );
  const env = jupyterEnv(writeBuildKernelSpec());
  const outDir = join(ROOT, "build", "notebooks");
  mkdirSync(outDir, { recursive: true });
  if (!inProcess) copyFileSync(plotlyBundle(ROOT).file, join(outDir, PLOTLY_FILE));
  // One notebook per core at a time, longest-running (the last, MNIST) first; results are
  // printed as each finishes.
  const queue = [...notebooks].reverse();
  let failed = 0;
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const { ok, text } = inProcess ? await runInProcess(path, outDir) : await runOne(path, env, outDir);
      if (ok) console.log(text);
      else console.error(text);
      if (!ok) failed++;
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), notebooks.length) }, worker));
  const where = relative(process.cwd(), outDir) || ".";
  console.log(`Executed notebooks${inProcess ? "" : " and their HTML"} are in ${where}/`);
  const total = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`notebooks: ${notebooks.length - failed} passed, ${failed} failed (${total} s)`);
  return failed === 0 && notebooks.length > 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`notebooks: ${e instanceof Error ? e.message : String(e)}`);
    if (e instanceof UsageError) console.error(`\n${USAGE}`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  },
);
