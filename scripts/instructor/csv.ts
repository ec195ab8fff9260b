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

/** CSV text of `rows`, quoting where needed. */
export function writeCsv(rows: (string | number)[][]): string {
  return stringify(rows.map((r) => r.map(String)));
}
