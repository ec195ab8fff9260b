/**
 * CSV for the instructor's files (gradebook, overrides, LMS times, extensions): read with
 * csv-parse and written with csv-stringify (RFC 4180: quoted commas, quotes and newlines), so a
 * note or an override reason may hold anything. Lines starting with "#" are comments.
 */
import * as fs from "node:fs";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

export interface CsvRow {
  /** the line the record starts on (1 = the header) */
  line: number;
  fields: string[];
}

/** The header (lower-cased) and records of `file`; errors name the file and the line. */
export function readCsv(file: string): { header: string[]; rows: CsvRow[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(`${file}: cannot read the file`);
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      comment: "#",
      comment_no_infix: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const m = e as { message?: string; lines?: number };
    throw new Error(
      `${file}:${m.lines ?? "?"}: not valid CSV (${String(m.message).split("\n")[0]})`,
    );
  }
  const [first, ...rest] = records;
  const header = (first?.record ?? []).map((h) => h.toLowerCase());
  return { header, rows: rest.map((r) => ({ line: r.info.lines, fields: r.record })) };
}

/**
 * A text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a
 * carriage return: OWASP's "CSV injection") gets a leading apostrophe, so a student's folder name
 * or file name such as `=HYPERLINK(...)` shows as text in Excel, LibreOffice or Google Sheets.
 * Numbers, and text that is a plain number such as "-2.5", are left as they are.
 */
function inertCell(v: string | number): string {
  if (typeof v === "number") return String(v);
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v)) return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** CSV text of `rows`, quoting where needed; text that would be a formula is made inert. */
export function writeCsv(rows: (string | number)[][]): string {
  return stringify(rows.map((r) => r.map(inertCell)));
}
