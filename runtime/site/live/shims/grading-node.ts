/**
 * Node's built-ins as the grading suites' harness sees them in the browser: `fs` reads the
 * recorded reference outputs the worker fetched (a map from path to text), `path` is POSIX
 * with the course root as "/", and the sandbox's process machinery (never started here: the
 * harness's target loader is swapped for the browser one) is absent.
 */

const files = (): Record<string, string> =>
  (globalThis as { optkitGradingFiles?: Record<string, string> }).optkitGradingFiles ?? {};

// fs
export function existsSync(p: string): boolean {
  return p in files();
}
export function readFileSync(p: string): string {
  const text = files()[p];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${p}'`);
  return text;
}
const readOnly = (name: string) => (): never => {
  throw new Error(`${name}: the grading suites in the browser only read their reference files`);
};
export const writeFileSync = readOnly("writeFileSync");
export const mkdirSync = readOnly("mkdirSync");
export const mkdtempSync = readOnly("mkdtempSync");
export const rmSync = readOnly("rmSync");

// path
export const sep = "/";
function normalize(parts: string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p && p !== ".") out.push(p);
  }
  return "/" + out.join("/");
}
export function resolve(...paths: string[]): string {
  let parts: string[] = [];
  for (const p of paths) parts = p.startsWith("/") ? p.split("/") : [...parts, ...p.split("/")];
  return normalize(parts);
}
export function join(...paths: string[]): string {
  return normalize(paths.join("/").split("/")).slice(paths[0]?.startsWith("/") ? 0 : 1);
}
export function relative(from: string, to: string): string {
  const a = resolve(from).split("/").filter(Boolean);
  const b = resolve(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}
export function dirname(p: string): string {
  return p.replace(/\/[^/]*$/, "") || "/";
}
export function basename(p: string): string {
  return p.replace(/^.*\//, "");
}

// os
export const tmpdir = (): string => "/tmp";

// worker_threads (the sandbox link's process channel: not used in the browser)
export class Worker {
  constructor() {
    throw new Error("the grading sandbox does not run in the browser");
  }
}
export class MessageChannel extends Worker {}
export const receiveMessageOnPort = readOnly("receiveMessageOnPort");
