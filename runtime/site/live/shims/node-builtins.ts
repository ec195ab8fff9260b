/**
 * What lib's remaining Node built-in imports (`fs`, `path`, `module`) become in the browser
 * bundle. Only `createRequire(...)("mathjs")` (lib/util/mathjs.ts) is used there; the rest
 * belongs to Node-only paths (e.g. finding plotly.js on disk) and says so if ever called.
 */
import * as mathjs from "mathjs";

const nodeOnly = (name: string) => (): never => {
  throw new Error(`${name} is not available in the browser`);
};

export const readFileSync = nodeOnly("fs.readFileSync");
export const existsSync = nodeOnly("fs.existsSync");
export const realpathSync = nodeOnly("fs.realpathSync");
export const readdirSync = nodeOnly("fs.readdirSync");
export const sep = "/";
export const join = (...parts: string[]): string => parts.join("/").replace(/\/+/g, "/");
export const dirname = (p: string): string => p.replace(/\/[^/]*$/, "") || "/";
export const relative = nodeOnly("path.relative");
export const resolve = nodeOnly("path.resolve");

/** A require that knows the one package lib loads lazily. */
export function createRequire(): (id: string) => unknown {
  return (id: string) => {
    if (id === "mathjs") return mathjs;
    throw new Error(`require("${id}") is not available in the browser`);
  };
}
