/**
 * Small grayscale images, such as MNIST digits, tiled in a grid as one heat map (plotly's
 * "Greys" scale: 0 black, the largest value white), with an optional caption above each tile.
 */
import { checkNumber, OptkitError } from "../util/check";
import type { Figure } from "./figure";

export interface ImageGridOptions {
  title: string;
  /** all images, row-major, `width * height` values each, image i at offset i * width * height */
  images: ArrayLike<number>;
  width: number;
  height: number;
  /** which images to show, in reading order */
  indices: ArrayLike<number>;
  /** tiles per row */
  cols: number;
  /** one caption per shown image (e.g. "label 7") */
  captions?: readonly string[];
}

/** One heat map with image `indices[k]` in row floor(k / cols), column k mod cols. */
export function imageGrid(opts: ImageGridOptions): Figure {
  const w = checkNumber("width", opts.width, { min: 1, integer: true });
  const h = checkNumber("height", opts.height, { min: 1, integer: true });
  const cols = checkNumber("cols", opts.cols, { min: 1, integer: true });
  const n = opts.indices.length;
  const count = Math.floor(opts.images.length / (w * h));
  if (opts.captions && opts.captions.length !== n) {
    throw new OptkitError(
      "captions",
      `expected ${n} captions (one per index), got ${opts.captions.length}`,
    );
  }
  const gapX = 2;
  const gapY = opts.captions ? 10 : 2; // room for a caption above each tile
  const rows = Math.max(1, Math.ceil(n / cols));
  const z: (number | null)[][] = Array.from({ length: rows * (h + gapY) }, () =>
    new Array<number | null>(cols * (w + gapX)).fill(null),
  );
  const annotations: Record<string, unknown>[] = [];
  for (let k = 0; k < n; k++) {
    const idx = opts.indices[k];
    if (!(Number.isInteger(idx) && idx >= 0 && idx < count)) {
      throw new OptkitError(
        `indices[${k}]`,
        `expected an image index in 0..${count - 1}, got ${idx}`,
      );
    }
    const top = Math.floor(k / cols) * (h + gapY) + gapY;
    const left = (k % cols) * (w + gapX);
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) z[top + r][left + c] = opts.images[idx * w * h + r * w + c];
    }
    if (opts.captions) {
      annotations.push({
        x: left + (w - 1) / 2,
        y: top - 1,
        text: opts.captions[k],
        showarrow: false,
        yanchor: "bottom",
        font: { size: 10 },
      });
    }
  }
  const hidden = { visible: false, showgrid: false, zeroline: false };
  return {
    data: [{ type: "heatmap", z, colorscale: "Greys", showscale: false }],
    layout: {
      title: { text: opts.title },
      xaxis: { ...hidden, constrain: "domain" },
      yaxis: { ...hidden, autorange: "reversed", scaleanchor: "x" },
      width: Math.min(1000, 3 * cols * (w + gapX) + 40),
      height: Math.min(1200, 3 * rows * (h + gapY) + 90),
      margin: { t: 50, r: 10, b: 10, l: 10 },
      annotations,
    },
  };
}
