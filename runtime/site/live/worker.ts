/**
 * The live course's Web Worker: one per page, a kernel of its own. Cells arrive in the order
 * the page runs them and share one scope (see compile.ts); their console output and displays
 * go back to the page as messages for the cell that is running. `import` resolves to the
 * library bundled with the worker, or to an exercise file the page sent (the student's
 * edited copy), compiled here.
 */
import {
  CELL_LINE_OFFSET,
  cellFunction,
  CellSyntaxError,
  compileCell,
  compileModule,
  MODULE_LINE_OFFSET,
  traceOf,
} from "./compile";
import { format, inspect } from "./format";
import { browserGrader } from "./grading";
import { resolveSpec } from "./paths";
import type { CheckLimits, GradingWatch } from "./limits";
import type { CellError, FromWorker, SourceFiles, ToWorker } from "./protocol";
import { joinPath, preloadGzip, setCourseRoot } from "./shims/data-files";
import { process } from "./shims/globals";
import { check, setGrader } from "./shims/grade-check";
import { setDisplayWriter } from "./shims/tslab";

interface WorkerScope {
  postMessage(msg: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  location: { href: string };
}

const MNIST_FILES = ["train", "t10k"].flatMap((p) => [
  `${p}-images-idx3-ubyte.gz`,
  `${p}-labels-idx1-ubyte.gz`,
]);

export function startWorker(modules: Record<string, unknown>): void {
  const self = globalThis as unknown as WorkerScope;
  const post = (m: FromWorker) => self.postMessage(m);
  const scope: Record<string, unknown> = Object.create(null);
  // cells and the library may read process.env (e.g. the course switches in lib/plot/loader.ts
  // and lib/util/grade-check.ts), as in the kernel
  (globalThis as unknown as { process: typeof process }).process = process;
  let files: SourceFiles = {};
  let root = new URL("./", self.location.href).href;
  const compiled = new Map<string, { source: string; exports: unknown }>();
  let running = -1;

  const write = (name: "stdout" | "stderr") => (text: string) => {
    if (running >= 0) post({ type: "stream", id: running, name, text });
  };
  const out = write("stdout");
  const err = write("stderr");
  const c = globalThis.console as unknown as Record<string, (...a: unknown[]) => void>;
  for (const m of ["log", "info", "debug"]) c[m] = (...a: unknown[]) => out(format(a) + "\n");
  for (const m of ["warn", "error", "trace"]) c[m] = (...a: unknown[]) => err(format(a) + "\n");

  function load(spec: string, from = ""): unknown {
    const key = resolveSpec(spec, from);
    if (key in modules) return modules[key];
    const source = files[`${key}.ts`];
    if (source === undefined) throw new Error(`Cannot find module '${spec}' in the live course`);
    const cached = compiled.get(key);
    if (cached && cached.source === source) return cached.exports;
    const module = { exports: {} as unknown };
    const code = compileModule(source, `${key}.ts`);
    const dir = key.split("/").slice(0, -1).join("/");
    compiled.set(key, { source, exports: module.exports }); // a cycle sees the partial exports
    new Function("exports", "require", "module", `${code}\n//# sourceURL=${key}.ts`)(
      module.exports,
      (s: string) => load(s, dir),
      module,
    );
    compiled.set(key, { source, exports: module.exports });
    return module.exports;
  }

  /**
   * Compile the exercise files that `what` (a notebook's number or an exercise's name) grades,
   * so that a syntax error in one is reported with its file, line and column before grading.
   */
  function syntaxCheck(what: string): void {
    const exported = new RegExp(`export\\s+(async\\s+)?(function|const|class)\\s+${what}\\b`);
    for (const [path, source] of Object.entries(files)) {
      const graded = /^\d\d$/.test(what)
        ? path.startsWith(`exercises/${what}-`)
        : exported.test(source);
      if (graded) compileModule(source, path);
    }
  }

  /** Run a cell, or (`grade`) check an exercise as `await check(grade)` would. */
  async function run(
    id: number,
    code: string,
    grade = "",
    label = "cell",
    limits?: CheckLimits,
  ): Promise<CellError | null> {
    running = id;
    setDisplayWriter((msg, update) => post({ type: "display", id, msg, update }));
    const g = globalThis as { optkitGradingWatch?: GradingWatch };
    try {
      if (grade) {
        syntaxCheck(grade);
        // the page's watchdog (page.ts) hears of every call of the student's functions
        if (limits)
          g.optkitGradingWatch = {
            limits,
            watch: (event, name) => post({ type: "watch", id, event, name }),
          };
        await check(grade);
        return null;
      }
      const cell = compileCell(code);
      if (/\bloadMnist/.test(code)) {
        const dir = joinPath(joinPath(root, "data"), "mnist");
        await preloadGzip(MNIST_FILES.map((f) => joinPath(dir, f)));
      }
      for (const n of cell.names) if (!(n in scope)) scope[n] = undefined;
      const value = await cellFunction(cell, label)(scope, (s) => load(s));
      if (value !== undefined) out(inspect(value, 2, [{}]) + "\n");
      return null;
    } catch (e) {
      if (e instanceof CellSyntaxError) {
        const at = e.file ? { file: e.file } : {};
        return { ename: e.name, evalue: e.message, line: e.line, column: e.column, ...at };
      }
      const error = e instanceof Error ? e : new Error(String(e));
      const ours = (source: string) =>
        /^cell-\d+$/.test(source) ? CELL_LINE_OFFSET : source in files ? MODULE_LINE_OFFSET : null;
      // the frame of the cell's own async wrapper sits past its last line
      const past = new RegExp(`^${label}, line (\\d+)$`);
      const lines = code.split("\n").length;
      const trace = traceOf(error.stack ?? "", ours).filter(
        (t) => Number(past.exec(t)?.[1] ?? 0) <= lines,
      );
      return { ename: error.name, evalue: error.message, trace };
    } finally {
      g.optkitGradingWatch = undefined;
      setDisplayWriter(null);
      running = -1;
    }
  }

  let queue = Promise.resolve();
  self.onmessage = (e) => {
    const msg = e.data;
    if (msg.type === "init") {
      root = msg.root;
      setGrader(
        browserGrader(
          root,
          (name) => load(`./exercises/${name}`) as Record<string, unknown>,
          () => files,
        ),
      );
      setCourseRoot(root);
      files = msg.files;
      post({ type: "ready" });
    } else if (msg.type === "files") {
      files = { ...files, ...msg.files };
    } else if (msg.type === "run" || msg.type === "grade") {
      queue = queue.then(async () => {
        const t0 = performance.now();
        const error =
          msg.type === "run"
            ? await run(msg.id, msg.code, "", msg.label)
            : await run(msg.id, "", msg.suite, "check", msg.limits);
        post({ type: "done", id: msg.id, error, ms: performance.now() - t0 });
      });
    }
  };
}
