// @ts-check
/**
 * The course kernel's launcher: Jupyter runs `node launch.cjs {connection_file}`.
 *
 * tslab compiles local imports only under its working directory, and Jupyter starts a kernel
 * in the notebook's folder. So we move to the course root first: cells then import
 * `./lib` and `./exercises/...`, and tslab recompiles those files on the next import cell
 * after they change (folder imports such as `./lib` need a small fix, in tslab-internals.cjs
 * with everything else the course takes from tslab's internals). tslab is the project's own
 * copy, whatever is (or is not) on PATH.
 */
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error("usage: node launch.cjs <connection_file>");
  process.exit(2);
}
// Plots find plotly.js relative to the notebook (see lib/plot/loader.ts): remember its folder.
process.env.OPTKIT_NOTEBOOK_DIR = process.cwd();
process.chdir(root);
const tslab = require("./tslab-internals.cjs");
tslab.patchFolderImports(root);
// The library precompiled once, not on every kernel start (OPTKIT_KERNEL_CACHE=0 turns it off).
if (process.env.OPTKIT_KERNEL_CACHE !== "0") require("./lib-cache.cjs").useLibCache(root);
tslab.startKernel(root, connectionFile);
