/**
 * Tables in notebook outputs: an HTML table for the notebook and aligned plain text for
 * terminals (printed outside a kernel). Numbers are formatted to `digits` significant digits.
 */
import { OptkitError } from "../util/check";
import { showBundle } from "./display";
import { escapeHtml } from "../util/html";

export type Cell = string | number | boolean | null;

export interface Table {
  columns: string[];
  rows: Cell[][];
  /** Significant digits for numbers (default 6); integers are printed whole. */
  digits?: number;
  caption?: string;
}

/** A number or text as the table shows it. */
export function formatCell(v: Cell, digits = 6): string {
  if (typeof v !== "number") return v === null ? "" : String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e6)
    ? v.toExponential(digits - 1)
    : String(Number(v.toPrecision(digits)));
}

function cells(t: Table): string[][] {
  t.rows.forEach((r, i) => {
    if (r.length !== t.columns.length) {
      throw new OptkitError(`rows[${i}]`, `expected ${t.columns.length} cells, got ${r.length}`);
    }
  });
  return t.rows.map((r) => r.map((v) => formatCell(v, t.digits)));
}

/** The table as aligned plain text. */
export function tableText(t: Table): string {
  const body = cells(t);
  const widths = t.columns.map((c, j) => Math.max(c.length, ...body.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((v, j) => v.padStart(widths[j])).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [t.caption ?? "", line(t.columns), rule, ...body.map(line)]
    .filter((l) => l !== "")
    .join("\n");
}

const esc = escapeHtml;

/** The table as HTML (numbers right-aligned). */
export function tableHtml(t: Table): string {
  const body = cells(t);
  const numeric = t.columns.map((_, j) =>
    t.rows.every((r) => typeof r[j] === "number" || r[j] === null),
  );
  const td = (v: string, j: number) =>
    `<td style="text-align:${numeric[j] ? "right" : "left"}">${esc(v)}</td>`;
  return (
    `<table class="optkit-table">` +
    (t.caption ? `<caption>${esc(t.caption)}</caption>` : "") +
    `<thead><tr>${t.columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead>` +
    `<tbody>${body.map((r) => `<tr>${r.map(td).join("")}</tr>`).join("")}</tbody></table>`
  );
}

/** Show a table as the cell's output (or print it outside a kernel). */
export function showTable(t: Table): void {
  const text = tableText(t);
  if (!showBundle({ "text/html": tableHtml(t), "text/plain": text })) console.log(text);
}

/** Show markdown (with $LaTeX$) as the cell's output, e.g. a result stated in a sentence. */
export function showMarkdown(md: string): void {
  if (!showBundle({ "text/markdown": md, "text/plain": md })) console.log(md);
}
