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

/**
 * SHA-1 of a string's UTF-8 bytes, as hex: the same digest as Node's `createHash("sha1")`,
 * written out so that this module runs in a browser's worker too (the live course).
 */
export function sha1Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const words = new Uint32Array((((bytes.length + 8) >> 6) + 1) * 16);
  for (let i = 0; i < bytes.length; i++) words[i >> 2] |= bytes[i] << (24 - 8 * (i & 3));
  words[bytes.length >> 2] |= 0x80 << (24 - 8 * (bytes.length & 3));
  words[words.length - 1] = bytes.length * 8; // texts under 512 MB: the high word stays 0
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 80; t++) {
      const x = t < 16 ? words[block + t] : w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
      w[t] = t < 16 ? x : (x << 1) | (x >>> 31);
    }
    let [a, b, c, d, e] = h;
    for (let t = 0; t < 80; t++) {
      const f =
        t < 20 ? (b & c) | (~b & d) : t < 40 || t >= 60 ? b ^ c ^ d : (b & c) | (b & d) | (c & d);
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const next = (((a << 5) | (a >>> 27)) + f + e + k + w[t]) >>> 0;
      [e, d, c, b, a] = [d, c, (b << 30) | (b >>> 2), a, next];
    }
    h[0] = (h[0] + a) >>> 0;
    h[1] = (h[1] + b) >>> 0;
    h[2] = (h[2] + c) >>> 0;
    h[3] = (h[3] + d) >>> 0;
    h[4] = (h[4] + e) >>> 0;
  }
  return h.map((v) => (v >>> 0).toString(16).padStart(8, "0")).join("");
}

/** A deterministic element id: the figure's content hash plus its position in the kernel. */
function elementId(fig: Figure): string {
  const hash = sha1Hex(JSON.stringify(figureToJSON(fig)));
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
