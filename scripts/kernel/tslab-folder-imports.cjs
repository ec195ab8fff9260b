// @ts-check
/**
 * Let notebook cells import a folder (`import { Rng } from "./lib"`), as TypeScript allows.
 *
 * tslab compiles the folder's index.ts fine, but its runtime loader maps a request `./lib` to
 * the file `lib.js` only, so the compiled `lib/index.js` is never found. Its loader builds that
 * file name with `tspath.normalizeJoin`; we wrap that one function so that a path naming a folder
 * with an index.ts (and no sibling file of the same name) becomes `<folder>/index`.
 * Required by the kernel launcher and by the in-process notebook executor.
 */
const fs = require("fs");
const path = require("path");

/** @param {string} root the course root, whose node_modules holds tslab */
function patchTslabFolderImports(root) {
  const tspath = require(path.join(root, "node_modules", "tslab", "dist", "tspath.js"));
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

module.exports = { patchTslabFolderImports };
