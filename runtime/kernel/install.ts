/**
 * `npm run kernel:install`: register "TypeScript (optkit)" in the user's Jupyter data directory,
 * where Jupyter Notebook, JupyterLab and VS Code all look for kernels.
 */
import { homedir } from "os";
import { join } from "path";
import { KERNEL_DISPLAY_NAME, prebuildLibCache, writeKernelSpec } from "./spec";

/** Jupyter's per-user data directory, as jupyter_core computes it. */
export function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === "darwin") return join(homedir(), "Library", "Jupyter");
  if (process.platform === "win32") {
    return join(process.env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "jupyter");
  }
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter");
}

const dir = writeKernelSpec(userDataDir());
prebuildLibCache();
console.log(`Installed the "${KERNEL_DISPLAY_NAME}" kernel in ${dir}`);
console.log("Pick it in Jupyter or VS Code; `jupyter kernelspec list` shows it.");
