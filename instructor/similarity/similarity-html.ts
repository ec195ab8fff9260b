/**
 * similarity.html: the pairs above the threshold ranked in a table, then each pair's two files
 * side by side with the shared fragments marked (the longest one darker). A self-contained page
 * without scripts. Everything a submission brings (its folder name, its code) is escaped: a
 * submission is written by someone who may want to attack the person reading the report.
 */
import { escapeHtml } from "../../lib/util/html";
import { KGRAM_LENGTH, KGRAMS_IN_WINDOW, type Region } from "./dolos";
import type { SimilarityResult, SimilarPair } from "./result";

/** Pairs shown side by side; the table lists every pair. */
const MAX_DETAILED = 100;

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}
td.num{text-align:right}.sides{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1em}
pre{background:#f7f7f7;border:1px solid #ddd;padding:6px;overflow-x:auto;font-size:12px}
.n{color:#999;user-select:none}mark{background:#ffe28a}mark.longest{background:#ff9f6b}
.note{background:#eef4ff;border-left:4px solid #5b8def;padding:6px 10px}`;

/** `text` as lines of HTML, with the characters inside `marks` wrapped in <mark>. */
export function markedCode(text: string, marks: { region: Region; longest: boolean }[]): string {
  const src = text.split("\n");
  const level = src.map((l) => new Uint8Array(l.length));
  for (const { region: r, longest } of marks) {
    for (let row = Math.max(0, r.startRow); row <= Math.min(r.endRow, src.length - 1); row++) {
      const from = row === r.startRow ? r.startCol : 0;
      const to = row === r.endRow ? r.endCol : src[row].length;
      for (let c = Math.max(0, from); c < Math.min(to, src[row].length); c++) {
        level[row][c] = Math.max(level[row][c], longest ? 2 : 1);
      }
    }
  }
  const width = String(src.length).length;
  return src
    .map((line, row) => {
      let html = `<span class="n">${String(row + 1).padStart(width)}</span> `;
      for (let c = 0; c < line.length;) {
        const lv = level[row][c];
        let end = c;
        while (end < line.length && level[row][end] === lv) end++;
        const piece = escapeHtml(line.slice(c, end));
        html += lv === 0 ? piece : `<mark${lv === 2 ? ' class="longest"' : ""}>${piece}</mark>`;
        c = end;
      }
      return html;
    })
    .join("\n");
}

function side(student: string, text: string, regions: Region[]): string {
  const marks = regions.map((region, i) => ({ region, longest: i === 0 }));
  return `<div><h3>${escapeHtml(student)}</h3><pre><code>${markedCode(text, marks)}</code></pre></div>`;
}

const lineRange = (r: Region) => `${r.startRow + 1}-${r.endRow + 1}`;

function longestAt(p: SimilarPair): string {
  const f = p.fragments[0];
  return f ? `; the longest, marked darker: lines ${lineRange(f.a)} and ${lineRange(f.b)}` : "";
}

function detail(p: SimilarPair, i: number, r: SimilarityResult): string {
  const texts = r.texts.get(p.file);
  const [a, b] = [texts?.get(p.a) ?? "", texts?.get(p.b) ?? ""];
  return (
    `<section id="pair-${i + 1}"><h2>${i + 1}. ${escapeHtml(p.file)}: ${escapeHtml(p.a)} and ` +
    `${escapeHtml(p.b)}, similarity ${p.similarity.toFixed(3)}</h2>` +
    `<p>${p.fragments.length} shared fragment(s)${longestAt(p)}.</p>` +
    `<div class="sides">${side(
      p.a,
      a,
      p.fragments.map((f) => f.a),
    )}${side(
      p.b,
      b,
      p.fragments.map((f) => f.b),
    )}</div></section>`
  );
}

/** The whole page. */
export function similarityHtml(r: SimilarityResult): string {
  const rows = r.pairs.map((p, i) => {
    const f = p.fragments[0];
    const longest = f ? `${f.a.endRow - f.a.startRow + 1} lines` : "";
    return (
      `<tr><td class="num"><a href="#pair-${i + 1}">${i + 1}</a></td>` +
      `<td class="num">${p.similarity.toFixed(3)}</td><td>${escapeHtml(p.file)}</td>` +
      `<td>${escapeHtml(p.a)}</td><td>${escapeHtml(p.b)}</td><td>${longest}</td></tr>`
    );
  });
  const shown = r.pairs.slice(0, MAX_DETAILED);
  const more =
    r.pairs.length > shown.length
      ? `<p>Only the first ${shown.length} pairs are shown side by side; similarity.csv lists all.</p>`
      : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Similarity report</title>
<style>${STYLE}</style></head><body>
<h1>Similarity report</h1>
<p class="note">Similarity is evidence for a person to review, not a verdict. Short exercises
can only be written in a few ways, and the engine compares the shape of the code (its syntax
tree), not its names: read both files before drawing any conclusion.</p>
<p>${r.compared} pairs compared with Dolos (k-grams of ${KGRAM_LENGTH} syntax-tree tokens, winnowing
window ${KGRAMS_IN_WINDOW}), per exercise file, the course's stub ignored; ${r.pairs.length} at or
above the threshold ${r.threshold}.</p>
<table><thead><tr><th>#</th><th>similarity</th><th>file</th><th>student a</th><th>student b</th>
<th>longest shared fragment</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>
${more}
${shown.map((p, i) => detail(p, i, r)).join("\n")}
</body></html>
`;
}
