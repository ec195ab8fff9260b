/**
 * The grader's verdict on a submitted file, from what a compiler says about it: the same policy
 * wherever a file is graded (`npm run grade`, `check()`, `grade:batch`, the Gradescope
 * autograder and the live course's Check), and the same as the student's own tools.
 *  - A syntax error: the file cannot be compiled (tsc and the notebook's kernel refuse it), so it
 *    is not run at all: every exercise in it scores 0, and each of its tests names the file, the
 *    line, the column and the compiler's message.
 *  - Type errors (the course's strict `tsc` settings): the file runs and is graded as it is, and
 *    each error is listed with its file and line in the reports, and counted in the gradebook.
 * No Node module here: the live course's grading bundle uses it too.
 */

export type DiagnosticKind = "syntax" | "type";

/** One error of the compiler's in a submitted file. */
export interface FileDiagnostic {
  /** the file as the student knows it, e.g. "exercises/03-newton.ts" */
  file: string;
  /** 1-based */
  line: number;
  column: number;
  /** TypeScript's error number (1128 for TS1128), null from a compiler without numbers */
  code: number | null;
  message: string;
  kind: DiagnosticKind;
}

/** How many type errors the reports list one by one (the rest are counted). */
export const LISTED_TYPE_ERRORS = 10;

function tsCode(d: FileDiagnostic): string {
  return d.code === null ? "error" : `error TS${d.code}`;
}

/** "exercises/03-newton.ts:33:5 error TS1128: Declaration or statement expected." as tsc says it. */
export function formatDiagnostic(d: FileDiagnostic): string {
  const message = d.message.split("\n")[0].trim();
  return `${d.file}:${d.line}:${d.column} ${tsCode(d)}: ${message}`;
}

/**
 * Why a file with syntax errors is not graded, as a sentence fragment that follows its name
 * ("exercises/03-newton.ts does not compile: ..."); "" when there are none.
 */
export function refusal(syntax: FileDiagnostic[]): string {
  const errors = syntax.filter((d) => d.kind === "syntax");
  if (errors.length === 0) return "";
  const d = errors[0];
  const message = d.message.split("\n")[0].trim().replace(/\.$/, "");
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return (
    `does not compile: line ${d.line}, column ${d.column}: ${tsCode(d)}: ${message}${more}; ` +
    "every exercise in it scores 0 until it compiles"
  );
}

/**
 * The lines the reports show about a graded folder's compiler errors: each file that does not
 * compile, then the type errors (graded anyway), at most LISTED_TYPE_ERRORS of them one by one.
 */
export function diagnosticLines(diagnostics: readonly FileDiagnostic[]): string[] {
  const lines: string[] = [];
  const syntax = diagnostics.filter((d) => d.kind === "syntax");
  for (const file of [...new Set(syntax.map((d) => d.file))]) {
    const first = syntax.find((d) => d.file === file) as FileDiagnostic;
    lines.push(`Does not compile, every exercise in it scores 0: ${formatDiagnostic(first)}`);
  }
  const types = diagnostics.filter((d) => d.kind === "type");
  for (const d of types.slice(0, LISTED_TYPE_ERRORS)) {
    lines.push(`Type error (graded anyway): ${formatDiagnostic(d)}`);
  }
  if (types.length > LISTED_TYPE_ERRORS) {
    lines.push(`... and ${types.length - LISTED_TYPE_ERRORS} more type errors.`);
  }
  return lines;
}
