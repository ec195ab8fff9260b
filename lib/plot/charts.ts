/**
 * Figure builders for the course's usual pictures: curves (optionally log-scaled), contour
 * plots of a 2-D function with optimizer paths on top, and heat maps. Each returns a `Figure`
 * to pass to `showPlot`, and can be adjusted before (they are plain objects).
 */
import { checkNumber, OptkitError } from "../util/check";
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
  if (a.log) out.exponentformat = "power"; // 10^-8, not the SI prefix "10n"
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

const CONTOUR_GREYS = [
  [0, "#505050"],
  [1, "#a0a0a0"],
];
/** plotly's default colours without its grey, which would vanish on the grey level lines. */
const PATH_COLORS = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
];
const pathColor = (i: number) => PATH_COLORS[i % PATH_COLORS.length];
const PATH_DASHES = ["solid", "dot", "dash", "dashdot", "longdash", "solid", "dot"];
const PATH_SYMBOLS = [
  "circle",
  "square",
  "diamond",
  "triangle-up",
  "x",
  "cross",
  "star-open",
  "triangle-down",
];

/**
 * Contour lines of f over a rectangle with paths drawn on top. `logLevels` spaces the levels
 * evenly in log10(f − min) (over four decades), which suits valleys such as Rosenbrock's.
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
    // Levels evenly spaced in log10(f − min) over the four decades below the top of the
    // picture: a lower floor would spend most lines on a tiny blob around the minimum.
    const min = Math.min(...z.map((row) => Math.min(...row)));
    const max = Math.max(...z.map((row) => Math.max(...row)));
    const floor = Math.max((max - min) * 1e-4, 1e-12);
    z = z.map((row) => row.map((v) => Math.log10(v - min + floor)));
  }
  // Grey level lines, darker downhill, so that the coloured paths stand out on them.
  const contour: Trace = {
    type: "contour",
    name: opts.logLevels ? "log₁₀ f" : "f",
    x: g.x,
    y: g.y,
    z,
    colorscale: CONTOUR_GREYS,
    contours: { coloring: "lines" },
    line: { width: 1.2 },
    ncontours: 24,
    showscale: false,
  };
  // Each path its own marker and dash, so paths that coincide (e.g. Adam and AdamW far from
  // where the weight decay matters) stay visible one through the other.
  const paths: Trace[] = (opts.paths ?? []).map((p, i) => ({
    type: "scatter",
    mode: "lines+markers",
    name: p.name,
    x: p.xs,
    y: p.ys,
    line: { width: 2, dash: PATH_DASHES[i % PATH_DASHES.length], color: pathColor(i) },
    // at most 60 markers a path, so long runs stay lines one can follow
    marker: {
      size: 6,
      symbol: PATH_SYMBOLS[i % PATH_SYMBOLS.length],
      color: pathColor(i),
      maxdisplayed: 60,
    },
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

/** An arrow from (x0, y0) to (x1, y1) in data coordinates. */
export interface Arrow {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Arrows as plotly annotations (put them in `layout.annotations`), e.g. gradient vectors on a
 * contour plot. `standoff` leaves that many pixels free at both ends (for node boxes).
 */
export function arrowAnnotations(
  arrows: readonly Arrow[],
  opts: { color?: string; standoff?: number } = {},
): Record<string, unknown>[] {
  return arrows.map((a, i) => {
    for (const k of ["x0", "y0", "x1", "y1"] as const) checkNumber(`arrows[${i}].${k}`, a[k]);
    return {
      x: a.x1,
      y: a.y1,
      ax: a.x0,
      ay: a.y0,
      xref: "x",
      yref: "y",
      axref: "x",
      ayref: "y",
      text: "",
      showarrow: true,
      arrowhead: 2,
      arrowsize: 1,
      arrowwidth: 1.5,
      arrowcolor: opts.color ?? "#444",
      standoff: opts.standoff ?? 0,
      startstandoff: opts.standoff ?? 0,
    };
  });
}

/** A node of a computation graph to draw; `inputs` are ids of nodes listed before it. */
export interface GraphChartNode {
  id: number;
  label: string;
  op: string;
  data: number;
  grad: number;
  inputs: number[];
}

/**
 * A computation graph drawn left to right, e.g. `out.nodes()` after `out.backward()`: node k sits
 * in column depth(k) = 1 + max depth of its inputs, a leaf one column before its first consumer;
 * each box shows the node's name, its value (forward pass) and its adjoint d out / d node
 * (backward pass); arrows go from inputs to outputs; an unnamed leaf (a constant) shows its
 * value. Nodes come inputs first (a topological order).
 */
export function graphChart(opts: {
  title: string;
  nodes: readonly GraphChartNode[];
  digits?: number;
}): Figure {
  const depth = new Map<number, number>();
  for (const [i, n] of opts.nodes.entries()) {
    const ds = n.inputs.map((id) => {
      const d = depth.get(id);
      if (d === undefined) {
        throw new OptkitError(`nodes[${i}].inputs`, `expected ids of earlier nodes, got ${id}`);
      }
      return d;
    });
    depth.set(n.id, ds.length === 0 ? 0 : 1 + Math.max(...ds));
  }
  // A leaf sits one column before its first consumer (a constant used late stays close to it).
  const leaves = new Set(opts.nodes.filter((n) => n.inputs.length === 0).map((n) => n.id));
  const leafColumn = new Map<number, number>();
  for (const n of opts.nodes) {
    for (const id of n.inputs.filter((i) => leaves.has(i))) {
      const d = (depth.get(n.id) as number) - 1;
      leafColumn.set(id, Math.min(leafColumn.get(id) ?? d, d));
    }
  }
  for (const [id, d] of leafColumn) depth.set(id, d);
  const columns = new Map<number, number>();
  const pos = new Map<number, { x: number; y: number }>();
  for (const n of opts.nodes) {
    const d = depth.get(n.id) as number;
    const k = columns.get(d) ?? 0;
    columns.set(d, k + 1);
    pos.set(n.id, { x: d, y: -k });
  }
  const fmt = (v: number) => String(Number(v.toPrecision(opts.digits ?? 4)));
  const at = (n: GraphChartNode) => pos.get(n.id) as { x: number; y: number };
  const name = (n: GraphChartNode) => n.label || n.op || fmt(n.data); // an unnamed leaf: a constant
  const nodes: Trace = {
    type: "scatter",
    mode: "markers+text",
    name: "nodes",
    x: opts.nodes.map((n) => at(n).x),
    y: opts.nodes.map((n) => at(n).y),
    text: opts.nodes.map((n) => `<b>${name(n)}</b><br>data ${fmt(n.data)}<br>grad ${fmt(n.grad)}`),
    textposition: "middle center",
    marker: { symbol: "square", size: 84, color: "#eef3fb", line: { color: "#5577aa", width: 1 } },
    hoverinfo: "text",
    showlegend: false,
  };
  const arrows = opts.nodes.flatMap((n) =>
    n.inputs.map((id) => {
      const from = pos.get(id) as { x: number; y: number };
      return { x0: from.x, y0: from.y, x1: at(n).x, y1: at(n).y };
    }),
  );
  const rows = Math.max(1, ...columns.values());
  const hidden = { visible: false, zeroline: false };
  return {
    data: [nodes],
    layout: {
      title: { text: opts.title },
      xaxis: { ...hidden, range: [-0.6, Math.max(0, ...depth.values()) + 0.6] },
      yaxis: { ...hidden, range: [-rows + 0.4, 0.6] },
      height: Math.max(280, 120 * rows + 80),
      margin: { t: 50, r: 20, b: 20, l: 20 },
      annotations: arrowAnnotations(arrows, { color: "#5577aa", standoff: 44 }),
    },
  };
}
