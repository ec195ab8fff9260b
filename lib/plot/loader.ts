/**
 * How a plot's `text/html` finds plotly.js, wherever the output is shown.
 *
 * plotly.js (the cartesian bundle, about 1.4 MB) is never stored in a notebook. Every plot's
 * HTML carries the figure and a small loader (about 3 KB a plot) that draws with
 * `window.Plotly` when the page has it (the static course and `npm run test:notebooks`'s HTML load
 * it in their head), and otherwise brings plotly.js into the page ONCE (all plots of the page
 * wait on one shared promise) from the first of these places that answers:
 *
 *  1. Jupyter's own file server (classic Notebook, Notebook 7, JupyterLab): the course's
 *     `node_modules/plotly.js-cartesian-dist-min/plotly-cartesian.min.js`, addressed as
 *     `<base_url>files/<notebook folder>/<path from the notebook folder>`, then as
 *     `<base_url>files/<path from the course folder>` (Jupyter rooted at the course folder, as
 *     `npm start` does, when the page does not say where the notebook is);
 *  2. in any other page (HTML exported by nbconvert or "Download as HTML", opened from disk or
 *     a web server): the same file by the path relative to the notebook's folder, which works
 *     for HTML saved next to the notebook;
 *  3. the same version of the same bundle on a public CDN (an exported page opened elsewhere,
 *     or Jupyter rooted where the course folder is out of its reach), when online.
 * If none answers, the plot says so in words; the plot's text description is shown until it
 * is drawn, and stays where scripts do not run (an untrusted notebook, a text front end).
 *
 * Why not plotly.js inside an output: sent once per kernel, it lives in whichever output first
 * carried it, and re-running that cell, saving and reopening, or reloading the page loses it
 * (the kernel cannot know what the page holds). Sent with every plot, a notebook with 19 plots
 * would save 19 copies (27 MB). Front ends that render `application/vnd.plotly.v1+json`
 * themselves (VS Code, JupyterLab and Notebook 7 with plotly's renderer) bring their own
 * plotly.js and never run this HTML; should VS Code show the HTML instead, its output page is
 * no Jupyter page and not a file, so the loader goes straight to the CDN.
 */
import { readFileSync } from "fs";
import { createRequire } from "module";
import { dirname, join, relative, sep } from "path";
import { escapeHtml } from "../util/html";

const PACKAGE = "plotly.js-cartesian-dist-min";

/** The plotly.js bundle on this machine, and its version. */
export function plotlyBundle(root = process.cwd()): { file: string; version: string } {
  const req = createRequire(join(root, "index.js"));
  const file = req.resolve(PACKAGE);
  const pkg = JSON.parse(readFileSync(join(dirname(file), "package.json"), "utf8")) as {
    version: string;
  };
  return { file, version: pkg.version };
}

/** Where a plot's loader looks for plotly.js (see the module comment); all URL paths use `/`. */
export interface PlotlySources {
  /** The bundle's path from the notebook's folder, e.g. `../node_modules/...`. */
  fromNotebook: string;
  /** The bundle's path from the course folder, e.g. `node_modules/...`. */
  fromRoot: string;
  /** The same bundle on a public CDN. */
  cdn: string;
}

const urlPath = (p: string) => p.split(sep).join("/");

/**
 * The sources for this kernel. The course kernel starts in the notebook's folder and records
 * it in OPTKIT_NOTEBOOK_DIR before moving to the course folder; elsewhere (tests, the static
 * site) the notebook is taken to be in `notebooks/`. Outside Node (the live course in the
 * browser), the site's own copy of plotly.js beside the pages, which the page has loaded.
 */
export function plotlySources(root?: string): PlotlySources {
  if (typeof process === "undefined" || typeof process.versions?.node !== "string") {
    // The live course's worker: its page loads plotly.js in its head, beside the pages.
    const version =
      (typeof process === "undefined" ? undefined : process.env?.OPTKIT_PLOTLY_VERSION) ?? "";
    const file = "plotly-cartesian.min.js";
    return {
      fromNotebook: file,
      fromRoot: file,
      cdn: `https://cdn.jsdelivr.net/npm/${PACKAGE}@${version}/${file}`,
    };
  }
  root ??= process.cwd();
  const { file, version } = plotlyBundle(root);
  const notebookDir = process.env.OPTKIT_NOTEBOOK_DIR || join(root, "notebooks");
  return {
    fromNotebook: urlPath(relative(notebookDir, file)),
    fromRoot: urlPath(relative(root, file)),
    cdn: `https://cdn.jsdelivr.net/npm/${PACKAGE}@${version}/plotly-cartesian.min.js`,
  };
}

