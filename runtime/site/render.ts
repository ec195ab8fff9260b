/**
 * Render an executed notebook as a static HTML page: markdown through marked, LaTeX through
 * KaTeX (to HTML at build time, no MathJax needed), code cells and their outputs. Plot outputs
 * keep their `text/html` form; every page starts loading plotly.js from the site's own copy
 * (PLOTLY_FILE) in its head without waiting for it, and each plot's script draws when it is in.
 */
import katex from "katex";
import { marked } from "marked";
import { Notebook, Output, text } from "../notebooks/nbformat";
import { escapeHtml } from "../../lib/util/html";

/** The file name of the site's copy of plotly.js, beside the pages. */
export const PLOTLY_FILE = "plotly-cartesian.min.js";

/** One token that matters to math: delimiters, escapes, braces, a blank line. */
const MATH_TOKEN = /(\$\$?|\\(?:begin|end)\{[a-z]*\*?\}|\\[\\{}$]|[{}]|\n[ \t]*\n\s*)/i;

/**
 * Cut the math out of markdown as Jupyter does before its markdown runs: `$...$` (inline, may
 * span lines), `$$...$$` and `\begin{env}...\end{env}` (display); a delimiter inside braces does
 * not close; `\$` is a literal dollar (markdown then drops the backslash); a blank line ends a
 * paragraph and any math left open in it, which then stays text. Each formula is replaced by
 * what `keep(tex, display)` returns.
 */
export function cutMath(md: string, keep: (tex: string, display: boolean) => string): string {
  const blocks = md.split(MATH_TOKEN); // odd indices are tokens
  let start = -1;
  let end = "";
  let braces = 0;
  let last = -1; // a closing delimiter seen inside braces: the fallback end
  const close = (from: number, to: number) => {
    const tex = blocks.slice(from, to + 1).join("");
    const open = blocks[from];
    const display = open !== "$";
    const inner = open.startsWith("\\") ? tex : tex.slice(open.length, tex.length - open.length);
    blocks[from] = keep(inner, display);
    for (let k = from + 1; k <= to; k++) blocks[k] = "";
    start = -1;
    last = -1;
    braces = 0;
  };
  for (let i = 1; i < blocks.length; i += 2) {
    const token = blocks[i];
    if (start < 0) {
      if (token === "$" || token === "$$") [start, end, braces] = [i, token, 0];
      else if (token.startsWith("\\begin")) [start, end, braces] = [i, "\\end" + token.slice(6), 0];
    } else if (token === end) {
      if (braces > 0) last = i;
      else close(start, i);
    } else if (token.startsWith("\n")) {
      if (last >= 0) close(start, last);
      start = -1;
      last = -1;
    } else if (token === "{") braces++;
    else if (token === "}" && braces > 0) braces--;
  }
  if (start >= 0 && last >= 0) close(start, last);
  return blocks.join("");
}

/**
 * Markdown with math. Math is cut out before markdown runs (so `_` and `*` inside formulas stay
 * untouched) and put back as KaTeX HTML afterwards; code spans and blocks keep their `$`.
 */
