/**
 * Explorable figures: traces precomputed for each value of one or two parameters, with a slider
 * per parameter under the plot. Moving a slider is plotly.js's own `restyle` (no kernel), so the
 * figure works wherever plots draw: Jupyter, VS Code, exported HTML, the static course.
 *
 * How two sliders combine (a plotly slider step carries fixed arguments, so it cannot read the
 * other slider): the figure holds one copy of the changing traces per value of the FIRST
 * parameter, and only the copy of its current value is visible. The first slider switches which
 * copy is visible; the second slider writes, into every copy i, the data precomputed for
 * (first value i, second value j). Either order of moves then shows the traces of the current
 * pair, and the whole grid is computed once, here.
 *
 * Give the axes fixed ranges (layout.xaxis.range, ...): otherwise plotly rescales them at every
 * move and the eye loses what changed. The figure must fit its byte budget (see ./budget).
 */
import { checkNumber, OptkitError } from "../util/check";
import { EXPLORABLE_BUDGET, checkBudget } from "./budget";
import { Figure, Trace, tracesToJSON } from "./figure";
import {
  changingFields,
  EXPLORABLE_DIGITS,
  fieldOf,
  formatValue,
  rounded,
  sliderLayout,
  withSliderRoom,
} from "./states";

/** One parameter of an explorable: its slider's label, values and starting position. */
export interface Slider {
  /** The name shown before the current value, e.g. `"η"` or `"batch size"`. */
  label: string;
  /** The values the slider steps through (finite numbers, at least one). */
  values: readonly number[];
  /** Index into `values` where the slider starts [0]. */
  initial?: number;
  /** How a value is written on the slider [4 significant digits]. */
  format?: (v: number) => string;
}

export interface ExplorableOptions {
  /** One or two sliders (parameters). */
  sliders: readonly Slider[];
  /**
   * The traces for one value of each parameter, in the sliders' order. Every call must give the
   * same traces (count, types, fields); only their values may differ (data, names, colours).
   */
  traces: (...values: number[]) => Trace[];
  /** Traces that do not depend on the parameters (e.g. contour lines), drawn first, below. */
  fixed?: Trace[];
  /** plotly layout: title, axes with fixed ranges, legend, height. */
  layout?: Record<string, unknown>;
  /** Largest figure JSON allowed, in bytes [EXPLORABLE_BUDGET = 1 MB]. */
  budget?: number;
  /** Significant digits kept in the traces [4]. */
  digits?: number;
}

function checkSliders(sliders: readonly Slider[]): void {
  if (!Array.isArray(sliders) || sliders.length < 1 || sliders.length > 2) {
    throw new OptkitError("sliders", `expected one or two sliders, got ${String(sliders?.length)}`);
  }
  sliders.forEach((s, k) => {
    if (typeof s?.label !== "string" || s.label === "") {
      throw new OptkitError(`sliders[${k}].label`, "expected a non-empty string");
    }
    const values: readonly number[] = s.values;
    if (!Array.isArray(values) || values.length === 0) {
      throw new OptkitError(`sliders[${k}].values`, "expected a non-empty array of numbers");
    }
    values.forEach((v: number, i: number) => checkNumber(`sliders[${k}].values[${i}]`, v));
    checkNumber(`sliders[${k}].initial`, s.initial ?? 0, {
      min: 0,
      max: s.values.length - 1,
      integer: true,
    });
  });
}

/** The figure of an explorable: pass it to `showPlot`. See the module comment. */
export function explorableFigure(opts: ExplorableOptions): Figure {
  checkSliders(opts.sliders);
  if (typeof opts.traces !== "function") {
    throw new OptkitError("traces", "expected a function from the parameters' values to traces");
  }
  const layout = opts.layout ?? {};
  const digits = checkNumber("digits", opts.digits ?? EXPLORABLE_DIGITS, {
    min: 1,
    max: 17,
    integer: true,
  });
  const fixed = rounded(tracesToJSON(opts.fixed ?? [], "fixed", layout), digits);
  const [first, second] = opts.sliders.length === 2 ? opts.sliders : [null, opts.sliders[0]];
  const copies = first ? first.values.length : 1;
  const fmt = (s: Slider, v: number) => (s.format ?? formatValue)(v);
  // states[i][j]: the traces for (first value i, second value j)
  const names: string[] = [];
  const states = Array.from({ length: copies }, (_, i) =>
    second.values.map((b) => {
      const values = first ? [first.values[i], b] : [b];
      const name = `traces(${opts.sliders.map((s, k) => `${s.label} = ${fmt(s, values[k])}`).join(", ")})`;
      names.push(name);
      return rounded(tracesToJSON(opts.traces(...values), name, layout), digits);
    }),
  );
  const perCopy = changingFields(states.flat(), names).length; // also checks the shapes
  // The second slider writes only what changes along it, into only the traces that change: a
  // trace that depends on the first parameter alone (e.g. level lines that depend on κ, not on
  // η) stays as its copy holds it.
  const along = Array.from({ length: perCopy }, () => new Set<string>());
  states.forEach((row, i) =>
    changingFields(row, names.slice(i * row.length, (i + 1) * row.length)).forEach((f, t) =>
      f.forEach((k) => along[t].add(k)),
    ),
  );
  const moved = along.flatMap((f, t) => (f.size > 0 ? [t] : []));
  const fields = [...new Set(moved.flatMap((t) => [...along[t]]))].sort();
  const i0 = first?.initial ?? 0;
  const j0 = second.initial ?? 0;
  const group = Array.from({ length: copies * perCopy }, (_, n) => fixed.length + n);
  const data: Trace[] = [
    ...fixed,
    ...states.flatMap((row, i) => row[j0].map((t) => (first ? { ...t, visible: i === i0 } : t))),
  ];
  // the second slider: every copy i gets the values of state (i, j)
  const secondSteps = second.values.map((b, j) => {
    const update: Record<string, unknown[]> = {};
    for (const f of fields) {
      update[f] = states.flatMap((row) => moved.map((t) => fieldOf(row[j][t], f)));
    }
    const targets = states.flatMap((_, i) => moved.map((t) => fixed.length + i * perCopy + t));
    return { label: fmt(second, b), method: "restyle", args: [update, targets] };
  });
  const sliders = [];
  if (first) {
    const firstSteps = first.values.map((a, i) => ({
      label: fmt(first, a),
      method: "restyle",
      args: [{ visible: group.map((_, n) => Math.floor(n / perCopy) === i) }, group],
    }));
    sliders.push(
      sliderLayout({ label: first.label, active: i0, steps: firstSteps, x: 0, len: 0.47 }),
    );
  }
  sliders.push(
    sliderLayout({
      label: second.label,
      active: j0,
      steps: secondSteps,
      x: first ? 0.53 : 0,
      len: first ? 0.47 : 1,
    }),
  );
  const fig: Figure = { data, layout: withSliderRoom(layout, { sliders }) };
  checkBudget(fig, opts.budget ?? EXPLORABLE_BUDGET, "explorableFigure");
  return fig;
}
