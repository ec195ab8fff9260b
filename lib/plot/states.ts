/**
 * What the explorable figures share: the states of a figure (one list of traces per slider value
 * or animation frame) checked to have one shape, the fields that change between states, and the
 * look of a slider under the plot.
 */
import { OptkitError } from "../util/check";
import { Trace } from "./figure";

type Leaves = Map<string, unknown>;

/** A trace's fields as dotted paths (`x`, `line.color`); arrays and plain values are leaves. */
export function leaves(trace: Trace): Leaves {
  const out: Leaves = new Map();
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else {
      out.set(path, value);
    }
  };
  walk(trace, "");
  return out;
}

/**
 * Check that every state has as many traces as the first, each with the same type and fields,
 * and return the fields that differ between states (dotted paths), for each trace index.
 * `names[s]` says which state `states[s]` is, for the error messages.
 */
export function changingFields(states: Trace[][], names: string[]): string[][] {
  const first = states[0];
  if (!first || first.length === 0) {
    throw new OptkitError(names[0] ?? "traces", "expected at least one trace");
  }
  const ref = first.map(leaves);
  const changing = ref.map(() => new Set<string>());
  states.forEach((traces, s) => {
    if (traces.length !== first.length) {
      throw new OptkitError(
        names[s],
        `expected ${first.length} traces (as ${names[0]} gives), got ${traces.length}`,
      );
    }
    traces.forEach((trace, t) => {
      const own = leaves(trace);
      const keys = [...new Set([...own.keys(), ...ref[t].keys()])].sort();
      const missing = keys.filter((k) => !own.has(k) || !ref[t].has(k));
      if (missing.length > 0 || own.get("type") !== ref[t].get("type")) {
        throw new OptkitError(
          `${names[s]}[${t}]`,
          `expected the same type and fields as ${names[0]}[${t}], which differs in ${
            missing.length ? missing.join(", ") : "type"
          }`,
        );
      }
      for (const k of keys) {
        if (JSON.stringify(own.get(k)) !== JSON.stringify(ref[t].get(k))) changing[t].add(k);
      }
    });
  });
  return changing.map((c) => [...c].sort());
}

/** The value at a dotted path of a trace, or `null` (plotly's "default") when absent. */
export function fieldOf(trace: Trace, path: string): unknown {
  let v: unknown = trace;
  for (const k of path.split(".")) {
    if (v === null || typeof v !== "object") return null;
    v = (v as Record<string, unknown>)[k];
  }
  return v === undefined ? null : v;
}

/** Only the given dotted fields of a trace, as nested objects (an animation frame's trace). */
export function pick(trace: Trace, paths: readonly string[]): Trace {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const keys = path.split(".");
    let at = out;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]] = fieldOf(trace, path);
  }
  return out as Trace;
}

/** Significant digits kept in an explorable's changing data unless it says otherwise. */
export const EXPLORABLE_DIGITS = 4;

/**
 * The traces with every number rounded to `digits` significant digits: each state is stored,
 * so each digit counts, and a picture needs three or four (the hover label shows them).
 */
export function rounded(traces: Trace[], digits: number): Trace[] {
  const round = (v: unknown): unknown =>
    typeof v === "number"
      ? Number(v.toPrecision(digits))
      : Array.isArray(v)
        ? v.map(round)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]))
          : v;
  return traces.map((t) => round(t) as Trace);
}

/** A value shown on a slider: four significant digits unless the caller formats it. */
export const formatValue = (v: number) => String(Number(v.toPrecision(4)));

/** Pixels under the plot area for one row of sliders (axis title, rail, ticks, current value). */
export const SLIDER_ROW = 100;

/**
 * A slider under the plot, spanning [x, x + len] of the width. Its current value is written
 * above the rail ("η = 0.3"); with many steps the step labels would run into each other, so they
 * are left out (the current value says where the slider is).
 */
export function sliderLayout(opts: {
  label: string;
  active: number;
  steps: { label: string; method: string; args: unknown[] }[];
  x: number;
  len: number;
}): Record<string, unknown> {
  const crowded = opts.steps.length > Math.round(30 * opts.len);
  return {
    active: opts.active,
    steps: opts.steps,
    x: opts.x,
    len: opts.len,
    y: 0,
    yanchor: "top",
    pad: { t: 58, b: 0, l: 0, r: 0 },
    currentvalue: {
      prefix: `${opts.label} = `,
      visible: true,
      xanchor: "left",
      font: { size: 15, color: "#222" },
    },
    font: { size: 11, ...(crowded ? { color: "rgba(0,0,0,0)" } : {}) },
    ticklen: crowded ? 3 : 7,
    minorticklen: 3,
  };
}

/** The layout with room for one row of sliders (and buttons) under the plot. */
export function withSliderRoom(
  layout: Record<string, unknown>,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const margin = (layout.margin ?? {}) as Record<string, unknown>;
  const bottom = typeof margin.b === "number" ? margin.b : 60;
  const height = typeof layout.height === "number" ? layout.height : 450;
  return {
    ...layout,
    ...extra,
    height: height + SLIDER_ROW,
    margin: { ...margin, b: bottom + SLIDER_ROW },
  };
}
