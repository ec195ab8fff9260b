/**
 * The live notebook page: Run on every code cell (and Stop on the one running), Run All and
 * Stop in a bar that stays at the top. Cells run in a Web Worker (worker.ts) in the order they
 * are run, sharing one scope like a kernel;
 * their printed text and displays replace the recorded outputs of the cell, rendered as the
 * static site renders outputs. Stop terminates the worker: its state is gone, and the page
 * says which cells ran in it and must run again. Each cell's code is a code editor (editor.ts,
 * loaded before this script); what it holds is exactly what runs.
 */
import type { Output } from "../../notebooks/nbformat";
import { renderOutput } from "../render";
import type { CellError, FromWorker, SourceFiles, ToWorker } from "./protocol";
import { mountExercisePanel } from "./panel";
import type { CellTypeError, TypesRequest } from "./types-worker";
import { exerciseSources } from "./storage";
import { errorText } from "./error-text";
import { attemptCheck, checkLimits, type Attempt } from "./check-runner";
import type { CodeEditor, EditorApi } from "./editor";

interface TypesReply {
  id: number;
  errors: CellTypeError[] | null;
}

interface CellState {
  el: HTMLElement;
  /** The id of the cell's latest run. */
  runId?: number;
  /** The cell's code editor (null until mounted, or if the editor script failed to load). */
  editor: CodeEditor | null;
  /** The code as the page was built: shown until the editor replaces it. */
  pre: HTMLElement;
  outputs: HTMLElement;
  status: HTMLElement;
  /** The number of the worker this cell last ran in (0: never). */
  ranIn: number;
}

const cells: CellState[] = Array.from(document.querySelectorAll<HTMLElement>(".cell")).map(
  (el) => ({
    el,
    editor: null,
    pre: el.querySelector<HTMLElement>("pre.code")!,
    outputs: el.querySelector<HTMLElement>(".outputs")!,
    status: el.querySelector<HTMLElement>(".cell-status")!,
    ranIn: 0,
  }),
);

/** The cell's code: exactly the editor's text. */
function codeOf(cell: CellState): string {
  return cell.editor ? cell.editor.text() : (cell.pre.textContent ?? "");
}
const bar = document.getElementById("live-bar")!;
const message = document.getElementById("live-message")!;

let worker: Worker | null = null;
let starting: Promise<Worker> | null = null;
/** Ends the wait for a starting worker's "ready" (Stop while it starts). */
let abortStart: (() => void) | null = null;
const STOPPED: CellError = { ename: "Stopped", evalue: "the worker was stopped" };
/** The exercise files as the worker has them (for the type checker too). */
let currentFiles: SourceFiles = {};
let generation = 0;
let count = 0;
let nextId = 1;
/** Where a run's outputs go: a cell, or the exercise panel's check output. */
interface Target {
  outputs: HTMLElement;
}
const waiting = new Map<number, { cell: Target; done: (e: CellError | null) => void }>();

function setState(state: "idle" | "running"): void {
  document.body.dataset.liveState = state;
}

/** Insert output HTML and run its scripts (a plot's script draws it). */
function addHtml(container: HTMLElement, html: string, displayId?: string): void {
  const holder = document.createElement("div");
  holder.className = "live-output";
  if (displayId) holder.dataset.displayId = displayId;
  holder.innerHTML = html;
  for (const old of Array.from(holder.querySelectorAll("script"))) {
    const s = document.createElement("script");
    s.textContent = old.textContent;
    old.replaceWith(s);
  }
  const existing = displayId
    ? container.querySelector<HTMLElement>(`.live-output[data-display-id="${displayId}"]`)
    : null;
  if (existing) existing.replaceWith(holder);
  else container.appendChild(holder); // the scripts, made by createElement, run now
}

function appendStream(cell: Target, name: "stdout" | "stderr", text: string): void {
  const last = cell.outputs.lastElementChild;
  const pre = last?.querySelector(`pre.out.${name}`);
  if (last?.classList.contains("live-stream") && pre) {
    pre.textContent += text;
    return;
  }
  const out: Output = { output_type: "stream", name, text };
  addHtml(cell.outputs, renderOutput(out));
  cell.outputs.lastElementChild?.classList.add("live-stream");
}

function showError(cell: Target, e: CellError, source: string | null): void {
  const text = errorText(e, source, currentFiles);
  const out: Output = { output_type: "error", ename: "", evalue: "", traceback: [] };
  addHtml(cell.outputs, renderOutput(out).replace(/>[^<]*<\/pre>$/, ">" + escape(text) + "</pre>"));
}

