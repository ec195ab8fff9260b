/**
 * Execute a notebook's code cells inside this Node process with tslab's own compiler and
 * executor: the same code path as the kernel, without Jupyter. `npm run test:notebooks` uses it where
 * Jupyter is not installed (or with `--in-process`), and `npm start` to render the course.
 */
import { Console } from "console";
import { createRequire } from "module";
import { join } from "path";
import {
  createCellRunner,
  getTsLoader,
  patchFolderImports,
  setTsLoader,
  type CellRunner,
  type DisplayMessage,
  type TsLoader,
} from "../kernel/tslab-internals.cjs";
import { Cell, Notebook, Output, readNotebook, text } from "./nbformat";

/**
 * A kernel-like session in this process: cells run one after another with shared state, as
 * in one Jupyter kernel. Call `close()` when done (it stops tslab's file watchers).
 */
export class Session {
  private readonly cwd = process.cwd();
  private readonly stdoutWrite = process.stdout.write;
  private readonly stderrWrite = process.stderr.write;
  private readonly tsHook: TsLoader | undefined;
  private readonly dropLibCache: (() => void) | null = null;
  private readonly runner: CellRunner;

  constructor(readonly root = process.cwd()) {
    process.chdir(root); // tslab compiles imports under the working directory, like the kernel
    patchFolderImports(root);
    // Under ts-node, Node could load a .ts import that tslab failed to provide and hide the
    // failure; take ts-node's hook away while cells run, so this behaves exactly like the kernel.
    // The kernel's library cache (runtime/kernel/lib-cache.cjs) does that while it is in use.
    this.tsHook = getTsLoader();
    if (process.env.OPTKIT_KERNEL_CACHE !== "0") {
      // This file's copy: one process keeps one registry of the courses it serves.
      const req = createRequire(join(root, "index.js"));
      const cache = req(join(__dirname, "..", "kernel", "lib-cache.cjs")) as {
        useLibCache(root: string): () => void;
      };
      this.dropLibCache = cache.useLibCache(root);
    } else {
      setTsLoader(undefined);
    }
    this.runner = createCellRunner(root);
  }

  /** Run one cell; returns its outputs and whether it succeeded. */
  async run(code: string): Promise<{ ok: boolean; outputs: Output[] }> {
    const outputs: Output[] = [];
    const displays = new Map<string, number>();
    // The kernel's console writes to process.stdout/stderr, which tslab redirects into the cell's
    // outputs. A host such as vitest replaces the global console, so give cells a plain one.
    const hostConsole = globalThis.console;
    globalThis.console = new Console(process.stdout, process.stderr);
    const ok = await this.runner.execute(
      code,
      (name: string, chunk: string) => appendStream(outputs, name, chunk),
      (msg: DisplayMessage, update: boolean) => addDisplay(outputs, displays, msg, update),
    );
    globalThis.console = hostConsole;
    process.stdout.write = this.stdoutWrite;
    process.stderr.write = this.stderrWrite;
    return { ok, outputs };
  }

  close(): void {
    this.runner.close();
    if (this.dropLibCache) this.dropLibCache();
    else if (this.tsHook) setTsLoader(this.tsHook);
    process.chdir(this.cwd);
  }
}

/** Run every code cell in order (as "Run All" in a fresh kernel); returns the executed copy. */
export async function executeNotebook(path: string, root = process.cwd()): Promise<Notebook> {
  const nb = readNotebook(path);
  const session = new Session(root);
  try {
    let count = 0;
    for (const [i, cell] of nb.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      const { ok, outputs } = await session.run(text(cell.source));
      cell.outputs = outputs;
      cell.execution_count = ++count;
      if (!ok) {
        outputs.push({ output_type: "error", ename: "ExecutionError", evalue: "the cell failed", traceback: [] });
        markSkipped(nb.cells.slice(i + 1));
        break;
      }
    }
  } finally {
    session.close();
  }
  return nb;
}

function appendStream(outputs: Output[], name: string, chunk: string): void {
  const last = outputs[outputs.length - 1];
  if (last && last.output_type === "stream" && last.name === name) {
    last.text = text(last.text) + chunk;
  } else {
    outputs.push({ output_type: "stream", name: name === "stderr" ? "stderr" : "stdout", text: chunk });
  }
}

function addDisplay(
  outputs: Output[],
  displays: Map<string, number>,
  msg: DisplayMessage,
  update: boolean,
): void {
  const out: Output = { output_type: "display_data", data: msg.data, metadata: msg.metadata ?? {} };
  const id = msg.transient?.display_id;
  if (update && id !== undefined && displays.has(id)) {
    outputs[displays.get(id) as number] = out;
    return;
  }
  if (id !== undefined) displays.set(id, outputs.length);
  outputs.push(out);
}

function markSkipped(cells: Cell[]): void {
  for (const c of cells) if (c.cell_type === "code") c.outputs = [];
}
