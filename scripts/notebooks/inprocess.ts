/**
 * Execute a notebook's code cells inside this Node process with tslab's own compiler and
 * executor: the same code path as the kernel, without Jupyter. `npm test` uses it to smoke-test
 * every notebook, and `npm start` to render the course where Jupyter is not installed.
 */
import { createConverter } from "tslab/dist/converter";
import { createExecutor } from "tslab/dist/executor";
import { JupyterHandlerImpl } from "tslab/dist/jupyter";
import { createRequire } from "module";
import { join } from "path";
import { Cell, Notebook, Output, readNotebook, text } from "./nbformat";

/** Node's own loader table: `.ts` is present when ts-node runs this file. */
type Extensions = Record<string, unknown>;

interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string };
}

/** Run every code cell in order (as "Run All" in a fresh kernel); returns the executed copy. */
export async function executeNotebook(path: string, root = process.cwd()): Promise<Notebook> {
  const nb = readNotebook(path);
  const cwd = process.cwd();
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  process.chdir(root); // tslab compiles imports under the working directory, like the kernel
  const req = createRequire(join(root, "index.js"));
  req(join(root, "scripts", "kernel", "tslab-folder-imports.cjs")).patchTslabFolderImports(root);
  // Under ts-node, Node could load a .ts import that tslab failed to provide and hide the
  // failure; take ts-node's hook away while cells run, so this behaves exactly like the kernel.
  const extensions = (req("module") as { _extensions: Extensions })._extensions;
  const tsHook = extensions[".ts"];
  delete extensions[".ts"];
  const node = createConverter({ isJS: false, isBrowser: false });
  const convs = { node, browser: node, close: () => node.close() };
  const executor = createExecutor(root, convs, { log: console.log, error: console.error });
  const handler = new JupyterHandlerImpl(executor, false);
  try {
    let count = 0;
    for (const cell of nb.cells) {
      if (cell.cell_type !== "code") continue;
      const outputs: Output[] = [];
      const displays = new Map<string, number>();
      const reply = await handler.handleExecute(
        { code: text(cell.source) } as Parameters<typeof handler.handleExecute>[0],
        (name: string, chunk: string) => appendStream(outputs, name, chunk),
        (msg: DisplayMessage, update: boolean) => addDisplay(outputs, displays, msg, update),
      );
      cell.outputs = outputs;
      cell.execution_count = ++count;
      if (reply.status !== "ok") {
        outputs.push({ output_type: "error", ename: "ExecutionError", evalue: reply.status, traceback: [] });
        markSkipped(nb.cells.slice(nb.cells.indexOf(cell) + 1));
        break;
      }
    }
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    executor.close();
    convs.close();
    if (tsHook) extensions[".ts"] = tsHook;
    process.chdir(cwd);
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