function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function onMessage(m: FromWorker): void {
  if (m.type === "ready") return;
  const w = waiting.get(m.id);
  if (!w) return;
  if (m.type === "stream") appendStream(w.cell, m.name, m.text);
  else if (m.type === "display") {
    const out: Output = { output_type: "display_data", data: m.msg.data, metadata: {} };
    addHtml(w.cell.outputs, renderOutput(out), m.msg.transient.display_id);
  } else if (m.type === "done") {
    waiting.delete(m.id);
    w.done(m.error);
  }
}

/** The worker, started once (a Run and a Check at the same moment share it). */
function ensureWorker(): Promise<Worker> {
  starting ??= startWorker();
  return starting;
}

async function startWorker(): Promise<Worker> {
  const w = new Worker("live/worker.js");
  worker = w;
  generation++;
  w.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  const ready = new Promise<void>((resolve) => {
    abortStart = resolve;
    w.addEventListener("message", (e: MessageEvent<FromWorker>) => {
      if (e.data.type === "ready") resolve();
    });
  });
  // the files are read after the worker exists, so an edit saved meanwhile is sent to it too
  const files: SourceFiles = await exerciseSources();
  currentFiles = { ...files };
  const init: ToWorker = { type: "init", root: new URL("./", location.href).href, files };
  w.postMessage(init);
  await ready;
  abortStart = null;
  return w;
}

/** Give the worker the latest exercise files (after an edit in the editor). */
function sendFiles(files: SourceFiles): void {
  currentFiles = { ...currentFiles, ...files };
  if (worker) worker.postMessage({ type: "files", files } satisfies ToWorker);
}

/** The Check that is running, if any: Stop cancels it. */
let checking: { cancel(): void } | null = null;
/** Counts Checks: a Check replaced by a newer one leaves the output alone. */
let checks = 0;

/**
 * Check an exercise (or a notebook's exercises) in a worker of its own, under the grader's time
 * limits (check-runner.ts); the result goes into `out`.
 */
async function check(what: string, out: HTMLElement): Promise<void> {
  checking?.cancel();
  const mine = ++checks;
  const limits = checkLimits();
  out.dataset.state = "running";
  let note =
    `Checking… (each call of your functions may take ${limits.callMs / 1000} s and loading ` +
    `your file ${limits.importMs / 1000} s, as in <code>npm run grade</code>; Stop cancels the check)`;
  let attempt: Attempt = { kind: "stopped" };
  let first = true; // nothing printed yet by this attempt: the note is still shown
  for (let tries = 0; tries < 30; tries++) {
    out.innerHTML = `<p>${note}</p>`;
    const files = await exerciseSources();
    if (mine !== checks) return;
    currentFiles = { ...currentFiles, ...files };
    const id = nextId++;
    first = true;
    const target: Target = {
      get outputs() {
        if (first) out.innerHTML = "";
        first = false;
        return out;
      },
    };
    waiting.set(id, { cell: target, done: () => {} });
    const run = attemptCheck(
      { root: new URL("./", location.href).href, output: onMessage },
      id,
      what,
      files,
      limits,
    );
    checking = run;
    attempt = await run.result;
    waiting.delete(id);
    if (mine !== checks) return;
    checking = null;
    if (attempt.kind !== "limit") break;
    note = `${escape(attempt.sentence)}: the check was ended there and runs again without that call…`;
  }
  if (first) out.innerHTML = "";
  if (attempt.kind === "done" && attempt.error) showError({ outputs: out }, attempt.error, null);
  if (attempt.kind === "stopped") out.innerHTML = "<p>The check was stopped (Stop).</p>";
  out.dataset.state = "done";
}

/**
 * The bar names the cells with type errors: they ran here (types are checked beside the run),
 * where the kernel would have refused them, so their outputs may be nonsense (NaN, undefined).
 */
function showTypeFailures(): void {
  let note = document.getElementById("live-types");
  if (!note) {
    note = document.createElement("span");
    note.id = "live-types";
    bar.appendChild(note);
  }
  const prompts = cells
    .filter((c) => c.el.classList.contains("type-failed"))
    .map((c) => c.status.textContent ?? "");
  note.textContent = prompts.length
    ? ` Type errors in cell${prompts.length > 1 ? "s" : ""} ${prompts.join(", ")} (shown under ` +
      "each): such a cell ran here, but would not run in Jupyter; its output may be wrong."
    : "";
}

let typesWorker: Worker | null = null;
let typesPending = 0;
const ranCode = new Map<CellState, string>();

/**
 * Type-check the cell in the type checker's worker (types-worker.ts) while it runs; its type
 * errors, if any, are added to its outputs as tslab writes them ("line:column - message").
 */
