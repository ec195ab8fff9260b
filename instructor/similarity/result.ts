/**
 * What a similarity report found: the similar pairs and the texts they came from. Written by
 * ./similarity.ts, drawn by ./similarity-html.ts.
 */
import type { SharedFragment } from "./dolos";

export interface SimilarPair {
  /** the exercise file, e.g. "01-derivatives.ts" */
  file: string;
  a: string;
  b: string;
  similarity: number;
  /** longest first */
  fragments: SharedFragment[];
}

export interface SimilarityResult {
  pairs: SimilarPair[];
  /** pairs compared, over all exercise files */
  compared: number;
  /** the files' texts: file -> student -> text (for the HTML page) */
  texts: Map<string, Map<string, string>>;
  threshold: number;
  durationMs: number;
}
