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
const path = require("path");
const { getTsLoader, setTsLoader, tslabTypeScript } = require("./tslab-internals.cjs");

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
 * Parsed files by name, with the text they were parsed from. A rebuild after an edit to lib/
 * parses only what changed: TypeScript's standard library and @types/node, most of a build's
 * parsing, are reused (as TypeScript's own watch mode reuses unchanged files).
 * @type {Map<string, { text: string, file: any }>}
 */
const parsed = new Map();

/**
 * Compile `files` into `outDir` (.js and .d.ts mirroring lib/). Returns false when a file has a
 * syntax error, so that tslab compiles (and reports) it instead.
 * @param {any} ts tslab's TypeScript @param {any} realFs file access that sees lib's sources
 * @param {string} root @param {string[]} files @param {string} outDir
 */
function build(ts, realFs, root, files, outDir) {
  const options = {
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
  };
  const host = ts.createCompilerHost(options);
  host.fileExists = (/** @type {string} */ f) => realFs.fileExists.call(ts.sys, f);
  host.readFile = (/** @type {string} */ f) => realFs.readFile.call(ts.sys, f);
  const parse = host.getSourceFile;
  host.getSourceFile = (/** @type {string} */ f, /** @type {any[]} */ ...rest) => {
    const text = host.readFile(f);
    const hit = parsed.get(f);
    if (hit !== undefined && hit.text === text) return hit.file;
    const file = parse.call(host, f, ...rest);
    if (file !== undefined && text !== undefined) parsed.set(f, { text, file });
    return file;
  };
  const program = ts.createProgram(files, options, host);
  if (program.getSyntacticDiagnostics().length > 0) return false;
  program.emit();
  return true;
}

/**
 * @typedef {object} Root one course whose lib/ is served from the cache
 * @property {string} dir the course root
 * @property {string} libDir its lib/
 * @property {string | null} cache its cache folder, null when tslab compiles lib/ itself
 */

/** @type {Set<Root>} the courses served (one in the kernel; tests may open several) */
const roots = new Set();
/** @type {any} the functions replaced while any course is served, to put back after */
let saved = null;

/** The served course whose lib/ holds `file`, and the path inside lib/, or null. */
function owner(/** @type {string} */ file) {
  for (const r of roots) {
    const rel = path.relative(r.libDir, path.resolve(file));
    if (!rel.startsWith("..") && !path.isAbsolute(rel)) return { root: r, rel };
  }
  return null;
}

/** lib/x/y.ts (or .d.ts) -> its cached counterpart with extension `ext`, or null. */
function cached(/** @type {string} */ file, /** @type {string} */ ext) {
  const o = owner(file);
  if (o === null || o.root.cache === null) return null;
  const base = o.rel.replace(/(\.d)?\.ts$/, "");
  return base === o.rel ? null : path.join(o.root.cache, "lib", base + ext);
}

const isSource = (/** @type {string} */ f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f);

/** @type {Map<string, Set<Function>>} tslab's watchers of the cached declarations it read */
const watchers = new Map();

/** Replace tslab's view of lib/ and Node's loader for it (once, however many courses). */
function hook(/** @type {any} */ ts) {
  if (saved === null) {
    const { fileExists, readFile, getModifiedTime, watchFile } = ts.sys;
    saved = { ts, fileExists, readFile, getModifiedTime, watchFile, loadTs: getTsLoader() };
  }
  const { sys } = ts;
  const orig = saved;
  // What tslab's compiler sees: lib's declarations where its sources are.
  sys.fileExists = (/** @type {string} */ f) => {
    const c = cached(f, ".d.ts");
    if (c === null) return orig.fileExists.call(sys, f);
    return isSource(f) ? false : fs.existsSync(c);
  };
  sys.readFile = (/** @type {string} */ f, /** @type {string=} */ enc) => {
    const c = cached(f, ".d.ts");
    return c !== null && !isSource(f) && fs.existsSync(c)
      ? fs.readFileSync(c, "utf8")
      : orig.readFile.call(sys, f, enc);
  };
  sys.getModifiedTime = (/** @type {string} */ f) => {
    const c = cached(f, ".d.ts");
    return c !== null && !isSource(f) && fs.existsSync(c)
      ? fs.statSync(c).mtime
      : orig.getModifiedTime.call(sys, f);
  };
  sys.watchFile = (
    /** @type {string} */ f,
    /** @type {Function} */ cb,
    /** @type {any[]} */ ...rest
  ) => {
    if (cached(f, ".d.ts") === null || isSource(f)) return orig.watchFile.call(sys, f, cb, ...rest);
    const set = watchers.get(f) ?? new Set();
    watchers.set(f, set.add(cb));
    return { close: () => set.delete(cb) };
  };
  // What Node loads: the compiled JavaScript of lib's modules. Any other .ts file of a served
  // course is tslab's to provide; loading it here would hide that tslab did not.
  setTsLoader((/** @type {any} */ mod, /** @type {string} */ filename) => {
    const js = cached(filename, ".js");
    if (js !== null && fs.existsSync(js))
      return mod._compile(fs.readFileSync(js, "utf8"), filename);
    if (orig.loadTs && ![...roots].some((r) => !path.relative(r.dir, filename).startsWith(".."))) {
      return orig.loadTs(mod, filename);
    }
    throw new Error(`${filename}: a .ts file the kernel did not compile`);
  });
}

function unhook() {
  const { ts, fileExists, readFile, getModifiedTime, watchFile, loadTs } = saved;
  Object.assign(ts.sys, { fileExists, readFile, getModifiedTime, watchFile });
  setTsLoader(loadTs);
  saved = null;
}

/** Drop the modules of `libDir` from Node's cache, so that the next import loads them anew. */
function forgetModules(/** @type {string} */ libDir) {
  for (const key of Object.keys(require.cache)) {
    if (!path.relative(libDir, key).startsWith("..")) delete require.cache[key];
  }
}

/**
 * The cache folder for `root`'s lib/ as it is now, built if missing, or null (a syntax error: the
 * cache steps aside).
 * @param {any} ts tslab's TypeScript @param {any} realFs file access that sees lib's sources
 * @param {string} root
 * @returns {string | null}
 */
function currentCache(ts, realFs, root) {
  const libDir = path.join(root, "lib");
  const cacheRoot = path.join(root, "build", "kernel-cache");
  const files = sources(libDir);
  const hash = crypto.createHash("sha256").update(`${ts.version}\n${process.version}\n`);
  for (const f of files) hash.update(`${path.relative(root, f)}\n`).update(fs.readFileSync(f));
  const dir = path.join(cacheRoot, hash.digest("hex").slice(0, 20));
  if (fs.existsSync(path.join(dir, "ok"))) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  if (!build(ts, realFs, root, files, tmp)) return null;
  fs.writeFileSync(path.join(tmp, "ok"), "");
  try {
    fs.renameSync(tmp, dir);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another kernel built it first
  }
  // Builds for other versions of lib/ go once nothing can still be using them.
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of fs.readdirSync(cacheRoot)) {
    const other = path.join(cacheRoot, name);
    if (other !== dir && fs.statSync(other).mtimeMs < dayAgo) {
      fs.rmSync(other, { recursive: true, force: true });
    }
  }
  return dir;
}

