/**
 * The slice of nbformat 4 the course needs: reading notebooks, and finding what went wrong in
 * an executed one (error outputs and anything written to stderr), reported with the cell.
 */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";

export type Output =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string | string[] }
  | {
      output_type: "display_data" | "execute_result";
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
      execution_count?: number | null;
    }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: Output[];
  execution_count?: number | null;
  id?: string;
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

export const text = (s: string | string[]): string => (Array.isArray(s) ? s.join("") : s);

export function readNotebook(path: string): Notebook {
  return JSON.parse(readFileSync(path, "utf8")) as Notebook;
}

/** The course's notebooks, in order: notebooks/NN-*.ipynb. */
export function listNotebooks(root: string): string[] {
  const dir = join(root, "notebooks");
  return readdirSync(dir)
    .filter((f) => /^\d\d-.*\.ipynb$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** One failed cell: its number (1-based, all cells counted), source head and error text. */
export interface Problem {
  cell: number;
  sourceHead: string;
  message: string;
}

/** Error outputs and stderr streams of an executed notebook. */
export function findProblems(nb: Notebook): Problem[] {
  const problems: Problem[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const messages: string[] = [];
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") {
        messages.push(`${out.ename}: ${out.evalue}`.trim() || "(error with no message)");
      } else if (out.output_type === "stream" && out.name === "stderr") {
        messages.push(text(out.text).trimEnd());
      }
    }
    if (messages.length > 0) {
      const head = text(cell.source).split("\n").slice(0, 4).join("\n");
      problems.push({ cell: i + 1, sourceHead: head, message: messages.join("\n") });
    }
  });
  return problems;
}

/** A problem as the lines a student or CI log should show. */
export function formatProblem(notebook: string, p: Problem): string {
  const indent = (s: string) => s.replace(/^/gm, "    ");
  return `${notebook}, cell ${p.cell}:\n${indent(p.sourceHead)}\n  error output:\n${indent(p.message)}`;
}
