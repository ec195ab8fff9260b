/** Finding and calling the Jupyter command-line tools, if installed. */
import { spawnSync, SpawnSyncReturns } from "child_process";

/** Run `jupyter <args>`; null when Jupyter (or that subcommand) is not installed. */
export function jupyter(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 600_000,
): SpawnSyncReturns<string> | null {
  const r = spawnSync("jupyter", args, { env, encoding: "utf8", timeout: timeoutMs });
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT") return null;
  return r;
}

/** Whether `jupyter <sub> --version` works (e.g. "nbconvert", "notebook", "lab"). */
export function hasJupyter(sub: string): boolean {
  const r = jupyter([sub, "--version"], process.env, 60_000);
  return r !== null && r.status === 0;
}

export const INSTALL_HINT =
  "Install Jupyter for interactive work: `sudo apt-get install jupyter-notebook` on Debian/Ubuntu, " +
  "or `pip install notebook` (or `pip install jupyterlab`).";

/**
 * The command-line arguments that root Jupyter at the course folder and open it on notebooks/.
 * The page it opens on is the app's `default_url`, whose owner differs: JupyterLab's LabApp,
 * Notebook 7's JupyterNotebookApp, classic Notebook's NotebookApp.
 */
export function jupyterArgs(
  app: "lab" | "notebook",
  notebookMajor: number,
  root: string,
): string[] {
  const [owner, url] =
    app === "lab"
      ? ["LabApp", "/lab/tree/notebooks"]
      : notebookMajor >= 7
        ? ["JupyterNotebookApp", "/tree/notebooks"]
        : ["NotebookApp", "/tree/notebooks"];
  return [app, `--notebook-dir=${root}`, `--${owner}.default_url=${url}`];
}