/**
 * The browser-side loader: defines `window.optkitPlotly(sources)`, a promise of plotly.js
 * shared by every plot of the page (a failed attempt is forgotten, so a later plot retries).
 */
const LOADER = `window.optkitPlotly = window.optkitPlotly || function (src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (window.optkitPlotlyLoading) return window.optkitPlotlyLoading;
  function resolvePath(dir, rel) {
    var out = dir ? dir.split("/") : [];
    var parts = rel.split("/");
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] === "..") { if (!out.length) return null; out.pop(); }
      else if (parts[i] && parts[i] !== ".") out.push(parts[i]);
    }
    return out.map(encodeURIComponent).join("/");
  }
  var urls = [], base = null, nb = null, body = document.body;
  if (body && body.hasAttribute("data-base-url")) {
    base = body.getAttribute("data-base-url");
    nb = body.getAttribute("data-notebook-path");
    nb = nb === null ? null : decodeURIComponent(nb);
  } else {
    var cfg = document.getElementById("jupyter-config-data");
    if (cfg) try { base = JSON.parse(cfg.textContent).baseUrl || "/"; } catch (e) {}
  }
  if (base !== null) {
    if (nb === null) {
      var m = /\\/(?:lab(?:\\/workspaces\\/[^/]+)?\\/tree|notebooks)\\/(.+)$/.exec(location.pathname);
      if (m) nb = decodeURIComponent(m[1]);
    }
    if (base.slice(-1) !== "/") base += "/";
    var viaNotebook = nb === null ? null : resolvePath(nb.split("/").slice(0, -1).join("/"), src.fromNotebook);
    if (viaNotebook) urls.push(base + "files/" + viaNotebook);
    var viaRoot = base + "files/" + resolvePath("", src.fromRoot);
    if (urls.indexOf(viaRoot) < 0) urls.push(viaRoot);
  } else if (/^(file|https?):$/.test(location.protocol)) {
    urls.push(src.fromNotebook);
  }
  urls.push(src.cdn);
  var loading = new Promise(function (resolve, reject) {
    (function next(i) {
      if (window.Plotly) return resolve(window.Plotly);
      if (i >= urls.length) return reject(new Error("plotly.js not found at " + urls.join(", ")));
      var s = document.createElement("script");
      s.src = urls[i];
      s.onload = function () { window.Plotly ? resolve(window.Plotly) : next(i + 1); };
      s.onerror = function () { s.remove(); next(i + 1); };
      document.head.appendChild(s);
    })(0);
  });
  window.optkitPlotlyLoading = loading;
  loading.catch(function () { window.optkitPlotlyLoading = null; });
  return loading;
};`;

/** The loader as one line-compact script body (it is repeated in every plot's HTML). */
export const LOADER_SCRIPT = LOADER.replace(/\n\s*/g, " ");

/**
 * A plot's `text/html`: a div showing the figure's description until plotly.js draws it, and
 * the script that draws it. Every div with this `id` is drawn (two outputs with one id hold
 * the same figure: the id contains the figure's content hash).
 */
export function plotHtml(
  figureJson: string,
  id: string,
  height: number,
  description: string,
  sources: PlotlySources,
): string {
  const escaped = escapeHtml(description);
  const payload = figureJson.replace(/</g, "\\u003c");
  return (
    `<div id="${id}" class="optkit-plot" style="width:100%;height:${height}px">${escaped}</div>\n` +
    `<script>${LOADER_SCRIPT}\n` +
    `(function () {\n` +
    `  var fig = ${payload}, tries = 0;\n` +
    `  function placed(then) {\n` +
    `    var els = [].filter.call(document.querySelectorAll('div.optkit-plot[id="${id}"]'),\n` +
    `      function (el) { return !el.classList.contains("js-plotly-plot"); });\n` +
    `    if (els.length || tries++ > 200) els.forEach(then); else setTimeout(placed, 50, then);\n` +
    `  }\n` +
    `  window.optkitPlotly(${JSON.stringify(sources)}).then(function (Plotly) {\n` +
    `    placed(function (el) { el.textContent = ""; Plotly.newPlot(el, fig); });\n` +
    `  }, function () {\n` +
    `    placed(function (el) { el.textContent = "This plot needs plotly.js, which could not be loaded here. Open the notebook in Jupyter started by \\u0060npm start\\u0060 in the course folder, or go online, and reload."; });\n` +
    `  });\n` +
    `})();</script>`
  );
}
