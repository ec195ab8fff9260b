/**
 * The live course's JavaScript, built with esbuild at site-build time:
 *  - live/worker.js: the cell runner (worker.ts) with sucrase and acorn, the whole of lib/ as a
 *    table of modules by path ("lib", "lib/plot", "lib/util/exercise", ...) and mathjs, for
 *    browsers. lib's few Node-only modules are swapped for browser ones with the same exports:
 *    lib/util/tslab.ts (the display writer), lib/data/files.ts (data files),
 *    lib/util/grade-check.ts (grading in the worker), and Node's
 *    built-ins `fs`, `path` and `module` (shims/node-builtins.ts); `Buffer` and `process`
 *    come from shims/globals.ts.
 *  - live/page.js: the page's controls (page.ts) and the output renderer of the static site;
 *  - live/editor.js: the exercise editor (editor.ts, CodeMirror), loaded when it is opened;
 *  - live/types.js and live/types/: the type checker (types-bundle.ts).
 */
import { build, type Plugin } from "esbuild";
import { readdirSync, statSync } from "fs";
import { join, relative, sep } from "path";
import { buildTypes } from "./types-bundle";

const LIVE = __dirname;
const SHIMS = join(LIVE, "shims");

/** lib's modules that the browser bundle replaces: path from lib/ without .ts -> shim file. */
const SUBSTITUTES: Record<string, string> = {
  "util/tslab": join(SHIMS, "tslab.ts"),
  "data/files": join(SHIMS, "data-files.ts"),
  "util/grade-check": join(SHIMS, "grade-check.ts"),
};

const NODE_BUILTINS = /^(node:)?(fs|path|module)$/;

/** lib's modules for the course's command lines (Node's parseArgs), which no cell imports. */
const NODE_ONLY = ["util/cli-args"];

/** Every module of lib/ that a cell may import, by its import path from the course root. */
export function libModules(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) {
        if (name !== "asm") walk(file);
      } else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) {
        const key = relative(root, file).split(sep).join("/").replace(/\.ts$/, "");
        if (NODE_ONLY.includes(key.slice("lib/".length))) continue;
        const shim = SUBSTITUTES[key.slice("lib/".length)];
        out[key.replace(/\/index$/, "")] = shim ?? file;
      }
    }
  };
  walk(join(root, "lib"));
  return out;
}

function substitutes(root: string, extra: Record<string, string>): Plugin {
  const lib = join(root, "lib");
  const table: Record<string, string> = { ...SUBSTITUTES, ...extra };
  return {
    name: "optkit-browser-substitutes",
    setup(b) {
      b.onResolve({ filter: NODE_BUILTINS }, () => ({ path: join(SHIMS, "node-builtins.ts") }));
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = relative(lib, join(args.resolveDir, args.path))
          .split(sep)
          .join("/")
          .replace(/\.ts$/, "");
        const shim = table[target];
        return shim ? { path: shim } : undefined;
      });
    },
  };
}

export interface LiveBuild {
  files: string[];
  seconds: number;
}

/** Build live/worker.js and live/page.js into `outDir`. */
export async function buildLive(
  root: string,
  outDir: string,
  plotlyVersion: string,
  extra: { substitutes?: Record<string, string>; modules?: Record<string, string> } = {},
): Promise<LiveBuild> {
  const t0 = Date.now();
  const modules = { ...libModules(root), ...(extra.modules ?? {}) };
  const keys = Object.keys(modules).sort();
  const entry = [
    `import { startWorker } from ${JSON.stringify(join(LIVE, "worker.ts"))};`,
    `import * as mathjs from "mathjs";`,
    ...keys.map((k, i) => `import * as m${i} from ${JSON.stringify(modules[k])};`),
    `startWorker({ mathjs, ${keys.map((k, i) => `${JSON.stringify(k)}: m${i}`).join(", ")} });`,
  ].join("\n");
  const common = {
    bundle: true,
    minify: true,
    format: "iife" as const,
    platform: "browser" as const,
    target: "es2022",
    legalComments: "none" as const,
    logLevel: "warning" as const,
  };
  await build({
    ...common,
    stdin: { contents: entry, resolveDir: root, sourcefile: "live-worker-entry.ts", loader: "ts" },
    outfile: join(outDir, "live", "worker.js"),
    plugins: [substitutes(root, extra.substitutes ?? {})],
    inject: [join(SHIMS, "globals.ts")],
    define: {
      OPTKIT_PLOTLY_VERSION: JSON.stringify(plotlyVersion),
      __filename: JSON.stringify("/lib/util/mathjs.js"),
    },
  });
  await build({
    ...common,
    entryPoints: [join(LIVE, "page.ts")],
    outfile: join(outDir, "live", "page.js"),
    plugins: [substitutes(root, {})],
  });
  await build({
    ...common,
    entryPoints: [join(LIVE, "editor.ts")],
    outfile: join(outDir, "live", "editor.js"),
  });
  await buildTypes(root, outDir);
  return {
    files: ["worker.js", "page.js", "editor.js", "types.js"].map((f) => join(outDir, "live", f)),
    seconds: (Date.now() - t0) / 1000,
  };
}
