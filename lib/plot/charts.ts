/**
 * Figure builders for the course's usual pictures: curves (optionally log-scaled), contour
 * plots of a 2-D function with optimizer paths on top, and heat maps. Each returns a `Figure`
 * to pass to `showPlot`, and can be adjusted before (they are plain objects).
 */
import { checkNumber } from "../util/check";
import { Figure, Series, Trace } from "./figure";

export interface Axis {
  title: string;
  log?: boolean;
  range?: [number, number];
}

function axis(a: Axis | undefined): Record<string, unknown> {
  if (!a) return {};
  const out: Record<string, unknown> = { title: { text: a.title } };
  if (a.log) out.type = "log";
  if (a.range) out.range = a.log ? a.range.map(Math.log10) : a.range;
  return out;
}

/** A common layout: title, axis titles, log scales, a legend when there are several traces. */
export function layout(title: string, x?: Axis, y?: Axis, extra: Record<string, unknown> = {}) {
  return {
    title: { text: title },
    xaxis: axis(x),
    yaxis: axis(y),
    margin: { t: 50, r: 20, b: 50, l: 60 },
    ...extra,
  };
}

/** One named curve y(x); without `x`, the index 0, 1, 2, ... is used. */
export interface Curve {
  name: string;
  y: Series;
  x?: Series;
  mode?: "lines" | "markers" | "lines+markers";
  dash?: "solid" | "dash" | "dot";
}

/** Curves on shared axes, e.g. loss against iteration for several learning rates. */
export function lineChart(opts: { title: string; x: Axis; y: Axis; curves: Curve[] }): Figure {
  const data: Trace[] = opts.curves.map((c) => ({
    type: "scatter",
    name: c.name,
    x: c.x ?? Array.from({ length: c.y.length }, (_, i) => i),
    y: c.y,
    mode: c.mode ?? "lines",
    line: { dash: c.dash ?? "solid" },
  }));
  return { data, layout: layout(opts.title, opts.x, opts.y) };
}

/** A path in the plane, e.g. an optimizer's iterates. */
export interface Path {
  name: string;
  xs: Series;
  ys: Series;
}

/** Grid values z[i][j] = f(x_j, y_i) over a rectangle, n points a side. */
export function grid(
  f: (x: number, y: number) => number,
  xRange: [number, number],
  yRange: [number, number],
  n = 80,
): { x: number[]; y: number[]; z: number[][] } {
  checkNumber("n", n, { min: 2, integer: true });
  const lin = ([a, b]: [number, number]) =>
    Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  const x = lin(xRange);
  const y = lin(yRange);
  return { x, y, z: y.map((yi) => x.map((xj) => f(xj, yi))) };
}

/**
 * Contour lines of f over a rectangle with paths drawn on top. `logLevels` contours
 * log10(f - min + 1e-12)-spaced values, which suits valleys such as Rosenbrock's.
 */
export function contourChart(opts: {
  title: string;
  f: (x: number, y: number) => number;
  xRange: [number, number];
  yRange: [number, number];
  paths?: Path[];
  n?: number;
  logLevels?: boolean;
  labels?: [string, string];
  /** Same scale on both axes, so right angles look right (e.g. gradients vs level sets). */
  equalAspect?: boolean;
}): Figure {
  const g = grid(opts.f, opts.xRange, opts.yRange, opts.n ?? 80);
  let z = g.z;
  if (opts.logLevels) {
    const min = Math.min(...z.map((row) => Math.min(...row)));
    z = z.map((row) => row.map((v) => Math.log10(v - min + 1e-12)));
  }
  const contour: Trace = {
    type: "contour",
    name: opts.logLevels ? "log10 f" : "f",
    x: g.x,
    y: g.y,
    z,
    colorscale: "Viridis",
    contours: { coloring: "lines" },
    showscale: false,
  };
  const paths: Trace[] = (opts.paths ?? []).map((p) => ({
    type: "scatter",
    mode: "lines+markers",
    name: p.name,
    x: p.xs,
    y: p.ys,
    marker: { size: 4 },
  }));
  const [xl, yl] = opts.labels ?? ["x₁", "x₂"];
  return {
    data: [contour, ...paths],
    layout: layout(
      opts.title,
      { title: xl, range: opts.xRange },
      { title: yl, range: opts.yRange },
      opts.equalAspect
        ? { yaxis: { title: { text: yl }, range: opts.yRange, scaleanchor: "x" } }
        : {},
    ),
  };
}

/** A heat map of values z[i][j] with labelled rows (y) and columns (x). */
export function heatmapChart(opts: {
  title: string;
  x: Series | string[];
  y: Series | string[];
  z: number[][];
  xTitle: string;
  yTitle: string;
  colorbar?: string;
}): Figure {
  return {
    data: [
      {
        type: "heatmap",
        x: opts.x as Series,
        y: opts.y as Series,
        z: opts.z,
        colorscale: "Viridis",
        colorbar: { title: { text: opts.colorbar ?? "" } },
      },
    ],
    layout: layout(opts.title, { title: opts.xTitle }, { title: opts.yTitle }),
  };
}
