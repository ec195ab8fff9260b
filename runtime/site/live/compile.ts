/**
 * A notebook cell, TypeScript, turned into code that runs like a kernel's cell: types are
 * stripped by sucrase (chosen for its load time, see the README), then the cell's top-level
 * statements are rewritten with acorn's syntax tree so that the cell's declarations land in one
 * scope object shared by all cells (`with (scope)` around the cell):
 *  - `const/let/var x = e` becomes `x = e` (re-running a cell redeclares x without complaint),
 *  - `class C {}` becomes `C = class C {}`, a function declaration is copied into the scope,
 *  - `import { a } from "./lib"` becomes `a = $import("./lib").a`,
 *  - a last expression statement becomes the cell's value (printed, as tslab does),
 * and the whole runs in an async function, so top-level `await` works.
 */
import { parse, type Node as AcornNode } from "acorn";
import { transform } from "sucrase";

/**
 * A syntax error in a cell, with its 1-based line and column in the cell's source; or in the
 * module `file` (an exercise file), its line and column there.
 */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly file?: string,
  ) {
    super(message);
    this.name = "SyntaxError";
  }
}

export interface CompiledCell {
  /** The body of an async function, run inside `with (SCOPE)`. */
  body: string;
  /** Names the cell declares at top level (each becomes a property of the scope). */
  names: string[];
}

/** The names the generated code uses; a cell should not declare them. */
export const SCOPE = "$optkitScope";
export const IMPORT = "$optkitImport";

