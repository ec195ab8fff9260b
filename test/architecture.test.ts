/**
 * The layout's rules, checked on every file of the course (README, "Folder map"): the library
 * imports nothing outside lib/, no module imports itself through a cycle, no file of the
 * course's code is over 400 lines and no function over 80. The course's content is not held to
 * the file length: the grading suites are lists of cases, and each notebook's exercise and
 * solution files hold that notebook's exercises (exercises/04 is 418 lines); a test file's
 * describe/it callbacks are lists of tests, not functions.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const CODE = /\.(ts|cts|mts|cjs|mjs)$/;
const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
  .split("\0")
  .filter((f) => CODE.test(f) && fs.existsSync(path.join(ROOT, f)));
const known = new Set(files);
const SUITES = /^grader\/(suites|hidden)\//;
const CONTENT = /^(grader\/(suites|hidden)|exercises|solutions)\//;
const source = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");

/** The course files `f` imports by relative path (types and require() included). */
function imports(f: string): string[] {
  const found = ts.preProcessFile(source(f), true, true).importedFiles;
  return found
    .map((i) => i.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(f), name));
      const hit = ["", ".ts", ".cjs", ".mjs", ".d.cts", "/index.ts"].find((e) =>
        known.has(base + e),
      );
      return hit === undefined ? `${base} (missing)` : base + hit;
    });
}
const graph = new Map(files.map((f) => [f, imports(f)]));

/** The import cycles: strongly connected groups of more than one file (Tarjan). */
function cycles(): string[][] {
  let n = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const TEST_CALLS = new Set([
  "describe",
  "it",
  "test",
  "describe.skipIf",
  "it.skipIf",
  "describe.each",
  "it.each",
]);

/** Functions of `f` longer than `max` lines, as "file:line name (n lines)". */
function longFunctions(f: string, max: number): string[] {
  const sf = ts.createSourceFile(f, source(f), ts.ScriptTarget.Latest, true);
  const line = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const long: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const parent = node.parent;
      const callee = ts.isCallExpression(parent) ? parent.expression.getText(sf).split("(")[0] : "";
      const lines = line(node.end) - line(node.getStart(sf)) + 1;
      if (lines > max && !(f.endsWith(".test.ts") && TEST_CALLS.has(callee))) {
        const name =
          node.name?.getText(sf) ??
          (ts.isVariableDeclaration(parent) ? parent.name.getText(sf) : "(callback)");
        long.push(`${f}:${line(node.getStart(sf))} ${name} (${lines} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return long;
}

describe("the layout", () => {
  it("every relative import names a file of the course", () => {
    const missing = [...graph].flatMap(([f, deps]) =>
      deps.filter((d) => d.endsWith("(missing)")).map((d) => `${f} -> ${d}`),
    );
    expect(missing).toEqual([]);
  });

  it("lib/ imports nothing outside lib/", () => {
    const out = [...graph]
      .filter(([f]) => f.startsWith("lib/"))
      .flatMap(([f, deps]) => deps.filter((d) => !d.startsWith("lib/")).map((d) => `${f} -> ${d}`));
    expect(out).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(cycles()).toEqual([]);
  });

  it("has no code file over 400 lines and no function over 80, the grading suites aside", () => {
    const checked = files.filter((f) => !SUITES.test(f));
    const longFiles = checked
      .filter((f) => !CONTENT.test(f))
      .map((f) => ({ f, n: source(f).split("\n").length - 1 }))
      .filter(({ n }) => n > 400)
      .map(({ f, n }) => `${f} (${n} lines)`);
    expect([...longFiles, ...checked.flatMap((f) => longFunctions(f, 80))]).toEqual([]);
  });
});
