/**
 * `grade:batch --similarity`: every pair of submissions compared per exercise file with Dolos
 * (see ./dolos.ts), the course's stub of that file given as the template whose text counts for
 * no pair (so untouched stubs, the doc comments and the signatures do not make students look
 * alike). Writes into the output folder:
 *
 * - similarity.csv: the pairs at or above the threshold, most similar first, with the columns
 *   `file, student_a, student_b, similarity` (0 to 1: the share of both files' fingerprints that
 *   the pair shares), `longest_fragment_lines` (the lines of the longest shared fragment, in
 *   student_a's file), `lines_a`, `lines_b` (where it lies in each file, "from-to", 1-based);
 * - similarity.html: the same pairs ranked, each with both files side by side and the shared
 *   fragments highlighted.
 *
 * Similarity is evidence for a person to review, never a verdict: short exercises have few ways
 * to be written, and Dolos compares the shape of the code, not its names.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeCsv } from "../csv";
import { loadEngine, type Region } from "./dolos";
import { similarityHtml } from "./similarity-html";
import type { SimilarPair, SimilarityResult } from "./result";

export type { SimilarPair, SimilarityResult } from "./result";

/** Pairs at or above this similarity are listed. Why this default: see the README. */
export const DEFAULT_THRESHOLD = 0.4;

export const SIMILARITY_HEADER = [
  "file",
  "student_a",
  "student_b",
  "similarity",
  "longest_fragment_lines",
  "lines_a",
  "lines_b",
];

export interface SimilarityOptions {
  /** the course: its exercises/ hold the stubs */
  root: string;
  /** each student's exercise files: file name -> path */
  submissions: { student: string; exercises: Map<string, string> }[];
  out: string;
  threshold?: number;
}

const lines = (r: Region) => `${r.startRow + 1}-${r.endRow + 1}`;

/** Compare, rank and write similarity.csv and similarity.html into `out`. */
export async function similarityReport(o: SimilarityOptions): Promise<SimilarityResult> {
  const started = Date.now();
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new Error(`similarity threshold ${threshold}: expected a number from 0 to 1`);
  }
  const engine = await loadEngine();
  const stubs = path.join(o.root, "exercises");
  const files = fs
    .readdirSync(stubs)
    .filter((f) => /^\d\d-[\w-]+\.ts$/.test(f))
    .sort();
  const pairs: SimilarPair[] = [];
  const texts = new Map<string, Map<string, string>>();
  let compared = 0;
  for (const file of files) {
    const byStudent = new Map<string, string>();
    for (const s of o.submissions) {
      const p = s.exercises.get(file);
      if (p) byStudent.set(s.student, fs.readFileSync(p, "utf8"));
    }
    texts.set(file, byStudent);
    const template = fs.readFileSync(path.join(stubs, file), "utf8");
    const inputs = [...byStudent].map(([name, text]) => ({ name, text }));
    const r = engine.compare(inputs, template, threshold);
    compared += r.compared;
    for (const p of r.pairs) {
      // student_a is the first by name, its side of each fragment first
      const swap = p.a.localeCompare(p.b) > 0;
      const fragments = swap ? p.fragments.map((f) => ({ ...f, a: f.b, b: f.a })) : p.fragments;
      const [a, b] = swap ? [p.b, p.a] : [p.a, p.b];
      pairs.push({ file, a, b, similarity: p.similarity, fragments });
    }
  }
  pairs.sort(
    (x, y) =>
      y.similarity - x.similarity ||
      x.file.localeCompare(y.file) ||
      x.a.localeCompare(y.a) ||
      x.b.localeCompare(y.b),
  );
  const rows = pairs.map((p) => {
    const f = p.fragments[0];
    return [
      p.file,
      p.a,
      p.b,
      p.similarity.toFixed(3),
      f ? f.a.endRow - f.a.startRow + 1 : 0,
      f ? lines(f.a) : "",
      f ? lines(f.b) : "",
    ];
  });
  const result = { pairs, compared, texts, threshold, durationMs: 0 };
  fs.mkdirSync(o.out, { recursive: true });
  fs.writeFileSync(path.join(o.out, "similarity.csv"), writeCsv([SIMILARITY_HEADER, ...rows]));
  fs.writeFileSync(path.join(o.out, "similarity.html"), similarityHtml(result));
  result.durationMs = Date.now() - started;
  return result;
}
