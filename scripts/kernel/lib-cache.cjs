// @ts-check
/**
 * A fast first import of the library in the kernel.
 *
 * tslab type-checks and compiles every .ts file a cell imports, on each kernel start: for
 * `import ... from "./lib"` that is the whole library, several seconds before the first cell
 * returns. The library changes far less often than kernels start, so the kernel compiles it once
 * into build/kernel-cache/<hash of lib's sources>/ (declarations and CommonJS, with tslab's own
 * TypeScript) and then shows tslab the declarations in place of lib's sources, while Node loads
 * the compiled JavaScript. Exercise files and cells are still compiled by tslab as before.
 *
 * Edits to lib/ while the kernel runs: the cache is rebuilt, tslab is told that the declarations
 * changed, and the library's modules are dropped from Node's cache, so the next cell that
 * imports ./lib sees the change (as with tslab's own compilation). If lib/ has a syntax error the
 * cache steps aside and tslab compiles the sources, reporting the error in the cell.
 */
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");

/** @param {string} dir @param {string[]} out @returns {string[]} lib's .ts sources, sorted */
function sources(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    // asm/ holds AssemblyScript, compiled by `npm run build:wasm`, never imported by lib.
    if (e.isDirectory() && e.name !== "asm") sources(p, out);
    else if (e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out.sort();
}

/**
 * Compile `files` into `outDir` (.js and .d.ts mirroring lib/). Returns false when a file has a
 * syntax error, so that tslab compiles (and reports) it instead.
 * @param {any} ts tslab's TypeScript @param {string} root @param {string[]} files @param {string} outDir
 */
function build(ts, root, files, outDir) {
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    esModuleInterop: true,
    resolveJsonModule: true,
    declaration: true,
    skipLibCheck: true,
    rootDir: root,
    outDir,
    types: ["node"],
  });
  if (program.getSyntacticDiagnostics().length > 0) return false;
  program.emit();
  return true;
}

/**
 * Install the cache for the kernel started in `root` (the course root, its working directory).
 * Call before tslab creates its compiler. Returns a function that takes it away again.
 * @param {string} root
 * @returns {() => void}
 */
function useLibCache(root) {
  const libDir = path.join(root, "lib");
  const tsPath = require.resolve("@tslab/typescript-for-tslab", {
    paths: [path.join(root, "node_modules", "tslab")],
  });
  const ts = require(tsPath);
  const cacheRoot = path.join(root, "build", "kernel-cache");

  /** The cache folder for lib's current sources (built if missing), or null to step aside. */
  function current() {
    const files = sources(libDir);
    const hash = crypto.createHash("sha256").update(`${ts.version}\n${process.version}\n`);
    for (const f of files) hash.update(`${path.relative(root, f)}\n`).update(fs.readFileSync(f));
    const dir = path.join(cacheRoot, hash.digest("hex").slice(0, 20));
    if (fs.existsSync(path.join(dir, "ok"))) return dir;
    const tmp = `${dir}.${process.pid}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!build(ts, root, files, tmp)) return null;
    fs.writeFileSync(path.join(tmp, "ok"), "");
    for (const old of fs.existsSync(cacheRoot) ? fs.readdirSync(cacheRoot) : []) {
      if (!old.endsWith(".tmp"))
        fs.rmSync(path.join(cacheRoot, old), { recursive: true, force: true });
    }
    try {
      fs.renameSync(tmp, dir);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another kernel built it first
    }
    return dir;
  }

  let cache = current();

  /** lib/x/y.ts (or .d.ts) -> the cached file with extension `ext`, or null if not in lib. */
  const cached = (/** @type {string} */ file, /** @type {string} */ ext) => {
    const rel = path.relative(libDir, path.resolve(file));
    if (cache === null || rel.startsWith("..") || path.isAbsolute(rel)) return null;
    const base = rel.replace(/(\.d)?\.ts$/, "");
    return base === rel ? null : path.join(cache, "lib", base + ext);
  };
  const isSource = (/** @type {string} */ f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f);

  // What tslab's compiler sees: lib's declarations where its sources are.
  const sys = ts.sys;
  const { fileExists, readFile, getModifiedTime, watchFile } = sys;
  sys.fileExists = (/** @type {string} */ f) => {
    const c = cached(f, ".d.ts");
    if (c === null) return fileExists.call(sys, f);
    return isSource(f) ? false : fs.existsSync(c);
  };
  sys.readFile = (/** @type {string} */ f, /** @type {string=} */ enc) => {
    const c = cached(f, ".d.ts");
    return c !== null && !isSource(f) && fs.existsSync(c)
      ? fs.readFileSync(c, "utf8")
      : readFile.call(sys, f, enc);
  };
  sys.getModifiedTime = (/** @type {string} */ f) => {
    const c = cached(f, ".d.ts");
    return c !== null && !isSource(f) && fs.existsSync(c)
      ? fs.statSync(c).mtime
      : getModifiedTime.call(sys, f);
  };
  /** @type {Map<string, Function>} tslab's watchers of the declarations it read */
  const watchers = new Map();
  sys.watchFile = (
    /** @type {string} */ f,
    /** @type {Function} */ cb,
    /** @type {any[]} */ ...rest
  ) => {
    if (cached(f, ".d.ts") === null || isSource(f)) return watchFile.call(sys, f, cb, ...rest);
    watchers.set(f, cb);
    return { close: () => watchers.delete(f) };
  };

  // What Node loads: the compiled JavaScript of lib's modules.
  const loadTs = /** @type {any} */ (Module)._extensions[".ts"];
  /** @type {any} */ (Module)._extensions[".ts"] = (
    /** @type {any} */ mod,
    /** @type {string} */ filename,
  ) => {
    const js = cached(filename, ".js");
    if (js !== null && fs.existsSync(js))
      return mod._compile(fs.readFileSync(js, "utf8"), filename);
    if (loadTs) return loadTs(mod, filename);
    throw new Error(`${filename}: a .ts file the kernel did not compile`);
  };

  // Edits to lib/: rebuild, tell tslab, forget the loaded modules.
  /** @type {NodeJS.Timeout | null} */
  let timer = null;
  const forgetModules = () => {
    for (const key of Object.keys(require.cache)) {
      if (!path.relative(libDir, key).startsWith("..")) delete require.cache[key];
    }
  };
  const refresh = () => {
    timer = null;
    const next = current();
    if (next === cache) return;
    cache = next;
    forgetModules();
    for (const [f, cb] of watchers) cb(f, ts.FileWatcherEventKind.Changed);
  };
  /** @type {fs.FSWatcher | null} */
  let watcher = null;
  try {
    watcher = fs.watch(libDir, { recursive: true, persistent: false }, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, 100);
    });
  } catch {
    // no recursive watching here: edits to lib/ take effect when the kernel restarts
  }

  return () => {
    watcher?.close();
    if (timer) clearTimeout(timer);
    Object.assign(sys, { fileExists, readFile, getModifiedTime, watchFile });
    forgetModules(); // the next session starts with fresh modules, as a fresh kernel does
    if (loadTs) /** @type {any} */ (Module)._extensions[".ts"] = loadTs;
    else delete (/** @type {any} */ (Module)._extensions[".ts"]);
  };
}

module.exports = { useLibCache };
