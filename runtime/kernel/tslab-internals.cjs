// @ts-check
/**
 * Everything the course's scripts take from tslab beyond its public API, in one place.
 *
 * tslab (the TypeScript kernel) offers a command line and `import * as tslab from "tslab"` for
 * displays; the course needs more of it, and all of that lives here:
 *  - its kernel entry point, `tslab/dist/main` `startKernel` (the launcher runs the course's own
 *    copy from the course root);
 *  - its compiler, executor and message handler (`tslab/dist/converter`, `executor`, `jupyter`),
 *    to run notebook cells inside a Node process the way the kernel does (tests, `npm start`);
 *  - the running cell's display writer, `lastWriteDisplayData` of `tslab/dist/jupyter` (lib reads
 *    it in lib/util/tslab.ts; a runner clears it after each cell);
 *  - the fix for folder imports: `tspath.normalizeJoin` wrapped so that `./lib` finds
 *    `lib/index` (tslab's loader looks for `lib.js` only);
 *  - the TypeScript that tslab embeds (`@tslab/typescript-for-tslab`), whose `ts.sys` the kernel's
 *    library cache redirects;
 *  - Node's loader for `.ts` files (`Module._extensions[".ts"]`), which ts-node installs and which
 *    must not load a file tslab failed to compile.
 *
 * `checkTslabInternals` says, in one sentence per item, what no longer matches; the test
 * test/notebooks/tslab-internals.test.ts runs it, so a tslab update that moves any of these
 * fails there first, with that sentence, instead of deep inside a notebook run.
 */
const fs = require("fs");
const Module = require("module");
const path = require("path");

/** The tslab release these internals were read from. */
const TSLAB_VERSION = "1.0.22";

/** tslab's installed folder under the course root. */
const tslabDir = (/** @type {string} */ root) => path.join(root, "node_modules", "tslab");

/**
 * One of tslab's internal modules, `tslab/dist/<name>.js`, from the course's own node_modules.
 * @param {string} root @param {string} name
 * @returns {any}
 */
function tslabModule(root, name) {
  return require(path.join(tslabDir(root), "dist", `${name}.js`));
}

/** The TypeScript that tslab compiles cells with (not the project's own). @returns {any} */
function tslabTypeScript(/** @type {string} */ root) {
  return require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir(root)] }));
}

/**
 * Let cells import a folder (`import { Rng } from "./lib"`), as TypeScript allows: tslab
 * compiles the folder's index.ts, but its runtime loader maps `./lib` to the file `lib.js` only.
 * The loader builds that name with `tspath.normalizeJoin`; the wrapper turns a path naming a
 * folder with an index.ts (and no sibling file of the same name) into `<folder>/index`.
 * @param {string} root
 */
function patchFolderImports(root) {
  const tspath = tslabModule(root, "tspath");
  if (tspath.normalizeJoin.optkitPatched) return;
  const original = tspath.normalizeJoin;
  /** @param {string[]} parts */
  const patched = (...parts) => {
    const p = original(...parts);
    if (path.extname(p) !== "" || fs.existsSync(p + ".ts")) return p;
    return fs.existsSync(path.join(p, "index.ts")) ? `${p}/index` : p;
  };
  patched.optkitPatched = true;
  tspath.normalizeJoin = patched;
}

/** Start tslab's Jupyter kernel on `connectionFile`, in the current working directory. */
function startKernel(/** @type {string} */ root, /** @type {string} */ connectionFile) {
  tslabModule(root, "main").startKernel({
    configPath: connectionFile,
    enableFindLocal: false,
    jsKernel: false,
  });
}

/**
 * @typedef {object} DisplayMessage one display output, as tslab sends it
 * @property {Record<string, unknown>} data
 * @property {Record<string, unknown>} metadata
 * @property {{ display_id?: string }=} transient
 */

/**
 * @typedef {object} CellRunner tslab's own cell pipeline in this process, as in one kernel
 * @property {(code: string, onStream: (name: string, chunk: string) => void,
 *   onDisplay: (msg: DisplayMessage, update: boolean) => void) => Promise<boolean>} execute
 *   runs one cell; true when it succeeded
 * @property {() => void} close stops tslab's file watchers
 */

/**
 * tslab's compiler, executor and message handler for cells run in this process (the current
 * working directory must be the course root, as in the kernel). One per process at a time.
 * @param {string} root
 * @returns {CellRunner}
 */
function createCellRunner(root) {
  const { createConverter } = tslabModule(root, "converter");
  const { createExecutor } = tslabModule(root, "executor");
  const jupyter = tslabModule(root, "jupyter");
  const node = createConverter({ isJS: false, isBrowser: false });
  const executor = createExecutor(
    root,
    { node, browser: node, close: () => node.close() },
    {
      log: (/** @type {unknown[]} */ ...args) => globalThis.console.log(...args),
      error: (/** @type {unknown[]} */ ...args) => globalThis.console.error(...args),
    },
  );
  const handler = new jupyter.JupyterHandlerImpl(executor, false);
  return {
    async execute(code, onStream, onDisplay) {
      try {
        const reply = await handler.handleExecute({ code }, onStream, onDisplay);
        return reply.status === "ok";
      } finally {
        // Displays from the host after the cell (e.g. a later test) must not land in this cell.
        jupyter.lastWriteDisplayData = null;
      }
    },
    close() {
      executor.close();
      node.close();
    },
  };
}

/** Node's loader for `.ts` files (ts-node's, when it is registered), or undefined. */
function getTsLoader() {
  return /** @type {any} */ (Module)._extensions[".ts"];
}

