/**
 * `npm start`: open the course.
 *  - With Jupyter installed: JupyterLab (or else classic Notebook) on notebooks/, with the course
 *    kernel available through JUPYTER_PATH (no install step needed).
 *  - Without Jupyter (or with `--static`): execute the notebooks in process, render them to
 *    HTML under build/site/ and serve that on localhost.
 *
 *   npm start                    # interactive if possible
 *   npm start -- --static        # the rendered course, even where Jupyter is installed
 *   npm start -- --port 8000     # the port for the static site (default 8000, or a free one)
 *   npm start -- --no-browser    # other options go to Jupyter as they are
 */
import { spawn } from "child_process";
import { join } from "path";
import { jupyterEnv, ROOT, writeBuildKernelSpec } from "./kernel/spec";
import { INSTALL_HINT, hasJupyter } from "./notebooks/jupyter";
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

function startJupyter(app: "lab" | "notebook"): void {
  const env = jupyterEnv(writeBuildKernelSpec());
  console.log(
    `Starting Jupyter ${app === "lab" ? "Lab" : "Notebook"} on notebooks/ with the course kernel...`,
  );
  const ours = new Set(["--static", "--port"]);
  const passThrough = args.filter((a, i) => !ours.has(a) && !(args[i - 1] === "--port"));
  // Jupyter refuses to run as root unless told; containers and cloud IDEs often are root.
  if (process.getuid?.() === 0 && !passThrough.includes("--allow-root"))
    passThrough.push("--allow-root");
  const dir = `--notebook-dir=${join(ROOT, "notebooks")}`;
  const child = spawn("jupyter", [app, dir, ...passThrough], {
    env,
    stdio: "inherit",
  });
  child.on("exit", (code) => process.exit(code ?? 0));
}

async function startStatic(): Promise<void> {
  const out = join(ROOT, "build", "site");
  console.log("Executing the notebooks and rendering the course (about a minute)...");
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
    INSTALL_HINT.replace(
      "Install Jupyter for interactive work",
      "For interactive notebooks, install Jupyter",
    ),
  );
}

if (!flag("--static") && hasJupyter("lab")) startJupyter("lab");
else if (!flag("--static") && hasJupyter("notebook")) startJupyter("notebook");
else void startStatic();
