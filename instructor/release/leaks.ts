/**
 * The release's leak check: no solution body and no hidden test text may appear in the student
 * copy. A solution leaks when three consecutive lines of one of its function bodies appear in a
 * released file (single lines are too common) and not in the library (lib/ is public and
 * implements the same rules: the numerically stable sigmoid is not a secret); a hidden
 * suite leaks when any of its own lines (one no public suite has) appears anywhere.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { courseFiles, HIDDEN_SUITES, listTree } from "../files";

export interface Leak {
  /** the released file */
  file: string;
  /** the instructor file it came from */
  source: string;
  text: string;
}

const TEXT = /\.(ts|js|mjs|cjs|json|ipynb|md|txt|yml|yaml|sh|html|csv)$|(^|\/)run_autograder$/;
const TRIVIAL = /^[\s{}()[\];,]*$|^(return|break|continue|else)\b.{0,12}$/;

function significant(text: string, minLength: number): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length >= minLength && !TRIVIAL.test(l));
}

/** The text a released file shows: a notebook's cell sources, otherwise the file itself. */
function readable(file: string): string {
  const text = fs.readFileSync(file, "utf8");
  if (!file.endsWith(".ipynb")) return text;
  try {
    const nb = JSON.parse(text) as { cells?: { source?: string | string[] }[] };
    const src = (nb.cells ?? []).map((c) => [c.source ?? ""].flat().join(""));
    return `${src.join("\n")}\n${text}`;
  } catch {
    return text;
  }
}

/** The bodies of the top-level functions of a TypeScript file (lines between `{` and `}`). */
export function functionBodies(src: string): string[] {
  const bodies: string[] = [];
  const lines = src.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^(export )?(async )?function /.test(lines[i])) continue;
    while (i < lines.length && !lines[i].trimEnd().endsWith("{")) i++;
    const start = i + 1;
    while (i < lines.length && lines[i] !== "}") i++;
    bodies.push(lines.slice(start, i).join("\n"));
  }
  return bodies;
}

function shingles(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= lines.length; i++) out.push(lines.slice(i, i + 3).join("\n"));
  return out;
}

/** Search `releaseDir` for text of `root`'s solutions and hidden suites. */
export function findLeaks(root: string, releaseDir: string): Leak[] {
  const files = courseFiles(root);
  const solutions = files.filter((f) => f.startsWith("solutions/") && f.endsWith(".ts"));
  const hidden = files.filter((f) => f.startsWith(HIDDEN_SUITES));
  const publicLines = new Set(
    files
      .filter((f) => f.startsWith("grader/suites/") && !f.startsWith(HIDDEN_SUITES))
      .flatMap((f) => significant(fs.readFileSync(path.join(root, f), "utf8"), 1)),
  );

  const solutionShingles = new Map<string, string>();
  for (const f of solutions) {
    const stub = path.join(root, "exercises", path.basename(f));
    const stubLines = new Set(
      fs.existsSync(stub) ? significant(fs.readFileSync(stub, "utf8"), 1) : [],
    );
    for (const body of functionBodies(fs.readFileSync(path.join(root, f), "utf8"))) {
      const lines = significant(body, 6).filter((l) => !stubLines.has(l));
      for (const s of shingles(lines)) solutionShingles.set(s, f);
    }
  }
  for (const f of files.filter((x) => x.startsWith("lib/") && x.endsWith(".ts"))) {
    const lines = significant(fs.readFileSync(path.join(root, f), "utf8"), 6);
    for (const s of shingles(lines)) solutionShingles.delete(s);
  }
  const hiddenLines = new Map<string, string>();
  for (const f of hidden) {
    for (const l of significant(fs.readFileSync(path.join(root, f), "utf8"), 24)) {
      if (!publicLines.has(l) && !l.startsWith("import ")) hiddenLines.set(l, f);
    }
  }

  const leaks: Leak[] = [];
  for (const rel of listTree(releaseDir).filter((f) => TEXT.test(f))) {
    const text = readable(path.join(releaseDir, rel));
    const lines = significant(text, 6);
    for (const s of shingles(lines)) {
      const source = solutionShingles.get(s);
      if (source) leaks.push({ file: rel, source, text: s });
    }
    for (const [line, source] of hiddenLines) {
      if (text.includes(line)) leaks.push({ file: rel, source, text: line });
    }
  }
  return leaks;
}
