/**
 * A plotly figure as plain data, and its checks. We keep our own small types instead of
 * plotly's (which are huge): a trace is an object with plotly's fields.
 */
import { OptkitError } from "../util/check";

/** Numbers for a trace's coordinates: plain arrays or typed arrays; `null` marks a gap. */
export type Series = ArrayLike<number | null>;

/** One plotly trace (`scatter`, `contour`, `heatmap`, ...), with plotly's field names. */
export interface Trace {
  type?: string;
  name?: string;
  x?: Series;
  y?: Series;
  z?: Series | Series[];
  mode?: string;
  [field: string]: unknown;
}

/**
 * An animation frame: new values for some fields of the traces listed in `traces` (indices into
 * the figure's `data`; all of them, in order, when absent), shown by plotly's `animate`.
 */
export interface Frame {
  name: string;
  data: Trace[];
  traces?: number[];
}

/** A plotly figure: traces, layout, config and animation frames, as plotly.js's `newPlot` takes them. */
export interface Figure {
  data: Trace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: Frame[];
}

/**
 * The figure as JSON-ready data: typed arrays become plain arrays, and any NaN or infinite
 * number is an error naming the trace, field and index (a NaN would silently vanish from a plot).
 * Numbers keep PLOT_DIGITS significant digits: a plot shows three or four, the hover label up to
 * six, and the full 17 would make a notebook saved with its plots about twice as large.
 */
export function figureToJSON(fig: Figure): Figure {
  if (!fig || !Array.isArray(fig.data)) {
    throw new OptkitError("figure", "expected an object with a `data` array of traces");
  }
  const data = tracesToJSON(fig.data, "figure.data", fig.layout);
  const out: Figure = {
    data,
    layout: placeTitle(
      fig.layout ? (plain(fig.layout, "figure.layout") as Record<string, unknown>) : {},
    ),
    config: { responsive: true, displaylogo: false, ...(fig.config ?? {}) },
  };
  if (fig.frames) {
    out.frames = fig.frames.map((f, i) => {
      const where = `figure.frames[${i}].data`;
      // A frame carries only what changes: check each of its traces as plotly shows it, merged
      // into the trace it moves (a new y must still fit the old x).
      if (Array.isArray(f?.data)) {
        const moved = f.data.map((t, k) => ({ ...data[f.traces?.[k] ?? k], ...t }));
        tracesToJSON(moved, where, fig.layout);
      }
      return {
        ...(plain(f, `figure.frames[${i}]`) as Frame),
        data: tracesToJSON(f.data, where, fig.layout),
      };
    });
  }
  return out;
}

/**
 * Traces as JSON-ready data, with `figureToJSON`'s checks; an error names `where[i]` and the
 * trace's name, e.g. `traces(η = 0.5)[1] ("GD").y[3]`.
 */
export function tracesToJSON(
  traces: Trace[],
  where: string,
  layout: Record<string, unknown> = {},
): Trace[] {
  if (!Array.isArray(traces)) throw new OptkitError(where, "expected an array of traces");
  return traces.map((trace, i) => {
    const at = `${where}[${i}]${trace?.name ? ` ("${trace.name}")` : ""}`;
    if (trace === null || typeof trace !== "object") {
      throw new OptkitError(at, `expected a trace (an object), got ${String(trace)}`);
    }
    const out = plain(trace, at) as Trace;
    checkTrace(out, at, layout);
    return out;
  });
}

/**
 * What plotly would drop without a word: x and y of different lengths (points without a
 * partner), and values <= 0 on a log axis (no logarithm). `null` stays allowed: it marks a gap.
 */
function checkTrace(trace: Trace, where: string, layout: Record<string, unknown>): void {
  const { x, y } = trace;
  if (trace.z === undefined && Array.isArray(x) && Array.isArray(y) && x.length !== y.length) {
    throw new OptkitError(
      where,
      `expected x and y of the same length (one x per y), got x of length ${x.length} and y of length ${y.length}`,
    );
  }
  for (const [field, axisRef] of [
    ["x", trace.xaxis],
    ["y", trace.yaxis],
  ] as const) {
    const values = trace[field];
    const key = `${field}axis${typeof axisRef === "string" ? axisRef.slice(1) : ""}`;
    const axis = layout[key] as { type?: unknown } | undefined;
    if (axis?.type !== "log" || !Array.isArray(values)) continue;
    const i = values.findIndex((v) => typeof v === "number" && !(v > 0));
    if (i >= 0) {
      throw new OptkitError(
        `${where}.${field}[${i}]`,
        `expected values > 0 on the log axis ${key} (null leaves a gap), got ${values[i]}`,
      );
    }
  }
}

/** Space at the top of a plot for plotly's toolbar (the mode bar), in pixels. */
export const TOOLBAR_HEIGHT = 36;

/**
 * Put the title on its own line below plotly's toolbar, which sits in the top-right corner and
 * would cover the end of a long title; the top margin grows to fit. A title that sets its own
 * `y` is left where it is.
 */
function placeTitle(layout: Record<string, unknown>): Record<string, unknown> {
  const raw = layout.title;
  if (raw === undefined || raw === "") return layout;
  const title: Record<string, unknown> =
    typeof raw === "object" && raw ? { ...raw } : { text: raw };
  if (!title.text || title.y !== undefined) return layout;
  const margin = (layout.margin ?? {}) as Record<string, unknown>;
  const top = typeof margin.t === "number" ? margin.t : 80;
  return {
    ...layout,
    title: { yref: "container", y: 1, yanchor: "top", pad: { t: TOOLBAR_HEIGHT }, ...title },
    margin: { ...margin, t: Math.max(top, TOOLBAR_HEIGHT + 50) },
  };
}

/** Significant digits kept in a plotted number. */
export const PLOT_DIGITS = 7;

function plain(value: unknown, where: string): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new OptkitError(where, `expected finite numbers to plot, got ${value}`);
    }
    return Number(value.toPrecision(PLOT_DIGITS));
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return plain(Array.from(value as unknown as ArrayLike<number>), where);
  }
  if (Array.isArray(value)) return value.map((v, i) => plain(v, `${where}[${i}]`));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v, `${where}.${k}`);
    return out;
  }
  return value;
}

/** A one-line description of a figure: the plain-text fallback of every plot. */
export function describeFigure(fig: Figure): string {
  const layout = fig.layout ?? {};
  const rawTitle = layout.title;
  const title =
    typeof rawTitle === "string"
      ? rawTitle
      : rawTitle && typeof rawTitle === "object" && "text" in rawTitle
        ? String((rawTitle as { text: unknown }).text)
        : "untitled";
  const traces = fig.data.map((t) => {
    const n = t.y?.length ?? t.x?.length ?? (Array.isArray(t.z) ? t.z.length : 0);
    return `${t.name ?? t.type ?? "trace"} (${n} points)`;
  });
  return `[plot] ${title}: ${traces.join(", ")}`;
}