/** Install `loader` as Node's loader for `.ts` files; undefined removes it. */
function setTsLoader(/** @type {Function | undefined} */ loader) {
  const ext = /** @type {any} */ (Module)._extensions;
  if (loader) ext[".ts"] = loader;
  else delete ext[".ts"];
}

/**
 * What the kernel's library cache needs of tslab's TypeScript and no longer finds there.
 * @param {string} root
 * @param {any} ts tslab's TypeScript, or undefined for the course's
 * @returns {string[]}
 */
function typeScriptProblems(root, ts) {
  /** @type {string[]} */
  const problems = [];
  let typescript = ts;
  if (typescript === undefined) {
    try {
      typescript = tslabTypeScript(root);
    } catch (e) {
      problems.push(
        `@tslab/typescript-for-tslab does not load (${/** @type {Error} */ (e).message})`,
      );
    }
  }
  if (typescript) {
    for (const key of ["fileExists", "readFile", "getModifiedTime", "watchFile"]) {
      if (typeof typescript.sys?.[key] !== "function") {
        problems.push(
          `tslab's TypeScript: ts.sys.${key} is gone (the kernel's library cache replaces it)`,
        );
      }
    }
    const kinds = typescript.FileWatcherEventKind;
    if (typeof kinds?.Changed !== "number" || typeof kinds?.Deleted !== "number") {
      problems.push("tslab's TypeScript: ts.FileWatcherEventKind.Changed/Deleted are gone");
    }
  }
  return problems;
}

/**
 * The installed tslab's version, "unknown" without its package.json.
 * @param {string} root
 */
function installedVersion(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(tslabDir(root), "package.json"), "utf8")).version;
  } catch {
    return "unknown";
  }
}

/**
 * What of the above no longer matches the installed tslab: one sentence per mismatch, empty
 * when everything is in place. `load` and `ts` default to the course's tslab (tests pass others).
 * @param {string} root
 * @param {(name: string) => any} [load] tslab's internal module `name`
 * @param {any} [ts] tslab's TypeScript
 * @returns {string[]}
 */
function checkTslabInternals(root, load = (name) => tslabModule(root, name), ts = undefined) {
  /** @type {string[]} */
  const problems = [];
  /** @param {string} name @returns {any} */
  const mod = (name) => {
    try {
      return load(name);
    } catch (e) {
      problems.push(`tslab/dist/${name}.js does not load (${/** @type {Error} */ (e).message})`);
      return null;
    }
  };
  /** @param {any} m @param {string} where @param {string} key @param {string} what */
  const expectFunction = (m, where, key, what) => {
    if (m !== null && typeof m[key] !== "function") {
      problems.push(`${where}: ${key} is no longer a function (the course uses it to ${what})`);
    }
  };
  const main = mod("main");
  expectFunction(
    main,
    "tslab/dist/main.js",
    "startKernel",
    "start the kernel from the course root",
  );
  const converter = mod("converter");
  expectFunction(converter, "tslab/dist/converter.js", "createConverter", "run cells in process");
  const executor = mod("executor");
  expectFunction(executor, "tslab/dist/executor.js", "createExecutor", "run cells in process");
  const jupyter = mod("jupyter");
  if (jupyter !== null) {
    const proto = jupyter.JupyterHandlerImpl?.prototype;
    if (typeof proto?.handleExecute !== "function" || proto.handleExecute.length !== 3) {
      problems.push(
        "tslab/dist/jupyter.js: JupyterHandlerImpl.handleExecute(request, writeStream, " +
          "writeDisplayData) is gone or takes other arguments (the course runs cells with it)",
      );
    }
    if (!("lastWriteDisplayData" in jupyter)) {
      problems.push(
        "tslab/dist/jupyter.js: lastWriteDisplayData (the running cell's display writer) is " +
          "gone; lib/util/tslab.ts reads it for displays that update in place",
      );
    }
  }
  const tspath = mod("tspath");
  expectFunction(tspath, "tslab/dist/tspath.js", "normalizeJoin", "let cells import ./lib");
  // The folder-import fix works only while the loader calls normalizeJoin through the module
  // object (so that the wrapped function is the one called).
  const executorFile = path.join(tslabDir(root), "dist", "executor.js");
  const executorSource = fs.existsSync(executorFile) ? fs.readFileSync(executorFile, "utf8") : "";
  if (executor !== null && !/tspath_1\.normalizeJoin\)\(dirname, id\)/.test(executorSource)) {
    problems.push(
      "tslab/dist/executor.js: the module loader no longer builds file names with " +
        "tspath.normalizeJoin(dirname, id), so wrapping it cannot make ./lib find lib/index",
    );
  }
  problems.push(...typeScriptProblems(root, ts));
  if (typeof (/** @type {any} */ (Module)._extensions?.[".js"]) !== "function") {
    problems.push("Node's Module._extensions (where ts-node's .ts loader is taken away) is gone");
  }
  if (problems.length > 0) {
    const version = installedVersion(root);
    problems.unshift(
      `tslab ${version} no longer provides what runtime/kernel/tslab-internals.cjs ` +
        `(written for tslab ${TSLAB_VERSION}) takes from it:`,
    );
  }
  return problems;
}

module.exports = {
  TSLAB_VERSION,
  checkTslabInternals,
  createCellRunner,
  getTsLoader,
  patchFolderImports,
  setTsLoader,
  startKernel,
  tslabModule,
  tslabTypeScript,
};