interface N {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const node = (x: unknown) => x as N;

/** The identifiers a binding pattern declares. */
function patternNames(p: N, out: string[]): void {
  switch (p.type) {
    case "Identifier":
      out.push(p.name as string);
      break;
    case "ObjectPattern":
      for (const prop of p.properties as N[])
        patternNames(prop.type === "RestElement" ? node(prop.argument) : node(prop.value), out);
      break;
    case "ArrayPattern":
      for (const el of p.elements as (N | null)[]) if (el) patternNames(el, out);
      break;
    case "RestElement":
      patternNames(node(p.argument), out);
      break;
    case "AssignmentPattern":
      patternNames(node(p.left), out);
      break;
  }
}

/**
 * sucrase's and acorn's messages end in "(line:column)", acorn's column from 0 and sucrase's
 * from 1; sucrase's error also has `pos`, the offset in `source` (the TypeScript it was given)
 * of the token it refused, which is used when given.
 */
function syntaxError(e: unknown, source?: string, file?: string): CellSyntaxError {
  const msg = e instanceof Error ? e.message : String(e);
  const text = msg.replace(/^Error transforming [^:]*:\s*/, "").replace(/\s*\(\d+:\d+\)\s*$/, "");
  const pos = (e as { pos?: unknown } | null)?.pos;
  if (source !== undefined && typeof pos === "number" && pos >= 0 && pos <= source.length) {
    const before = source.slice(0, pos).split("\n");
    return new CellSyntaxError(text, before.length, before[before.length - 1].length + 1, file);
  }
  const m = /\((\d+):(\d+)\)\s*$/.exec(msg);
  return new CellSyntaxError(text, m ? Number(m[1]) : 0, m ? Number(m[2]) + 1 : 0, file);
}

/** Strip the types of TypeScript code (imports and exports kept). */
export function stripTypes(ts: string): string {
  try {
    return transform(ts, {
      transforms: ["typescript"],
      disableESTransforms: true,
      keepUnusedImports: true,
    }).code;
  } catch (e) {
    throw syntaxError(e, ts);
  }
}

/** TypeScript module code as CommonJS (`require`, `exports`): for exercise files. */
export function compileModule(ts: string, file: string): string {
  try {
    return transform(ts, { transforms: ["typescript", "imports"], filePath: file }).code;
  } catch (e) {
    throw syntaxError(e, ts, file);
  }
}

/** Compile a cell (see the module comment). Throws CellSyntaxError. */
export function compileCell(ts: string): CompiledCell {
  const js = stripTypes(ts);
  let program: N;
  try {
    program = node(
      parse(js, {
        ecmaVersion: "latest",
        sourceType: "module",
        allowAwaitOutsideFunction: true,
      }) as AcornNode,
    );
  } catch (e) {
    throw syntaxError(e);
  }
  const names: string[] = [];
  const hoisted: string[] = [];
  const body = program.body as N[];
  let out = "";
  let at = 0;
  let imports = 0;
  const src = (n: unknown) => js.slice(node(n).start, node(n).end);
  body.forEach((stmt0, i) => {
    let stmt = stmt0;
    if (stmt.type === "ExportNamedDeclaration" && stmt.declaration) {
      out += js.slice(at, stmt.start);
      at = node(stmt.declaration).start;
      stmt = node(stmt.declaration);
    }
    let replacement: string | null = null;
    if (stmt.type === "ImportDeclaration") {
      const m = `$optkitModule${imports++}`;
      const parts = [`const ${m} = ${IMPORT}(${src(stmt.source)});`];
      for (const s of stmt.specifiers as N[]) {
        const local = node(s.local).name as string;
        names.push(local);
        if (s.type === "ImportNamespaceSpecifier") parts.push(`${local} = ${m};`);
        else if (s.type === "ImportDefaultSpecifier")
          parts.push(`${local} = ${m}.default ?? ${m};`);
        else {
          const imported = node(s.imported);
          const key = imported.type === "Identifier" ? (imported.name as string) : imported.value;
          parts.push(`${local} = ${m}[${JSON.stringify(key)}];`);
        }
      }
      replacement = parts.join(" ");
    } else if (stmt.type === "VariableDeclaration") {
      const parts: string[] = [];
      for (const d of stmt.declarations as N[]) {
        const id = node(d.id);
        patternNames(id, names);
        if (d.init) {
          const assign = `${src(id)} = ${src(d.init)}`;
          parts.push(id.type === "Identifier" ? `${assign};` : `(${assign});`);
        } else if (stmt.kind !== "var" && id.type === "Identifier") {
          parts.push(`${id.name as string} = undefined;`);
        }
      }
      replacement = parts.join(" ");
    } else if (stmt.type === "ClassDeclaration") {
      const name = node(stmt.id).name as string;
      names.push(name);
      replacement = `${name} = ${src(stmt)};`;
    } else if (stmt.type === "FunctionDeclaration") {
      const name = node(stmt.id).name as string;
      names.push(name);
      hoisted.push(name);
    } else if (stmt.type === "ExpressionStatement" && i === body.length - 1) {
      replacement = `return (${src(stmt.expression)});`;
    }
    out += js.slice(at, stmt.start) + (replacement ?? src(stmt));
    at = stmt.end;
  });
  out += js.slice(at);
  const prelude = hoisted.map((n) => `${SCOPE}.${n} = ${n};`).join(" ");
  return { body: prelude + out, names: [...new Set(names)] };
}

/** Lines before a cell's first line in its function, as stack traces count them. */
export const CELL_LINE_OFFSET = 3;
/** Lines before an exercise file's first line in its module function (see worker.ts). */
export const MODULE_LINE_OFFSET = 2;

/**
 * Where an error was thrown, in the cells' and exercise files' own lines: one entry per stack
 * frame in code named by a `sourceURL` that `isOurs` accepts (e.g. "cell-3"), as
 * "f (cell-3, line 4)" or "cell-3, line 6". Frames in the library (the bundle) are left out.
 */
export function traceOf(stack: string, isOurs: (source: string) => number | null): string[] {
  const out: string[] = [];
  for (const line of stack.split("\n")) {
    const m = /^\s*at (?:(\S+) \()?.*?([^\s(),]+):(\d+):\d+\)*$/.exec(line);
    const offset = m ? isOurs(m[2]) : null;
    if (!m || offset === null) continue;
    const fn = m[1] && m[1] !== "eval" ? m[1].replace(/^Object\./, "") : "";
    const where = `${m[2]}, line ${Number(m[3]) - offset}`;
    out.push(fn ? `${fn} (${where})` : where);
  }
  return out;
}

/**
 * A function that runs a compiled cell with `scope` and an import function; it returns the
 * promise of the cell's value. Built with `new Function` (sloppy mode, so `with` is allowed).
 */
export function cellFunction(
  cell: CompiledCell,
  name = "cell",
): (scope: Record<string, unknown>, load: (spec: string) => unknown) => Promise<unknown> {
  // the cell's first line is line CELL_LINE_OFFSET + 1 of the function's source (stack traces)
  const code =
    `with (${SCOPE}) { return (async () => {\n${cell.body}\n})(); }\n` + `//# sourceURL=${name}`;
  return new Function(SCOPE, IMPORT, code) as (
    scope: Record<string, unknown>,
    load: (spec: string) => unknown,
  ) => Promise<unknown>;
}
