/** How the live page writes an error of a cell or of Check. */
import type { CellError, SourceFiles } from "./protocol";

/**
 * An error as text: a syntax error with its place (in the exercise file it names, or in the
 * cell's `source`), the line and a caret under the column; a thrown error with its trace.
 */
export function errorText(e: CellError, source: string | null, files: SourceFiles): string {
  let text = `${e.ename}: ${e.evalue}`;
  const where = e.file ? files[e.file] : source;
  if (e.line) {
    text += ` (${e.file ? `${e.file}, ` : ""}line ${e.line}, column ${e.column})`;
    const line = typeof where === "string" ? where.split("\n")[e.line - 1] : undefined;
    if (line !== undefined) {
      text += `\n${line}\n${" ".repeat(Math.max(0, (e.column ?? 1) - 1))}^`;
    }
  }
  for (const t of e.trace ?? []) text += `\n    at ${t}`;
  return text;
}