export function renderMarkdown(md: string): string {
  const math: string[] = [];
  const keep = (tex: string, display: boolean) => {
    math.push(katex.renderToString(tex, { displayMode: display, throwOnError: false }));
    return `@@MATH${math.length - 1}@@`;
  };
  const protectedMd = cutMath(
    md.replace(/```[\s\S]*?```|`[^`\n]*`/g, (code) => code.replace(/\$/g, "@@DOLLAR@@")),
    keep,
  );
  const html = marked.parse(protectedMd, { async: false }) as string;
  return html
    .replace(/@@MATH(\d+)@@/g, (_, i: string) => math[Number(i)])
    .replace(/@@DOLLAR@@/g, "$");
}

/** One output as HTML (also used by the live page for outputs of cells run in the browser). */
export function renderOutput(out: Output): string {
  switch (out.output_type) {
    case "stream":
      return `<pre class="out ${out.name}">${escapeHtml(text(out.text))}</pre>`;
    case "error":
      return `<pre class="out stderr">${escapeHtml(`${out.ename}: ${out.evalue}`)}</pre>`;
    default: {
      const d = out.data;
      if (typeof d["text/html"] === "string")
        return `<div class="out html">${d["text/html"]}</div>`;
      if (typeof d["image/svg+xml"] === "string")
        return `<div class="out">${d["image/svg+xml"]}</div>`;
      if (typeof d["image/png"] === "string")
        return `<img class="out" src="data:image/png;base64,${d["image/png"]}">`;
      if (typeof d["text/markdown"] === "string")
        return `<div class="out">${renderMarkdown(d["text/markdown"])}</div>`;
      if (typeof d["text/latex"] === "string")
        return `<div class="out">${renderMarkdown(d["text/latex"])}</div>`;
      const plain = d["text/plain"];
      return `<pre class="out">${escapeHtml(typeof plain === "string" ? plain : JSON.stringify(plain))}</pre>`;
    }
  }
}

const STYLE = `
body { font: 16px/1.55 system-ui, sans-serif; max-width: 960px; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
pre { background: #f6f8fa; padding: .6rem .8rem; border-radius: 6px; overflow-x: auto; font-size: 13.5px; }
pre.code { border-left: 3px solid #6e7781; }
pre.out { background: #fff; border: 1px solid #eaeef2; }
pre.stderr { background: #fff0f0; border-color: #f5c2c2; }
table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: .3rem .6rem; }
nav { margin-bottom: 1.5rem; } nav a { margin-right: 1rem; }
ul.contents { list-style: none; padding-left: 0; } ul.contents li { margin: .3rem 0; }
.static-note { background: #fff8c5; border: 1px solid #d4a72c66; border-radius: 6px; padding: .5rem .8rem; }
code { background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
pre code { padding: 0; background: none; }
#live-bar { position: sticky; top: 0; background: #fff; padding: .4rem 0; border-bottom: 1px solid #d0d7de; z-index: 10; }
#live-bar button, .cell-bar button { font: inherit; font-size: 13px; padding: .1rem .6rem; margin-right: .4rem; }
#live-message { font-size: 14px; color: #57606a; }
.cell-bar { display: flex; gap: .5rem; align-items: center; font: 13px ui-monospace, monospace; color: #57606a; margin-top: .8rem; }
.cell.running pre.code { border-left-color: #bf8700; } .cell.failed pre.code { border-left-color: #cf222e; }
.cell.stale .cell-status { color: #cf222e; } .cell-bar .stop-cell { display: none; } .cell.running .stop-cell { display: inline; }
#exercise-panel { margin: .6rem 0; border: 1px solid #d0d7de; border-radius: 6px; padding: .4rem .8rem; }
#exercise-panel summary { cursor: pointer; } .exercise-tools { margin: .5rem 0; display: flex; gap: .5rem; align-items: center; font-size: 14px; }
.exercise-tools button, .exercise-tools label { font: inherit; } .exercise-tools .saved { color: #57606a; }
.exercise-editor { border: 1px solid #d0d7de; }
.code-editor { border: 1px solid #d0d7de; border-left: 3px solid #6e7781; border-radius: 6px; margin: .4rem 0; }
.cell.running .code-editor { border-left-color: #bf8700; } .cell.failed .code-editor, .cell.type-failed .code-editor { border-left-color: #cf222e; }
#live-types { font-size: 14px; color: #cf222e; }
`;

/**
 * plotly.js without holding up the page's first paint: fetched while the text is shown, as the
 * promise that every plot's loader (lib/plot/loader.ts) waits on before it looks elsewhere.
 */
const PLOTLY_ASYNC =
  "<script>window.optkitPlotlyLoading = new Promise(function (resolve, reject) {" +
  `var s = document.createElement("script"); s.src = "${PLOTLY_FILE}";` +
  "s.onload = function () { window.Plotly ? resolve(window.Plotly) : reject(new Error(s.src)); };" +
  "s.onerror = function () { reject(new Error(s.src)); }; document.head.appendChild(s); });</script>";

/** The site's service worker (offline.ts) keeps the course for offline use after a first visit. */
const OFFLINE =
  '<script>if ("serviceWorker" in navigator && location.protocol !== "file:") ' +
  'navigator.serviceWorker.register("sw.js").catch(function () {});</script>';

/** A whole page; `nav` links the course's other pages; `scripts` load after the page. */
export function renderPage(
  title: string,
  body: string,
  nav: { href: string; label: string }[],
  scripts: string[] = [],
): string {
  const links = nav.map((n) => `<a href="${n.href}">${escapeHtml(n.label)}</a>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="katex/katex.min.css">${PLOTLY_ASYNC}${OFFLINE}<style>${STYLE}</style></head>
<body><nav>${links}</nav>
${body}
${scripts.map((src) => `<script src="${src}" defer></script>`).join("")}</body></html>
`;
}

/** Above each notebook: this page is a record of a run, not a place to run code. */
export const STATIC_NOTE =
  '<p class="static-note">A read-only copy of the notebook: its cells ran when this page was ' +
  "built, and the outputs below are from that run. Nothing runs here: to run and change the " +
  "cells (Shift+Enter runs one), open the notebook in Jupyter with <code>npm start</code>.</p>";

/** Above each notebook of the live course: the outputs are recorded, and how to run. */
export const LIVE_NOTE =
  '<p class="static-note">The outputs below were recorded when this page was built. Here the ' +
  "cells run in your browser: <b>Run All</b>, or <b>Run</b> on one cell (Shift+Enter in a cell " +
  "you edited), in page order, as in a notebook. Nothing is installed and nothing leaves the " +
  "page.</p>" +
  '<div id="live-bar"><button id="run-all">Run All</button><button id="stop">Stop</button>' +
  '<span id="live-message"></span></div>';

/**
 * A code cell of the live course: its Run button and status, its code (the page's script turns
 * it into an editor), its outputs.
 */
function liveCell(source: string, outputs: string): string {
  return (
    '<div class="cell"><div class="cell-bar"><button class="run">Run</button>' +
    '<button class="stop-cell">Stop</button>' +
    '<span class="cell-status">[ ]</span></div>' +
    `<pre class="code"><code>${escapeHtml(source)}</code></pre>` +
    `<div class="outputs">${outputs}</div></div>`
  );
}

/** The body of an executed notebook's page; `live`: with the live course's controls. */
export function renderNotebook(nb: Notebook, live = false): string {
  const cells = nb.cells
    .map((cell) => {
      if (cell.cell_type === "markdown") return renderMarkdown(text(cell.source));
      if (cell.cell_type !== "code") return "";
      const outputs = (cell.outputs ?? []).map(renderOutput).join("\n");
      if (live) return liveCell(text(cell.source), outputs);
      const code = `<pre class="code"><code>${escapeHtml(text(cell.source))}</code></pre>`;
      return code + outputs;
    })
    .join("\n");
  // The note goes after the notebook's title heading, when it starts with one.
  const note = live ? LIVE_NOTE : STATIC_NOTE;
  const title = /^<h1[^>]*>[\s\S]*?<\/h1>\n?/.exec(cells);
  return title ? title[0] + note + cells.slice(title[0].length) : note + "\n" + cells;
}
