/**
 * `npm start`: open the course.
 *  - With Jupyter installed: JupyterLab (or else Jupyter Notebook) rooted at the course folder,
 *    so its file browser reaches exercises/ too, and opened on notebooks/; the course kernel is
 *    available through JUPYTER_PATH (no install step needed).
 *  - Without Jupyter (or with `--static`): build the live course under build/site/ (the
 *    notebooks executed in process and rendered with their outputs, and their cells runnable
 *    in the browser, exercises and Check included) and serve that on localhost.
 *
 *   npm start                    # interactive if possible
 *   npm start -- --static        # the live course in the browser, even where Jupyter is installed
 *   npm start -- --port 8000     # the port (static site: default 8000, or a free one)
 *   npm start -- --no-browser    # other options go to Jupyter as they are
 */
import { spawn } from "child_process";
import { join } from "path";
import { jupyterEnv, ROOT, writeBuildKernelSpec } from "./kernel/spec";
import { INSTALL_HINT, hasJupyter, jupyter, jupyterArgs } from "./notebooks/jupyter";
import { buildSite } from "./site/build";
import { serve } from "./site/serve";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};

/** `--port`, checked before anything starts: a typo must not silently serve on another port. */
function portOption(): number {
  const text = args.includes("--port") ? option("--port", "") : "8000";
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    console.error(`--port: expected an integer from 1 to 65535, got ${text || "no value"}`);
    process.exit(2);
  }
  return port;
}
const port = portOption();

/** The major version of `jupyter <app>`, or 0 when it cannot be read. */
function majorVersion(app: string): number {
  const r = jupyter([app, "--version"], process.env, 60_000);
  return Number(/^(\d+)\./.exec(r?.stdout.trim() ?? "")?.[1] ?? 0);
}

function startJupyter(app: "lab" | "notebook"): void {
  const env = jupyterEnv(writeBuildKernelSpec());
  console.log(
    `Starting Jupyter ${app === "lab" ? "Lab" : "Notebook"} in the course folder, on notebooks/, with the course kernel...`,
  );
  const ours = new Set(["--static", "--port"]);
  const passThrough = args.filter((a, i) => !ours.has(a) && !(args[i - 1] === "--port"));
  if (args.includes("--port")) passThrough.push(`--port=${port}`);
  // Jupyter refuses to run as root unless told; containers and cloud IDEs often are root.
  if (process.getuid?.() === 0 && !passThrough.includes("--allow-root"))
    passThrough.push("--allow-root");
  const appArgs = jupyterArgs(app, app === "notebook" ? majorVersion("notebook") : 0, ROOT);
  const child = spawn("jupyter", [...appArgs, ...passThrough], { env, stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
}

async function startStatic(jupyterInstalled: boolean): Promise<void> {
  const out = join(ROOT, "build", "site");
  console.log(
    "Executing the notebooks and building the live course (a few minutes: every notebook runs, the MNIST training included)...",
  );
  const failed = await buildSite(ROOT, out);
  if (failed.length > 0) console.log(`Note: ${failed.join(", ")} had error output (shown above).`);
  let served;
  try {
    served = await serve(out, port);
  } catch {
    served = await serve(out, 0); // the port is taken: any free one
  }
  console.log(`\nThe course is at ${served.url}  (Ctrl+C to stop)`);
  console.log(
    "Its cells run in your browser (Run All on a notebook page); exercises open in the page's " +
      "editor, and Check grades them there.",
  );
  console.log(
    jupyterInstalled
      ? "To work in Jupyter with the course kernel instead, run `npm start` without --static."
      : INSTALL_HINT.replace(
          "Install Jupyter for interactive work",
          "To work in Jupyter with the course kernel instead, install Jupyter",
        ),
  );
}

function main(): void {
  const lab = hasJupyter("lab");
  const notebook = !lab && hasJupyter("notebook");
  if (!flag("--static") && lab) startJupyter("lab");
  else if (!flag("--static") && notebook) startJupyter("notebook");
  else void startStatic(lab || notebook || hasJupyter("notebook"));
}

main();
