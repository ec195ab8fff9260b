/**
 * What the `typescript` compiler says about a graded folder's exercise files, on the grader's
 * side (nothing of the submission runs here), for the verdict of ../harness/verdict.ts:
 *  - syntax errors, from the translation that compile.ts makes anyway;
 *  - type errors, from a type check with the course's tsconfig.json (strict), as `tsc` reports
 *    them to the student, less the unused-name checks (`noUnusedLocals`, `noUnusedParameters`),
 *    which are lint, not types.
 * The type check sees the course as a virtual tree: the graded files stand in a folder beside
 * the stubs (their own when it is one of the course's, such as exercises/ or solutions/),
 * whatever folder they come from, so their imports (`../lib/...`, `./01-derivatives`) resolve
 * as the student's do; and the files that do not change (the library, TypeScript's and the
 * packages' declarations) are parsed once per process, whichever copy of the kit is graded.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import type { FileDiagnostic } from "../harness/verdict";

const EXERCISE_FILE = /^\d\d-[\w-]+\.ts$/;
/** Where the course root appears to the type check. */
const VIRTUAL = "/optkit-course";
/** Where the graded files appear when they are not a folder of the course root's own. */
const ELSEWHERE = ".graded";

/** `d` as a FileDiagnostic of `file` (the name the student knows). */
function toDiagnostic(d: ts.Diagnostic, file: string, kind: "syntax" | "type"): FileDiagnostic {
  const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
  return {
    file,
    line: at ? at.line + 1 : 0,
    column: at ? at.character + 1 : 0,
    code: d.code,
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    kind,
  };
}

/** The syntax errors among the diagnostics of `ts.transpileModule` on `file`. */
export function syntaxErrors(
  diagnostics: readonly ts.Diagnostic[],
  file: string,
): FileDiagnostic[] {
  return diagnostics
    .filter((d) => d.category === ts.DiagnosticCategory.Error && d.file)
    .map((d) => toDiagnostic(d, file, "syntax"));
}

/** The course's compiler options (tsconfig.json), for the type check. */
function courseOptions(root: string): ts.CompilerOptions {
  const file = path.join(root, "tsconfig.json");
  const read = ts.readConfigFile(file, (f) => fs.readFileSync(f, "utf8"));
  const raw = (read.config ?? {}) as { compilerOptions?: object };
  const { options } = ts.convertCompilerOptionsFromJson(raw.compilerOptions ?? {}, VIRTUAL);
  return {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    skipLibCheck: true,
    ...options,
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
  };
}

/** Parsed files that are the same for every submission, by virtual path. */
const parsedOnce = new Map<string, { text: string; file: ts.SourceFile }>();

/**
 * Type errors in the exercise files of `from` (an absolute folder) as if they stood in a folder
 * of `root` (see above); `shown(name)` is how the reports name a file. Files with syntax errors
 * (`skip`) are left out: they are refused anyway. Never throws: a check that cannot run says
 * nothing (the grade does not depend on it).
 */
export function typeErrors(
  root: string,
  from: string,
  shown: (name: string) => string,
  skip: ReadonlySet<string> = new Set(),
): FileDiagnostic[] {
  try {
    const names = fs
      .readdirSync(from, { withFileTypes: true })
      .filter((d) => d.isFile() && EXERCISE_FILE.test(d.name) && !skip.has(d.name))
      .map((d) => d.name);
    if (names.length === 0) return [];
    const rel = path.relative(root, from);
    const own = rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) && !/[\\/]/.test(rel);
    const graded = `${VIRTUAL}/${own ? rel : ELSEWHERE}/`;
    const real = (p: string) =>
      p.startsWith(graded) && EXERCISE_FILE.test(p.slice(graded.length))
        ? path.join(from, p.slice(graded.length))
        : p.startsWith(`${VIRTUAL}/`)
          ? path.join(root, p.slice(VIRTUAL.length + 1))
          : p;
    const options = courseOptions(root);
    const host = ts.createCompilerHost(options);
    const readFile = (p: string) => {
      try {
        return fs.readFileSync(real(p), "utf8");
      } catch {
        return undefined;
      }
    };
    host.getCurrentDirectory = () => VIRTUAL;
    host.readFile = readFile;
    host.fileExists = (p) => fs.statSync(real(p), { throwIfNoEntry: false })?.isFile() ?? false;
    host.directoryExists = (p) =>
      fs.statSync(real(p), { throwIfNoEntry: false })?.isDirectory() ?? false;
    host.realpath = (p) => p;
    host.getDirectories = (p) => {
      try {
        return fs
          .readdirSync(real(p), { withFileTypes: true })
          .filter((d) => d.isDirectory() || d.isSymbolicLink())
          .map((d) => d.name);
      } catch {
        return [];
      }
    };
    host.getSourceFile = (p, languageVersion) => {
      const text = readFile(p);
      if (text === undefined) return undefined;
      const submitted = p.startsWith(graded);
      const cached = submitted ? undefined : parsedOnce.get(p);
      if (cached && cached.text === text) return cached.file;
      const file = ts.createSourceFile(p, text, languageVersion);
      if (!submitted) parsedOnce.set(p, { text, file });
      return file;
    };
    const program = ts.createProgram(
      names.map((n) => graded + n),
      options,
      host,
    );
    return names.flatMap((n) => {
      const sf = program.getSourceFile(graded + n);
      if (!sf) return [];
      return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
        .filter((d) => d.category === ts.DiagnosticCategory.Error)
        .map((d) => toDiagnostic(d, shown(n), "type"));
    });
  } catch {
    return [];
  }
}

/**
 * Syntax and type errors of the exercise files `files` ("03-newton.ts") of `from`, as the
 * reports list them, for a grader that compiles the submission elsewhere (the warm grader).
 */
export function folderDiagnostics(
  root: string,
  from: string,
  shown: (name: string) => string,
  files: ReadonlySet<string>,
): FileDiagnostic[] {
  const syntax: FileDiagnostic[] = [];
  for (const name of files) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(from, name), "utf8");
    } catch {
      continue;
    }
    const out = ts.transpileModule(text, { fileName: name, reportDiagnostics: true });
    syntax.push(...syntaxErrors(out.diagnostics ?? [], shown(name)));
  }
  const refused = new Set(syntax.map((d) => path.basename(d.file)));
  const types = typeErrors(root, from, shown, refused);
  return [...syntax, ...types.filter((d) => files.has(path.basename(d.file)))];
}
