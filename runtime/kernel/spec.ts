/**
 * The course's Jupyter kernel spec, "TypeScript (optkit)". Its argv starts this Node binary on
 * runtime/kernel/launch.cjs, so neither `tslab` on PATH nor any Python is involved.
 */
import { mkdirSync, writeFileSync } from "fs";
import { createRequire } from "module";
import { join, resolve } from "path";

export const KERNEL_NAME = "optkit";
export const KERNEL_DISPLAY_NAME = "TypeScript (optkit)";

/** The course root: the folder holding package.json, two levels above this file. */
export const ROOT = resolve(__dirname, "..", "..");

/** The kernel.json object for this checkout and this Node. */
export function kernelSpec(node = process.execPath): Record<string, unknown> {
  return {
    argv: [node, join(ROOT, "runtime", "kernel", "launch.cjs"), "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { debugger: false },
  };
}

/**
 * Write `<dataDir>/kernels/optkit/kernel.json` and return the kernel folder. `dataDir` is a
 * Jupyter data directory: one named in JUPYTER_PATH, or the user's.
 */
export function writeKernelSpec(dataDir: string): string {
  const dir = join(dataDir, "kernels", KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n");
  return dir;
}

/**
 * Compile the library for the kernel now (runtime/kernel/lib-cache.cjs) unless lib/ is unchanged
 * since the last time, so that the first kernel started does not wait for it and kernels started
 * together do not each compile it. OPTKIT_KERNEL_CACHE=0 turns the cache off.
 */
export function prebuildLibCache(): void {
  if (process.env.OPTKIT_KERNEL_CACHE === "0") return;
  const req = createRequire(join(ROOT, "index.js"));
  const cache = req(join(__dirname, "lib-cache.cjs")) as { buildLibCache(root: string): unknown };
  cache.buildLibCache(ROOT);
}

/**
 * The private Jupyter data dir under build/ that `npm start` and `npm run test:notebooks` use, with
 * the kernel spec written and the library compiled for the kernel.
 */
export function writeBuildKernelSpec(): string {
  const dataDir = join(ROOT, "build", "jupyter");
  writeKernelSpec(dataDir);
  prebuildLibCache();
  return dataDir;
}

/** Environment for a Jupyter process that should see the course kernel. */
export function jupyterEnv(dataDir: string): NodeJS.ProcessEnv {
  const prev = process.env.JUPYTER_PATH;
  const sep = process.platform === "win32" ? ";" : ":";
  return { ...process.env, JUPYTER_PATH: prev ? `${dataDir}${sep}${prev}` : dataDir };
}
