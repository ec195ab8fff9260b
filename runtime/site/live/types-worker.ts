/**
 * Type errors of a cell, as the kernel's compiler reports them, found by the `typescript`
 * package in a worker of its own (live/types.js, started with the first Run), beside the cell
 * that runs: the cell runs at once, its type errors follow. The program is the cells that ran
 * before it, in page order, then the cell, in one module; `import`s resolve to the library's
 * sources and the package types the site copied to live/types/ (read with synchronous requests,
 * allowed in a worker, listed in live/types/files.json) and to the exercise files as edited.
 */
import ts from "typescript";

export interface TypesRequest {
  id: number;
  /** the cells that ran before, in page order */
  before: string[];
  cell: string;
  /** exercise files as the student has them: "exercises/01-derivatives.ts" -> text */
  files: Record<string, string>;
}

export interface CellTypeError {
  line: number;
  column: number;
  code: number;
  message: string;
}

/** Errors of one cell that come from running cells as one module, not from the cell. */
const MODULE_ARTEFACTS = new Set([2451, 2300, 2393, 2440]);

const GLOBALS = `
declare const console: { log(...a: unknown[]): void; info(...a: unknown[]): void;
  warn(...a: unknown[]): void; error(...a: unknown[]): void; debug(...a: unknown[]): void };
declare const performance: { now(): number };
declare const process: { env: Record<string, string | undefined> };
declare function setTimeout(f: (...a: unknown[]) => void, ms?: number): number;
declare function clearTimeout(id: number | undefined): void;
declare class TextEncoder { encode(s: string): Uint8Array }
`;

/** tslab's own options (tslab/dist/converter.js), so that the same code gets the same errors. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: ["lib.es2022.d.ts"],
  esModuleInterop: true,
  experimentalDecorators: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

const base = new URL(
  "./types/",
  (globalThis as unknown as { location: { href: string } }).location.href,
).href;
let served: Set<string> | null = null;
const texts = new Map<string, string | undefined>();
const parsed = new Map<string, { text: string; file: ts.SourceFile }>();
let program: ts.Program | undefined;

function get(url: string): string | undefined {
  const XHR = (globalThis as unknown as { XMLHttpRequest: new () => XMLHttpRequest })
    .XMLHttpRequest;
  const req = new XHR();
  req.open("GET", url, false);
  req.send();
  return req.status === 200 ? req.responseText : undefined;
}

function host(virtual: Map<string, string>): ts.CompilerHost {
  served ??= new Set(JSON.parse(get(base + "files.json") ?? "[]") as string[]);
  const known = served;
  const read = (path: string): string | undefined => {
    if (virtual.has(path)) return virtual.get(path);
    if (!texts.has(path)) texts.set(path, known.has(path) ? get(base + path.slice(1)) : undefined);
    return texts.get(path);
  };
  return {
    getSourceFile(path, languageVersion) {
      const text = read(path);
      if (text === undefined) return undefined;
      const old = parsed.get(path);
      if (old && old.text === text) return old.file;
      const file = ts.createSourceFile(path, text, languageVersion);
      parsed.set(path, { text, file });
      return file;
    },
    getDefaultLibFileName: () => "/ts-lib/lib.es2022.d.ts",
    getDefaultLibLocation: () => "/ts-lib",
    writeFile: () => {},
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (path) => virtual.has(path) || known.has(path),
    readFile: read,
    directoryExists: (dir) =>
      [...known, ...virtual.keys()].some((p) => p.startsWith(dir.endsWith("/") ? dir : dir + "/")),
    getDirectories: () => [],
  };
}

/** The type errors of `req.cell`, with lines and columns in the cell (1-based). */
export function typeErrors(req: TypesRequest): CellTypeError[] {
  const head = req.before.join("\n;\n") + "\n;\n";
  const startLine = head.split("\n").length - 1;
  const virtual = new Map<string, string>([
    ["/cells.ts", head + req.cell],
    ["/globals.d.ts", GLOBALS],
    ...Object.entries(req.files).map(([p, t]) => [`/${p}`, t] as [string, string]),
  ]);
  program = ts.createProgram(["/cells.ts", "/globals.d.ts"], OPTIONS, host(virtual), program);
  const file = program.getSourceFile("/cells.ts")!;
  const start = head.length;
  return ts
    .getPreEmitDiagnostics(program, file)
    .filter((d) => d.file === file && d.start !== undefined && d.start >= start)
    .filter((d) => !MODULE_ARTEFACTS.has(d.code))
    .map((d) => {
      const pos = file.getLineAndCharacterOfPosition(d.start!);
      return {
        line: pos.line - startLine + 1,
        column: pos.character + 1,
        code: d.code,
        message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      };
    });
}

const self = globalThis as unknown as {
  onmessage: ((e: MessageEvent<TypesRequest>) => void) | null;
  postMessage(m: { id: number; errors: CellTypeError[] | null; failure?: string }): void;
};
self.onmessage = (e) => {
  try {
    self.postMessage({ id: e.data.id, errors: typeErrors(e.data) });
  } catch (err) {
    self.postMessage({ id: e.data.id, errors: null, failure: String(err) });
  }
};