function checkTypes(cell: CellState, id: number): void {
  if (!typesWorker) {
    typesWorker = new Worker("live/types.js");
    typesWorker.onmessage = (e: MessageEvent<TypesReply>) => {
      const target = cells.find((c) => c.runId === e.data.id);
      document.body.dataset.typesPending = String(--typesPending);
      if (!target || !e.data.errors?.length) return;
      const text = e.data.errors.map((t) => `${t.line}:${t.column} - ${t.message}`).join("\n");
      const out: Output = { output_type: "error", ename: "", evalue: "", traceback: [] };
      const html = renderOutput(out).replace(/>[^<]*<\/pre>$/, ">" + escape(text) + "</pre>");
      addHtml(target.outputs, html.replace('class="out stderr"', 'class="out stderr type-errors"'));
      target.el.classList.add("type-failed");
      showTypeFailures();
    };
  }
  const code = codeOf(cell);
  cell.runId = id;
  const before = cells.filter((c) => c !== cell && ranCode.has(c)).map((c) => ranCode.get(c)!);
  ranCode.set(cell, code);
  document.body.dataset.typesPending = String(++typesPending);
  const req: TypesRequest = { id, before, cell: code, files: currentFiles };
  typesWorker.postMessage(req);
}

/** Run one cell; resolves to its error, or null. */
async function runCell(cell: CellState): Promise<CellError | null> {
  const w = await ensureWorker();
  if (w !== worker) return STOPPED; // stopped while it started
  const id = nextId++;
  cell.outputs.innerHTML = "";
  cell.el.classList.remove("stale", "failed", "type-failed");
  showTypeFailures();
  cell.el.classList.add("running");
  cell.status.textContent = "[*]";
  // the cell is named in traces by the number its prompt will show, as Jupyter's "In [n]"
  const number = ++count;
  const code = codeOf(cell);
  checkTypes(cell, id);
  const error = await new Promise<CellError | null>((done) => {
    waiting.set(id, { cell, done });
    w.postMessage({ type: "run", id, code, label: `cell-${number}` } satisfies ToWorker);
  });
  cell.el.classList.remove("running");
  cell.ranIn = generation;
  cell.status.textContent = `[${number}]`;
  if (error) {
    cell.el.classList.add("failed");
    showError(cell, error, code);
  }
  return error;
}

let busy = false;
async function runCells(list: CellState[]): Promise<void> {
  if (busy) return;
  busy = true;
  setState("running");
  message.textContent = "";
  const t0 = performance.now();
  try {
    for (const [k, c] of list.entries()) {
      if (list.length > 1) message.textContent = `Running cell ${k + 1} of ${list.length}…`;
      const error = await runCell(c);
      if (error && error.ename !== "Stopped") {
        message.textContent = `Stopped at a cell with an error: ${error.ename}.`;
        return;
      }
      if (error) return;
    }
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    message.textContent = `Ran ${list.length} cell${list.length === 1 ? "" : "s"} in ${s} s.`;
  } finally {
    busy = false;
    setState("idle");
  }
}

function stop(): void {
  if (checking) {
    checking.cancel(); // a Check alone: the cells' worker and what they defined stay
    if (!busy) return;
  }
  if (!worker) return;
  worker.terminate();
  worker = null;
  starting = null;
  abortStart?.();
  for (const [, w] of waiting) w.done(STOPPED);
  waiting.clear();
  ranCode.clear();
  const lost = cells.filter((c) => c.ranIn === generation);
  for (const c of lost) {
    c.el.classList.add("stale");
    c.status.textContent = "[must re-run]";
  }
  const numbers = lost.map((c) => cells.indexOf(c) + 1);
  message.textContent =
    `Stopped: the worker and everything the cells defined are gone. ` +
    (numbers.length
      ? `Cells ${numbers.join(", ")} ran in it and must run again (Run All, or each in order).`
      : "");
}

cells.forEach((cell) => {
  cell.el.querySelector(".run")!.addEventListener("click", () => void runCells([cell]));
  cell.el.querySelector(".stop-cell")!.addEventListener("click", stop);
});

/** Each cell's code becomes an editor; Shift+Enter (or Ctrl+Enter) in it runs the cell. */
function mountEditors(): void {
  const api = (window as unknown as { optkitEditor?: EditorApi }).optkitEditor;
  if (!api) {
    message.textContent = "The code editor could not be loaded: the cells run as published.";
    return;
  }
  for (const cell of cells) {
    const holder = document.createElement("div");
    holder.className = "code-editor";
    cell.pre.replaceWith(holder);
    cell.editor = api.create(holder, cell.pre.textContent ?? "", {
      onRun: () => void runCells([cell]),
      maxHeight: "none",
    });
  }
  document.body.dataset.editors = "ready";
}
mountEditors();
bar.querySelector("#run-all")!.addEventListener("click", () => void runCells(cells));
bar.querySelector("#stop")!.addEventListener("click", stop);
mountExercisePanel({ sendFiles, check });
setState("idle");
