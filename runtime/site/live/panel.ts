/**
 * The exercise panel of a notebook page (01 to 05): the student's exercise file in a code
 * editor (editor.ts, loaded when the panel opens), saved in the browser as it is typed, with
 * Check (the public grading suites of `npm run grade`, run in the worker), Export (download the
 * file, to hand in), Import (load a file) and Reset (back to the stub as released).
 */
import type { CodeEditor, EditorApi } from "./editor";
import { exercisePaths, forgetSource, originalSource, saveSource, savedSource } from "./storage";

export interface PanelHost {
  /** Give the worker a changed file. */
  sendFiles(files: Record<string, string>): void;
  /** Run `check(what)` in the worker, its output into `out`. */
  check(what: string, out: HTMLElement): Promise<void>;
}

function loadEditor(): Promise<EditorApi> {
  const w = window as unknown as { optkitEditor?: EditorApi };
  if (w.optkitEditor) return Promise.resolve(w.optkitEditor);
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = "live/editor.js";
    s.onload = () => (w.optkitEditor ? resolve(w.optkitEditor) : reject(new Error("no editor")));
    s.onerror = () => reject(new Error("live/editor.js could not be loaded"));
    document.head.appendChild(s);
  });
}

/** Add the panel for this page's exercise file, if it has one. */
export function mountExercisePanel(host: PanelHost): void {
  const number = /(\d\d)-[^/]*\.html$/.exec(location.pathname)?.[1];
  const path = exercisePaths().find((p) => number && p.startsWith(`exercises/${number}-`));
  const bar = document.getElementById("live-bar");
  if (!path || !number || !bar || document.getElementById("exercise-panel")) return;
  const panel = document.createElement("details");
  panel.id = "exercise-panel";
  panel.innerHTML =
    `<summary>Your exercise file <code>${path}</code>: edit it here, then Check</summary>` +
    '<div class="exercise-tools"><button class="check">Check</button>' +
    '<button class="export">Export</button><label class="import">Import ' +
    '<input type="file" accept=".ts,text/plain"></label><button class="reset">Reset to the stub</button>' +
    '<span class="saved"></span></div><div class="exercise-editor"></div>' +
    '<div class="check-output"></div>';
  bar.insertAdjacentElement("afterend", panel);
  const saved = panel.querySelector<HTMLElement>(".saved")!;
  const out = panel.querySelector<HTMLElement>(".check-output")!;
  let editor: CodeEditor | null = null;
  const store = (text: string) => {
    saveSource(path, text);
    host.sendFiles({ [path]: text });
    saved.textContent = "saved in this browser";
  };
  panel.addEventListener("toggle", async () => {
    if (!panel.open || editor) return;
    const doc = savedSource(path) ?? (await originalSource(path));
    editor = (await loadEditor()).create(panel.querySelector(".exercise-editor")!, doc, {
      onChange: store,
    });
    panel.dataset.ready = "1";
  });
  panel.querySelector(".check")!.addEventListener("click", () => void host.check(number, out));
  panel.querySelector(".export")!.addEventListener("click", () => {
    const text = editor?.text() ?? savedSource(path) ?? "";
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    a.download = path.replace(/^.*\//, "");
    a.click();
    URL.revokeObjectURL(a.href);
  });
  panel.querySelector<HTMLInputElement>(".import input")!.addEventListener("change", async (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    input.value = ""; // so that importing the same file again (changed on disk) loads it
    if (editor) editor.setText(text);
    store(text);
  });
  panel.querySelector(".reset")!.addEventListener("click", async () => {
    if (!confirm(`Replace your ${path} with the stub as released? Export it first to keep it.`))
      return;
    forgetSource(path);
    const text = await originalSource(path);
    host.sendFiles({ [path]: text });
    editor?.setText(text);
    forgetSource(path); // setText saved it again: the stub is not the student's work
    saved.textContent = "reset to the stub";
  });
}
