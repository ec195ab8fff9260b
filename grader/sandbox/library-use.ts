/**
 * The course library must not answer exercises: `linearDecay` returning the library's
 * `linearDecayLR(...)(t)` has written nothing of the exercise. An exercise file may import from
 * lib/ only what every exercise may use (the stubs' `NotImplementedError`, the library's error
 * helpers and elementary vector operations: `EXERCISE_MAY_USE`); an exported function that uses
 * anything else of the library, directly or through the file's own helpers, is refused, with a
 * sentence saying why. Read from the source's syntax alone: nothing of the submission runs.
 */
import ts from "typescript";

/** What of the library every exercise may use: none of it answers an exercise. */
export const EXERCISE_MAY_USE: ReadonlySet<string> = new Set([
  // lib/util/exercise and lib/util/check: the stubs' error and the course's input checks
  "NotImplementedError",
  "isNotImplemented",
  "OptkitError",
  "describe",
  "expectNumber",
  "checkArray",
  "checkFinite",
  "checkFunction",
  "checkLength",
  "checkSameLength",
  // lib/numbers/vector: elementary operations on vectors
  "zeros",
  "copy",
  "dot",
  "axpy",
  "scale",
  "add",
  "sub",
  "norm2",
  "normInf",
]);

/** One local name bound to the library: a named import (its library name) or a namespace. */
interface Binding {
  libName: string | null; // null: the whole module (`import * as L`, a default import)
  spec: string;
  line: number;
}

/** What the syntax of one exercise file says about its exported functions. */
export interface ExerciseUses {
  /** exported function -> the sentence that refuses it: it uses the library beyond the allowed */
  refused: Map<string, string>;
  /** exported function -> the file's other exported functions it calls (directly or through helpers) */
  calls: Map<string, string[]>;
}

/** The top level of a file: its library bindings, declarations and exports. */
interface TopLevel {
  bindings: Map<string, Binding>;
  /** top-level name -> its declarations */
  decls: Map<string, ts.Node[]>;
  exported: string[];
  /** a use of the library that the file's functions cannot be told apart by, or "" */
  wholeFile: string;
}

type LineOf = (n: ts.Node) => number;

function isExported(n: ts.Node): boolean {
  return (
    ts.canHaveModifiers(n) &&
    (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

/** The library names an import declaration binds, into `bindings`. */
function bindImport(st: ts.ImportDeclaration, spec: string, line: number, top: TopLevel): void {
  const clause = st.importClause;
  if (!clause || clause.isTypeOnly) return;
  if (clause.name) top.bindings.set(clause.name.text, { libName: null, spec, line });
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) top.bindings.set(nb.name.text, { libName: null, spec, line });
  if (nb && ts.isNamedImports(nb)) {
    for (const el of nb.elements) {
      if (el.isTypeOnly) continue;
      top.bindings.set(el.name.text, { libName: (el.propertyName ?? el.name).text, spec, line });
    }
  }
}

function readTopLevel(sf: ts.SourceFile, lineOf: LineOf, isLibrary: (s: string) => boolean) {
  const top: TopLevel = { bindings: new Map(), decls: new Map(), exported: [], wholeFile: "" };
  const declare = (name: string, node: ts.Node, exported: boolean) => {
    top.decls.set(name, [...(top.decls.get(name) ?? []), node]);
    if (exported) top.exported.push(name);
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const spec = st.moduleSpecifier.text;
      if (isLibrary(spec)) bindImport(st, spec, lineOf(st), top);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier) {
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      if (isLibrary(spec) && !st.isTypeOnly) {
        top.wholeFile = `re-exports the course library ("${spec}", line ${lineOf(st)})`;
      }
    } else if (ts.isFunctionDeclaration(st) && st.name) {
      declare(st.name.text, st, isExported(st));
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) declare(d.name.text, d, isExported(st));
      }
    } else if (ts.isClassDeclaration(st) && st.name) {
      declare(st.name.text, st, false);
    }
  }
  return top;
}

/** require("../lib/...") or import(...) of the library, or of a computed name, anywhere. */
function runtimeLoad(sf: ts.SourceFile, lineOf: LineOf, isLibrary: (s: string) => boolean) {
  let found = "";
  const visit = (n: ts.Node): void => {
    if (
      ts.isCallExpression(n) &&
      (n.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(n.expression) && n.expression.text === "require"))
    ) {
      const arg = n.arguments[0];
      if (!arg || !ts.isStringLiteralLike(arg) || isLibrary(arg.text)) {
        found ||= `loads a module at run time (line ${lineOf(n)})`;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** The library uses of one declaration, and the top-level names it refers to. */
function usesOf(node: ts.Node, bindings: Map<string, Binding>) {
  const uses: string[] = [];
  const refs = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      const b = bindings.get(n.text);
      const parent = n.parent;
      if (b && !(ts.isImportSpecifier(parent) || ts.isImportClause(parent))) {
        if (b.libName !== null) {
          if (!EXERCISE_MAY_USE.has(b.libName)) uses.push(describeUse(b.libName, b));
        } else if (ts.isPropertyAccessExpression(parent) && parent.expression === n) {
          const name = parent.name.text;
          if (!EXERCISE_MAY_USE.has(name)) uses.push(describeUse(name, b));
        } else if (!ts.isQualifiedName(parent)) {
          uses.push(`the course library as a whole ("${b.spec}", line ${b.line})`);
        }
      }
      refs.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return { uses, refs };
}

/**
 * The exported functions of `source` that use the library beyond `EXERCISE_MAY_USE`, and those
 * that call other exercises of the file. `isLibrary(spec)` says whether an import specifier
 * leads into lib/.
 */
export function exerciseUses(
  source: string,
  fileName: string,
  isLibrary: (spec: string) => boolean,
): ExerciseUses {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const top = readTopLevel(sf, lineOf, isLibrary);
  const wholeFile = top.wholeFile || runtimeLoad(sf, lineOf, isLibrary);
  const direct = new Map<string, { uses: string[]; refs: Set<string> }>();
  for (const [name, nodes] of top.decls) {
    const all = nodes.map((n) => usesOf(n, top.bindings));
    direct.set(name, {
      uses: all.flatMap((u) => u.uses),
      refs: new Set(all.flatMap((u) => [...u.refs])),
    });
  }
  const refused = new Map<string, string>();
  const calls = new Map<string, string[]>();
  for (const fn of top.exported) {
    // everything fn reaches through the file's top-level declarations
    const seen = new Set<string>([fn]);
    const queue = [fn];
    const uses: string[] = [];
    while (queue.length > 0) {
      const d = direct.get(queue.pop() as string);
      if (!d) continue;
      uses.push(...d.uses);
      for (const r of d.refs) {
        if (top.decls.has(r) && !seen.has(r)) {
          seen.add(r);
          queue.push(r);
        }
      }
    }
    const others = top.exported.filter((e) => e !== fn && seen.has(e));
    if (others.length > 0) calls.set(fn, others);
    const why = wholeFile ? `the file ${wholeFile}` : uses[0];
    if (why) {
      refused.set(
        fn,
        `${fn} uses ${why}, which does the exercise's work: its points are refused (of the ` +
          "library an exercise may use only NotImplementedError, the input checks of " +
          "lib/util/check and the vector operations of lib/numbers/vector)",
      );
    }
  }
  return { refused, calls };
}

function describeUse(name: string, b: Binding): string {
  return `the course library's ${name} (imported from "${b.spec}", line ${b.line})`;
}
