/**
 * `npm run notebooks`: execute every course notebook in real Jupyter with the course kernel,
 * write the executed .ipynb and an .html of each to build/notebooks/, and fail with the
 * notebook, cell, source and error text on any error output (nbconvert itself says little).
 *
 *   npm run notebooks                 # all notebooks
 *   npm run notebooks -- 02 03        # those whose file names start with 02 or 03
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { basename, join, relative } from "path";
import { jupyterEnv, ROOT, writeBuildKernelSpec, KERNEL_NAME } from "../kernel/spec";
import { INSTALL_HINT, hasJupyter, jupyter } from "./jupyter";
import { findProblems, formatProblem, listNotebooks, readNotebook } from "./nbformat";
import { plotlyBundle } from "../../lib/plot/loader";

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

function main(): number {
  if (!hasJupyter("nbconvert")) {
    console.error(`jupyter nbconvert was not found. ${INSTALL_HINT}`);
    console.error("(`npm test` smoke-tests the notebooks without Jupyter.)");
    return 1;
  }
  const filters = process.argv.slice(2);
  const notebooks = listNotebooks(ROOT).filter(
    (p) => filters.length === 0 || filters.some((f) => basename(p).startsWith(f)),
  );
  const env = jupyterEnv(writeBuildKernelSpec());
  const outDir = join(ROOT, "build", "notebooks");
  mkdirSync(outDir, { recursive: true });
  copyFileSync(plotlyBundle(ROOT).file, join(outDir, PLOTLY_FILE));
  let failed = 0;
  for (const path of notebooks) {
    const name = relative(ROOT, path);
    const t0 = Date.now();
    const run = jupyter(
      [
        "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
        `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`, "--ExecutePreprocessor.timeout=600",
        "--output-dir", outDir, path,
      ],
      env,
    );
    const executed = join(outDir, basename(path));
    if (!run || run.status !== 0) {
      console.error(`✗ ${name}: nbconvert failed\n${run?.stderr ?? ""}`);
      failed++;
      continue;
    }
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    const problems = findProblems(readNotebook(executed));
    const html = jupyter(["nbconvert", "--to", "html", "--output-dir", outDir, executed], env);
    if (!html || html.status !== 0) {
      console.error(`✗ ${name}: HTML export failed\n${html?.stderr ?? ""}`);
      failed++;
    } else {
      withPlotly(executed.replace(/\.ipynb$/, ".html"));
      if (problems.length > 0) {
        for (const p of problems) console.error(`✗ ${formatProblem(name, p)}`);
        failed++;
      } else {
        console.log(`✓ ${name} (${seconds} s)`);
      }
    }
  }
  const where = relative(process.cwd(), outDir) || ".";
  console.log(`Executed notebooks and their HTML are in ${where}/`);
  console.log(`notebooks: ${notebooks.length - failed} passed, ${failed} failed`);
  return failed === 0 && notebooks.length > 0 ? 0 : 1;
}

process.exitCode = main();
