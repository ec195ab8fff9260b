/**
 * Showing figures from a notebook cell. Each plot is ONE output carrying three MIME types:
 *  - `application/vnd.plotly.v1+json`: the figure itself, drawn by the front end's own plotly.js
 *    where it has a renderer for it (VS Code, JupyterLab or Notebook 7 with plotly's extension),
 *  - `text/html`: a div plus a script that draws the figure with plotly.js (classic Notebook,
 *    JupyterLab and Notebook 7 without plotly's extension, nbconvert HTML, the static course).
 *    plotly.js itself is in no output: the script finds it as `loader.ts` explains, so every
 *    plot draws after any re-running, saving, reopening or reloading, and a notebook saved with
 *    its outputs holds only its figures' data,
 *  - `text/plain`: a one-line description (terminals, text-only front ends).
 * Outside a kernel (a script, a test) the description is printed instead.
 */
import { createHash } from "crypto";
import { kernelDisplay as kernelWriter } from "../util/tslab";
import { describeFigure, Figure, figureToJSON } from "./figure";
import { plotHtml, plotlySources, PlotlySources } from "./loader";

type Bundle = Record<string, unknown>;

let plotCount = 0;
let sources: PlotlySources | null = null;

/** The MIME bundle for a figure; `id` is the HTML element's id. */
export function figureBundle(fig: Figure, id: string): Bundle {
  const json = figureToJSON(fig);
  const height = typeof json.layout?.height === "number" ? json.layout.height : 450;
  sources ??= plotlySources();
  const description = describeFigure(fig);
  return {
    "application/vnd.plotly.v1+json": json,
    "text/html": plotHtml(JSON.stringify(json), id, height, description, sources),
    "text/plain": description,
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
  if (!write) {
    console.log(describeFigure(fig));
    return;
  }
  const bundle = figureBundle(fig, elementId(fig));
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
  let draws = 0;
  const draw = (fig: Figure) => {
    const write = kernelWriter();
    if (!write) return;
    if (!shown) id = elementId(fig);
    // Each state gets its own element id, so one id always means one figure.
    const bundle = figureBundle(fig, `${id}-${++draws}`);
    write({ data: bundle, metadata: {}, transient: { display_id: displayId } }, shown);
    shown = true;
    lastDrawn = Date.now();
  };
  return {
    update(fig, force = false) {
      figureToJSON(fig); // fail at once on NaN, not only when drawn
      last = fig;
      if (force || Date.now() - lastDrawn >= minIntervalMs) draw(fig);
    },
    done() {
      if (!last) return;
      if (kernelWriter()) draw(last);
      else console.log(describeFigure(last));
    },
  };
}
