/**
 * The exercise editor: CodeMirror 6 with TypeScript highlighting, built as its own script
 * (live/editor.js), loaded by a page only when its exercise panel opens. It sets
 * `window.optkitEditor`.
 */
import { javascript } from "@codemirror/lang-javascript";
import { basicSetup, EditorView } from "codemirror";

export interface ExerciseEditor {
  text(): string;
  setText(text: string): void;
}

function create(
  parent: HTMLElement,
  doc: string,
  onChange: (text: string) => void,
): ExerciseEditor {
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      basicSetup,
      javascript({ typescript: true }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChange(u.state.doc.toString());
      }),
      EditorView.theme({
        "&": { maxHeight: "70vh", fontSize: "13.5px" },
        ".cm-scroller": { overflow: "auto" },
      }),
    ],
  });
  return {
    text: () => view.state.doc.toString(),
    setText: (text) =>
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
  };
}

(window as unknown as { optkitEditor: { create: typeof create } }).optkitEditor = { create };
