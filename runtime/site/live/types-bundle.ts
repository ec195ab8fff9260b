/**
 * The type checker's files, at site-build time: live/types.js (types-worker.ts with the
 * `typescript` package, bundled by esbuild) and live/types/: TypeScript's ES2022 library
 * declarations, the sources of lib/ and the types of the packages lib imports, with the list
 * of them all (files.json, paths from the checker's root "/").
 */
import { build } from "esbuild";
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from "fs";
import { dirname, join, relative, sep } from "path";

/** Every file under `dir` whose name passes `keep`, as paths relative to `dir`. */
function walk(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) {
      return name === "asm" ? [] : walk(file, keep).map((f) => join(name, f));
    }
    return keep(name) ? [name] : [];
  });
}

export async function buildTypes(root: string, outDir: string): Promise<void> {
  const out = join(outDir, "live", "types");
  const listed: string[] = [];
  const copy = (from: string, to: string) => {
    mkdirSync(dirname(join(out, to)), { recursive: true });
    cpSync(from, join(out, to));
    listed.push("/" + to.split(sep).join("/"));
  };
  const tsLib = join(root, "node_modules", "typescript", "lib");
  for (const f of readdirSync(tsLib).filter((f) =>
    /^lib\.(es\d+|es5|decorators)[\w.]*\.d\.ts$/.test(f),
  )) {
    copy(join(tsLib, f), join("ts-lib", f));
  }
  for (const f of walk(join(root, "lib"), (n) => n.endsWith(".ts"))) {
    copy(join(root, "lib", f), join("lib", f));
  }
  for (const pkg of ["mathjs", "@types/seedrandom"]) {
    const dir = join(root, "node_modules", pkg);
    copy(join(dir, "package.json"), join("node_modules", pkg, "package.json"));
    for (const f of walk(dir, (n) => n.endsWith(".d.ts"))) {
      if (!relative(dir, join(dir, f)).startsWith("node_modules")) {
        copy(join(dir, f), join("node_modules", pkg, f));
      }
    }
  }
  writeFileSync(join(out, "files.json"), JSON.stringify(listed));
  await build({
    entryPoints: [join(__dirname, "types-worker.ts")],
    outfile: join(outDir, "live", "types.js"),
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    logLevel: "warning",
  });
}