/**
 * Build the cache for `root`'s lib/ now, if it is missing, without serving it: for the commands
 * that start kernels, so that the first kernel does not wait for it (and kernels started together
 * do not each build it). Returns the cache folder, or null when lib/ has a syntax error.
 * @param {string} root
 * @returns {string | null}
 */
function buildLibCache(root) {
  const ts = tslabTypeScript(root);
  return currentCache(
    ts,
    saved ?? { fileExists: ts.sys.fileExists, readFile: ts.sys.readFile },
    root,
  );
}

/**
 * Serve `root`'s lib/ from the cache (the course root; the kernel's working directory). Call
 * before tslab creates its compiler. Returns a function that stops it again.
 * @param {string} root
 * @returns {() => void}
 */
function useLibCache(root) {
  const ts = tslabTypeScript(root);
  const libDir = path.join(root, "lib");
  // Compile with the real file system, not the view given to tslab.
  const realFs = saved ?? { fileExists: ts.sys.fileExists, readFile: ts.sys.readFile };

  const current = () => currentCache(ts, realFs, root);

  /** @type {Root} */
  const me = { dir: root, libDir, cache: current() };
  roots.add(me);
  hook(ts);

  // Edits to lib/: rebuild, tell tslab, forget the loaded modules.
  /** @type {NodeJS.Timeout | null} */
  let timer = null;
  const refresh = () => {
    timer = null;
    const next = current();
    if (next === me.cache) return;
    me.cache = next;
    forgetModules(libDir);
    // A syntax error: the declarations are gone, so tslab looks for lib's sources again and
    // reports the error in the next cell that imports them.
    const event = next === null ? ts.FileWatcherEventKind.Deleted : ts.FileWatcherEventKind.Changed;
    for (const [f, set] of watchers) {
      if (path.relative(libDir, f).startsWith("..")) continue;
      for (const cb of set) cb(f, event);
    }
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
    roots.delete(me);
    forgetModules(libDir); // the next session starts with fresh modules, as a fresh kernel does
    if (roots.size === 0) unhook();
  };
}

module.exports = { buildLibCache, useLibCache };
