/**
 * The site's service worker, written last by the site build: sw.js at the root, with the list
 * of files to store for offline use and a version, the SHA-256 of those files' paths and
 * contents (so a rebuild that changes any of them installs a new cache, and one that changes
 * nothing keeps the old). See live/service-worker.ts.
 */
import { createHash } from "crypto";
import { build } from "esbuild";
import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative, sep } from "path";

/**
 * Files a page never asks for: KaTeX's sources and its fonts in the older formats (every
 * browser that runs a service worker takes the woff2 ones), and the worker itself.
 */
function needed(path: string): boolean {
  if (path === "sw.js") return false;
  if (!path.startsWith("katex/")) return true;
  return path === "katex/katex.min.css" || /^katex\/fonts\/.*\.woff2$/.test(path);
}

/** The site's files to store, as paths from its root with `/`, sorted. */
export function offlineFiles(outDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else out.push(relative(outDir, file).split(sep).join("/"));
    }
  };
  walk(outDir);
  return out.filter(needed).sort();
}

/** Write `outDir/sw.js`; returns its version and the number and bytes of the files it stores. */
export async function buildServiceWorker(
  outDir: string,
): Promise<{ version: string; files: number; bytes: number }> {
  const files = offlineFiles(outDir);
  const hash = createHash("sha256");
  let bytes = 0;
  for (const f of files) {
    const data = readFileSync(join(outDir, f));
    bytes += data.length;
    hash.update(f).update("\0").update(data);
  }
  const version = hash.digest("hex").slice(0, 16);
  await build({
    entryPoints: [join(__dirname, "live", "service-worker.ts")],
    outfile: join(outDir, "sw.js"),
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    logLevel: "warning",
    define: {
      OPTKIT_SW_VERSION: JSON.stringify(version),
      // "./" too: the site's address without a file name answers with index.html
      OPTKIT_SW_FILES: JSON.stringify(["./", ...files]),
    },
  });
  return { version, files: files.length, bytes };
}
