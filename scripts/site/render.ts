/**
 * Render an executed notebook as a static HTML page: markdown through marked, LaTeX through
 * KaTeX (to HTML at build time, no MathJax needed), code cells and their outputs. Plot outputs
 * keep their `text/html` form, which draws with the plotly.js that the first plot inlines.
 */
import katex from "katex";
import { marked } from "marked";
import { Notebook, Output, text } from "../notebooks/nbformat";

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Markdown with $inline$ and $$display$$ math. Math is cut out before markdown runs (so `_` and
 * `*` inside formulas stay untouched) and put back as KaTeX HTML afterwards.
 */
export function renderMarkdown(md: string): string {
  const math: string[] = [];
  const keep = (tex: string, display: boolean) => {
    math.push(katex.renderToString(tex, { displayMode: display, throwOnError: false }));
    return `@@MATH${math.length - 1}@@`;
  };
  const protectedMd = md
    .replace(/```[\s\S]*?```|`[^`\n]*`/g, (code) => code.replace(/\$/g, "@@DOLLAR@@"))
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => keep(tex, true))
    .replace(/\$([^$\n]+?)\$/g, (_, tex: string) => keep(tex, false));
  const html = marked.parse(protectedMd, { async: false }) as string;
  return html
    .replace(/@@MATH(\d+)@@/g, (_, i: string) => math[Number(i)])
    .replace(/@@DOLLAR@@/g, "$");
}

function renderOutput(out: Output): string {
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
code { background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
`;

/** A whole page; `nav` links the course's other pages. */
export function renderPage(
  title: string,
  body: string,
  nav: { href: string; label: string }[],
): string {
  const links = nav.map((n) => `<a href="${n.href}">${escapeHtml(n.label)}</a>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="katex/katex.min.css"><style>${STYLE}</style></head>
<body><nav>${links}</nav>
${body}
</body></html>
`;
}

/** The body of an executed notebook's page. */
export function renderNotebook(nb: Notebook): string {
  return nb.cells
    .map((cell) => {
      if (cell.cell_type === "markdown") return renderMarkdown(text(cell.source));
      if (cell.cell_type !== "code") return "";
      const code = `<pre class="code"><code>${escapeHtml(text(cell.source))}</code></pre>`;
      return code + (cell.outputs ?? []).map(renderOutput).join("\n");
    })
    .join("\n");
}
