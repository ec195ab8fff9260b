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

/** What the worker keeps between messages: the cells' scope, the files, compiled modules. */
interface WorkerState {
  modules: Record<string, unknown>;
  post: (m: FromWorker) => void;
  scope: Record<string, unknown>;
  files: SourceFiles;
  root: string;
  compiled: Map<string, { source: string; exports: unknown }>;
  /** the id of the cell (or check) running, -1 between them */
  running: number;
  /** write to the running cell's stdout */
  out: (text: string) => void;
}

/** console.* goes to the running cell's stdout or stderr; returns the stdout writer. */
function redirectConsole(st: WorkerState): (text: string) => void {
  const write = (name: "stdout" | "stderr") => (text: string) => {
    if (st.running >= 0) st.post({ type: "stream", id: st.running, name, text });
  };
  const out = write("stdout");
  const err = write("stderr");
  const c = globalThis.console as unknown as Record<string, (...a: unknown[]) => void>;
  for (const m of ["log", "info", "debug"]) c[m] = (...a: unknown[]) => out(format(a) + "\n");
  for (const m of ["warn", "error", "trace"]) c[m] = (...a: unknown[]) => err(format(a) + "\n");
  return out;
}

/** `require(spec)` from the module in folder `from`: the bundled library or a sent file. */
function load(st: WorkerState, spec: string, from = ""): unknown {
  const key = resolveSpec(spec, from);
  if (key in st.modules) return st.modules[key];
  const source = st.files[`${key}.ts`];
  if (source === undefined) throw new Error(`Cannot find module '${spec}' in the live course`);
  const cached = st.compiled.get(key);
  if (cached && cached.source === source) return cached.exports;
  const module = { exports: {} as unknown };
  const code = compileModule(source, `${key}.ts`);
  const dir = key.split("/").slice(0, -1).join("/");
  st.compiled.set(key, { source, exports: module.exports }); // a cycle sees the partial exports
  new Function("exports", "require", "module", `${code}\n//# sourceURL=${key}.ts`)(
    module.exports,
    (s: string) => load(st, s, dir),
    module,
  );
  st.compiled.set(key, { source, exports: module.exports });
  return module.exports;
}

/**
 * Compile the exercise files that `what` (a notebook's number or an exercise's name) grades,
 * so that a syntax error in one is reported with its file, line and column before grading.
 */
function syntaxCheck(files: SourceFiles, what: string): void {
  const exported = new RegExp(`export\\s+(async\\s+)?(function|const|class)\\s+${what}\\b`);
  for (const [path, source] of Object.entries(files)) {
    const graded = /^\d\d$/.test(what)
      ? path.startsWith(`exercises/${what}-`)
      : exported.test(source);
    if (graded) compileModule(source, path);
  }
}

/** The error a cell or check ended with, its trace in the lines of the cells and files. */
function cellError(e: unknown, files: SourceFiles, code: string, label: string): CellError {
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
}

/** Run a cell, or (`grade`) check an exercise as `await check(grade)` would. */
async function run(
  st: WorkerState,
  job: { id: number; code: string; grade?: string; label?: string; limits?: CheckLimits },
): Promise<CellError | null> {
  const { id, code, grade = "", label = "cell", limits } = job;
  st.running = id;
  setDisplayWriter((msg, update) => st.post({ type: "display", id, msg, update }));
  const g = globalThis as { optkitGradingWatch?: GradingWatch };
  try {
    if (grade) {
      syntaxCheck(st.files, grade);
      // the page's watchdog (page.ts) hears of every call of the student's functions
      if (limits)
        g.optkitGradingWatch = {
          limits,
          watch: (event, name) => st.post({ type: "watch", id, event, name }),
        };
      await check(grade);
      return null;
    }
    const cell = compileCell(code);
    if (/\bloadMnist/.test(code)) {
      const dir = joinPath(joinPath(st.root, "data"), "mnist");
      await preloadGzip(MNIST_FILES.map((f) => joinPath(dir, f)));
    }
    for (const n of cell.names) if (!(n in st.scope)) st.scope[n] = undefined;
    const value = await cellFunction(cell, label)(st.scope, (s) => load(st, s));
    if (value !== undefined) st.out(inspect(value, 2, [{}]) + "\n");
    return null;
  } catch (e) {
    return cellError(e, st.files, code, label);
  } finally {
    g.optkitGradingWatch = undefined;
    setDisplayWriter(null);
    st.running = -1;
  }
}

export function startWorker(modules: Record<string, unknown>): void {
  const self = globalThis as unknown as WorkerScope;
  const st: WorkerState = {
    modules,
    post: (m) => self.postMessage(m),
    scope: Object.create(null) as Record<string, unknown>,
    files: {},
    root: new URL("./", self.location.href).href,
    compiled: new Map(),
    running: -1,
    out: () => undefined,
  };
  // cells and the library may read process.env (e.g. the course switches in lib/plot/loader.ts
  // and lib/util/grade-check.ts), as in the kernel
  (globalThis as unknown as { process: typeof process }).process = process;
  st.out = redirectConsole(st);
  let queue = Promise.resolve();
  self.onmessage = (e) => {
    const msg = e.data;
    if (msg.type === "init") {
      st.root = msg.root;
      setGrader(
        browserGrader(
          st.root,
          (name) => load(st, `./exercises/${name}`) as Record<string, unknown>,
          () => st.files,
        ),
      );
      setCourseRoot(st.root);
      st.files = msg.files;
      st.post({ type: "ready" });
    } else if (msg.type === "files") {
      st.files = { ...st.files, ...msg.files };
    } else if (msg.type === "run" || msg.type === "grade") {
      queue = queue.then(async () => {
        const t0 = performance.now();
        const error =
          msg.type === "run"
            ? await run(st, { id: msg.id, code: msg.code, label: msg.label })
            : await run(st, {
                id: msg.id,
                code: "",
                grade: msg.suite,
                label: "check",
                limits: msg.limits,
              });
        st.post({ type: "done", id: msg.id, error, ms: performance.now() - t0 });
      });
    }
  };
}
