import { describe, expect, it } from "vitest";
import {
  CELL_LINE_OFFSET,
  cellFunction,
  CellSyntaxError,
  compileCell,
  compileModule,
  traceOf,
} from "../../runtime/site/live/compile";
import { errorText } from "../../runtime/site/live/error-text";
import { CHECK_CALL_LIMIT_MS, CHECK_IMPORT_LIMIT_MS } from "../../runtime/site/live/limits";
import { CALL_TIME_LIMIT_MS } from "../../grader/harness/call";
import { IMPORT_LIMIT_MS } from "../../grader/harness/target";
import { format } from "../../runtime/site/live/format";
import { LIVE_NOTE, renderNotebook, renderPage } from "../../runtime/site/render";
import { resolveSpec } from "../../runtime/site/live/paths";

/** Cells run one after another in one scope, as the live course's worker runs them. */
function kernel(modules: Record<string, unknown> = {}) {
  const scope: Record<string, unknown> = Object.create(null);
  return (source: string) => {
    const cell = compileCell(source);
    for (const n of cell.names) if (!(n in scope)) scope[n] = undefined;
    return cellFunction(cell)(scope, (s) => modules[s]);
  };
}

describe("live cells share one scope like a kernel", () => {
  it("a later cell sees declarations, imports, functions, classes and enums", async () => {
    const run = kernel({ "./lib": { add: (a: number, b: number) => a + b } });
    await run(
      'import { add } from "./lib";\nconst x: number = add(1, 2);\nlet [a, { b }] = [1, { b: 2 }];\n' +
        "function fact(n: number): number { return n <= 1 ? 1 : n * fact(n - 1); }\n" +
        "class C { v = x; }\nenum E { A, B }",
    );
    expect(await run("fact(4) + new C().v + a + b + E.B")).toBe(24 + 3 + 1 + 2 + 1);
  });

  it("re-running a cell redeclares its names; top-level await works", async () => {
    const run = kernel();
    await run("const x = 1;");
    await run("const x = await Promise.resolve(5);");
    expect(await run("x")).toBe(5);
  });

  it("a syntax error names its line and column", () => {
    try {
      compileCell("let y = 1;\nlet z = (;");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CellSyntaxError);
      expect((e as CellSyntaxError).line).toBe(2);
      expect((e as CellSyntaxError).column).toBeGreaterThan(8);
    }
  });
});

describe("errors thrown while a cell runs", () => {
  it("are traced to the lines of the cells and exercise files, not of the library", async () => {
    const cell = compileCell(
      "const a = 1;\nfunction boom(): never {\n  throw new Error('x');\n}\nboom();",
    );
    const scope: Record<string, unknown> = Object.create(null);
    const error = await cellFunction(cell, "cell-7")(scope, () => ({})).catch((e: Error) => e);
    const ours = (source: string) => (source === "cell-7" ? CELL_LINE_OFFSET : null);
    expect(traceOf((error as Error).stack ?? "", ours).slice(0, 2)).toEqual([
      "boom (cell-7, line 3)",
      "cell-7, line 5",
    ]);
  });
});

describe("Check in the live course", () => {
  it("has npm run grade's time limits per call and per import", () => {
    expect([CHECK_CALL_LIMIT_MS, CHECK_IMPORT_LIMIT_MS]).toEqual([
      CALL_TIME_LIMIT_MS,
      IMPORT_LIMIT_MS,
    ]);
  });
});

describe("syntax errors in exercise files", () => {
  const file = "exercises/01-x.ts";
  const source = "export function f(x: number) {\n  return x +;\n}\n";

  it("name the file, line and column, and show the line with a caret", () => {
    let error: unknown = null;
    try {
      compileModule(source, file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellSyntaxError);
    const e = error as CellSyntaxError;
    expect([e.file, e.line, e.column]).toEqual([file, 2, 13]); // the `;` after `+`
    const text = errorText(
      { ename: e.name, evalue: e.message, line: e.line, column: e.column, file: e.file },
      "import { f } from './exercises/01-x';", // the cell: not where the error is
      { [file]: source },
    );
    expect(text).toBe(
      `SyntaxError: ${e.message} (exercises/01-x.ts, line 2, column 13)\n  return x +;\n            ^`,
    );
  });

  it("still give the place when the file's text is not at hand", () => {
    const text = errorText({ ename: "SyntaxError", evalue: "m", line: 3, column: 1, file }, "", {});
    expect(text).toBe("SyntaxError: m (exercises/01-x.ts, line 3, column 1)");
  });
});

describe("the worker's module paths and console format", () => {
  it("resolves imports from cells and from exercise files", () => {
    expect(resolveSpec("./lib", "")).toBe("lib");
    expect(resolveSpec("./lib/plot/index.ts", "")).toBe("lib/plot");
    expect(resolveSpec("../lib/util/exercise", "exercises")).toBe("lib/util/exercise");
    expect(resolveSpec("mathjs", "exercises")).toBe("mathjs");
  });

  it("formats like Node's console.log for common values", () => {
    expect(format(["a", 1, [1, 2], { k: "v" }])).toBe("a 1 [ 1, 2 ] { k: 'v' }");
    expect(format(["%d items", 3])).toBe("3 items");
    expect(format([Float64Array.of(1, 2)])).toBe("Float64Array(2) [ 1, 2 ]");
  });
});

describe("the live course's pages", () => {
  it("put each code cell, escaped, with Run and its recorded outputs under the live note", () => {
    const body = renderNotebook(
      {
        cells: [
          { cell_type: "markdown", source: "# Title", metadata: {} },
          {
            cell_type: "code",
            source: "let a = 1 < 2;",
            metadata: {},
            outputs: [{ output_type: "stream", name: "stdout", text: "<true>" }],
          },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      true,
    );
    expect(body.indexOf(LIVE_NOTE)).toBeGreaterThan(body.indexOf("</h1>"));
    expect(body).toMatch(
      /<div class="cell">.*<button class="run">Run<\/button>.*let a = 1 &lt; 2;.*<div class="outputs">.*&lt;true&gt;/s,
    );
    expect(renderPage("t", body, [], ["live/page.js"])).toContain(
      '<script src="live/page.js" defer></script>',
    );
  });
});
