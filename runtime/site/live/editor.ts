/**
 * The code editor of the live course: CodeMirror 6 with TypeScript highlighting, bracket
 * matching, undo and Tab to indent, built as its own script (live/editor.js). Every page loads
 * it after its text: each code cell becomes one (Shift+Enter or Ctrl+Enter runs the cell), and
 * so does the exercise panel's file. It sets `window.optkitEditor`.
 */
import { indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { indentUnit } from "@codemirror/language";
import { Prec } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { basicSetup, EditorView } from "codemirror";

export interface CodeEditor {
  text(): string;
  setText(text: string): void;
  /** Put the cursor at the start of `line` (1-based) and focus the editor. */
  goTo(line: number): void;
}

export interface EditorOptions {
  /** Called with the whole text after every change. */
  onChange?: (text: string) => void;
  /** Shift+Enter and Ctrl+Enter (Cmd+Enter): run. Without it, they are plain keys. */
  onRun?: () => void;
  /** CSS max-height of the editor; taller text scrolls inside it. */
  maxHeight?: string;
}

function create(parent: HTMLElement, doc: string, options: EditorOptions = {}): CodeEditor {
  const run = options.onRun;
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      basicSetup,
      javascript({ typescript: true }),
      indentUnit.of("  "),
      keymap.of([indentWithTab]),
      ...(run
        ? [
            Prec.highest(
              keymap.of(
                ["Shift-Enter", "Mod-Enter"].map((key) => ({
                  key,
                  run: () => {
                    run();
                    return true;
                  },
                })),
              ),
            ),
          ]
        : []),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) options.onChange?.(u.state.doc.toString());
      }),
      EditorView.theme({
        "&": { maxHeight: options.maxHeight ?? "70vh", fontSize: "13.5px" },
        ".cm-scroller": { overflow: "auto" },
      }),
    ],
  });
  return {
    text: () => view.state.doc.toString(),
    setText: (text) =>
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    goTo: (line) => {
      const at = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines)).from;
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
  };
}

/** The text of the editor that `dom` (its element or one inside it) belongs to, or null. */
function textOf(dom: HTMLElement): string | null {
  const root = dom.closest<HTMLElement>(".cm-editor") ?? dom.querySelector(".cm-editor");
  return root ? (EditorView.findFromDOM(root as HTMLElement)?.state.doc.toString() ?? null) : null;
}

export type EditorApi = { create: typeof create; textOf: typeof textOf };

(window as unknown as { optkitEditor: EditorApi }).optkitEditor = { create, textOf };
