/**
 * Showing figures from a notebook cell. Each plot is ONE output carrying three MIME types:
 *  - `application/vnd.plotly.v1+json`: the figure itself (JupyterLab's and VS Code's renderers),
 *  - `text/html`: a div plus a script that draws it with plotly.js (classic Notebook, nbconvert
 *    HTML, Lab without the plotly extension); plotly.js is inlined once per kernel,
 *  - `text/plain`: a one-line description (terminals, text-only front ends).
 * Outside a kernel (a script, a test) the description is printed instead.
 */
import { createHash } from "crypto";
import { readFileSync } from "fs";
import { createRequire } from "module";
import { join } from "path";
import { describeFigure, Figure, figureToJSON } from "./figure";

type Bundle = Record<string, unknown>;
type WriteDisplayData = (
  msg: { data: Bundle; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

const req = createRequire(join(process.cwd(), "index.js"));

/** tslab's live display writer while a cell executes in the kernel, else null. */
function kernelWriter(): WriteDisplayData | null {
  try {
    const jupyter = req("tslab/dist/jupyter") as { lastWriteDisplayData: WriteDisplayData | null };
    return jupyter.lastWriteDisplayData;
  } catch {
    return null;
  }
}

let plotlyInlined = false;
let plotCount = 0;

/** Forget that plotly.js was sent (a fresh kernel starts this way; used by the executor). */
export function resetPlotState(): void {
  plotlyInlined = false;
  plotCount = 0;
}

function plotlyScript(): string {
  const src = readFileSync(req.resolve("plotly.js-cartesian-dist-min"), "utf8");
  // Hide require.js's `define` while plotly.js loads, so it sets window.Plotly in classic Notebook.
  return (
    "<script>window.__optkitDefine = window.define; window.define = undefined;</script>\n" +
    `<script>${src.replace(/<\/script/gi, "<\\/script")}</script>\n` +
    "<script>window.define = window.__optkitDefine;</script>\n"
  );
}

/** The MIME bundle for a figure; `id` is the HTML element's id. */
export function figureBundle(fig: Figure, id: string, inlinePlotly: boolean): Bundle {
  const json = figureToJSON(fig);
  const height = typeof json.layout?.height === "number" ? json.layout.height : 450;
  const payload = JSON.stringify(json).replace(/</g, "\\u003c");
  const html =
    (inlinePlotly ? plotlyScript() : "") +
    `<div id="${id}" class="optkit-plot" style="width:100%;height:${height}px"></div>\n` +
    `<script>(function () {\n` +
    `  var fig = ${payload}, tries = 0;\n` +
    `  function draw() {\n` +
    `    if (window.Plotly) return window.Plotly.newPlot("${id}", fig.data, fig.layout, fig.config);\n` +
    `    if (tries++ < 100) return setTimeout(draw, 50);\n` +
    `    document.getElementById("${id}").textContent = "plotly.js is not loaded: run the notebook's first plot cell again.";\n` +
    `  }\n` +
    `  draw();\n` +
    `})();</script>`;
  return {
    "application/vnd.plotly.v1+json": json,
    "text/html": html,
    "text/plain": describeFigure(fig),
  };
}

/** A deterministic element id: the figure's content hash plus its position in the kernel. */
function elementId(fig: Figure): string {
  const hash = createHash("sha1")
    .update(JSON.stringify(figureToJSON(fig)))
    .digest("hex");
  return `optkit-plot-${++plotCount}-${hash.slice(0, 8)}`;
}

/** Send a MIME bundle as one output; returns false (having sent nothing) outside a kernel. */
export function showBundle(bundle: Bundle): boolean {
  const write = kernelWriter();
  if (!write) return false;
  write({ data: bundle, metadata: {}, transient: {} }, false);
  return true;
}

/** Show a plotly figure as the cell's output (or print its description outside a kernel). */
export function showPlot(fig: Figure): void {
  const write = kernelWriter();
  const bundle = figureBundle(fig, elementId(fig), write !== null && !plotlyInlined);
  if (!write) {
    console.log(bundle["text/plain"]);
    return;
  }
  plotlyInlined = true;
  write({ data: bundle, metadata: {}, transient: {} }, false);
}

/** A figure output that can be redrawn in place, e.g. a training curve while it trains. */
export interface LiveDisplay {
  /** Redraw with this figure (at most every `minIntervalMs`, unless `force`). */
  update(fig: Figure, force?: boolean): void;
  /** Draw the last figure given, so the saved notebook keeps the final state. */
  done(): void;
}

let liveCount = 0;

/** Create a live display; the first `update` shows it, later ones replace it. */
export function liveDisplay(minIntervalMs = 250): LiveDisplay {
  const displayId = `optkit-live-${++liveCount}`;
  let shown = false;
  let last: Figure | null = null;
  let lastDrawn = -Infinity;
  let id = "";
  let ownsPlotly = false; // this display carries plotly.js: its final state must keep it
  const draw = (fig: Figure, final: boolean) => {
    const write = kernelWriter();
    if (!write) return;
    if (!shown) {
      id = elementId(fig);
      ownsPlotly = !plotlyInlined;
    }
    const bundle = figureBundle(fig, id, ownsPlotly && (!shown || final));
    plotlyInlined = true;
    write({ data: bundle, metadata: {}, transient: { display_id: displayId } }, shown);
    shown = true;
    lastDrawn = Date.now();
  };
  return {
    update(fig, force = false) {
      figureToJSON(fig); // fail at once on NaN, not only when drawn
      last = fig;
      if (force || Date.now() - lastDrawn >= minIntervalMs) draw(fig, false);
    },
    done() {
      if (!last) return;
      if (kernelWriter()) draw(last, true);
      else console.log(describeFigure(last));
    },
  };
}
