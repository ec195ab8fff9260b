/**
 * The submission as the sandbox sees it: a private folder of plain JavaScript (CommonJS) made
 * from TypeScript on the grader's side, holding only
 *   host/        the program that runs the submission (./host.ts and ./codec.ts),
 *   exercises/   every exercise file of the graded folder (`NN-name.ts`),
 *   lib/         the library modules those files import,
 *   node_modules/  an empty mount point for the installed packages (./command.ts).
 * Translation is syntax only (TypeScript's `transpileModule`): nothing of the submission runs
 * here, and an import that leads anywhere but lib/ or another exercise file is simply not
 * translated, so at run time it finds nothing. An exercise file with a syntax error is not
 * translated at all (the translation would repair what the student's tools refuse): its
 * errors go to `exercises/NN-name.syntax.json` instead, and the harness refuses the file
 * (../harness/verdict.ts). An exported function that the course library answers
 * (./library-use.ts) is listed in `refused.json`, and the grader refuses its points.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import type { FileDiagnostic } from "../harness/verdict";
import { syntaxErrors } from "./diagnose";
import { exerciseUses } from "./library-use";
import { CALLS_FILE, REFUSED_FILE } from "./refused";

const EXERCISE_FILE = /^\d\d-[\w-]+\.ts$/;

/** `sourceMap`: inline, so that an error's stack names the line of the TypeScript (./host.ts) */
function translate(source: string, fileName: string, sourceMap = false): ts.TranspileOutput {
  return ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      ...(sourceMap ? { inlineSourceMap: true } : {}),
    },
  });
}

function transpile(source: string, fileName: string): string {
  return translate(source, fileName).outputText;
}

/** Where compileSubmission leaves the syntax errors of exercise `name` ("03-newton"). */
export function syntaxFile(out: string, name: string): string {
  return path.join(out, "exercises", `${name}.syntax.json`);
}

function write(file: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The .ts file a relative import of `from` means, if it lies under `within`. */
function resolveImport(from: string, spec: string, within: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), spec.replace(/\.(js|ts)$/, ""));
  for (const candidate of [`${base}.ts`, path.join(base, "index.ts")]) {
    if (
      candidate.startsWith(within + path.sep) &&
      fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()
    ) {
      return candidate;
    }
  }
  return null;
}

/** What compileSubmission found: the exercise files, and the syntax errors of those refused. */
export interface Compiled {
  names: string[];
  syntax: FileDiagnostic[];
}

/**
 * Compile the exercise files of `target` (a folder of the course, or an absolute path) into
 * `out` (see above). Imports are resolved as if the files sat in `root`/exercises, where the
 * stubs live. `shown(name)` is how feedback names a file [`<target>/<name>`].
 */
export function compileSubmission(
  root: string,
  target: string,
  out: string,
  shown = (name: string) => `${target}/${name}`,
): Compiled {
  const lib = path.join(root, "lib");
  const here = __dirname;
  for (const f of ["host.ts", "codec.ts"]) {
    const src = fs.readFileSync(path.join(here, f), "utf8");
    write(path.join(out, "host", f.replace(/\.ts$/, ".js")), transpile(src, f));
  }
  fs.mkdirSync(path.join(out, "node_modules"), { recursive: true });
  const from = path.resolve(root, target);
  const names = fs
    .readdirSync(from, { withFileTypes: true })
    .filter((d) => d.isFile() && EXERCISE_FILE.test(d.name))
    .map((d) => d.name);
  const queue: string[] = [];
  const refused: FileDiagnostic[] = [];
  const answered: Record<string, Record<string, string>> = {};
  const calls: Record<string, string[]> = {};
  for (const name of names) {
    const src = fs.readFileSync(path.join(from, name), "utf8");
    const js = translate(src, name, true);
    const syntax = syntaxErrors(js.diagnostics ?? [], shown(name));
    if (syntax.length > 0) {
      write(syntaxFile(out, name.replace(/\.ts$/, "")), JSON.stringify(syntax));
      refused.push(...syntax);
      continue;
    }
    write(path.join(out, "exercises", name.replace(/\.ts$/, ".js")), js.outputText);
    const asIf = path.join(root, "exercises", name);
    const intoLib = (spec: string) => {
      const to = path.resolve(path.dirname(asIf), spec);
      return spec.startsWith(".") && (to === lib || to.startsWith(lib + path.sep));
    };
    const uses = exerciseUses(src, name, intoLib);
    if (uses.refused.size > 0)
      answered[name.replace(/\.ts$/, "")] = Object.fromEntries(uses.refused);
    Object.assign(calls, Object.fromEntries(uses.calls));
    for (const imp of ts.preProcessFile(src, true, true).importedFiles) {
      const file = resolveImport(asIf, imp.fileName, lib);
      if (file) queue.push(file);
    }
  }
  const done = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const src = fs.readFileSync(file, "utf8");
    const rel = path.relative(root, file);
    write(path.join(out, rel.replace(/\.ts$/, ".js")), transpile(src, rel));
    for (const imp of ts.preProcessFile(src, true, true).importedFiles) {
      const next = resolveImport(file, imp.fileName, lib);
      if (next) queue.push(next);
    }
  }
  fs.writeFileSync(path.join(out, REFUSED_FILE), JSON.stringify(answered));
  fs.writeFileSync(path.join(out, CALLS_FILE), JSON.stringify(calls));
  return { names, syntax: refused };
}
