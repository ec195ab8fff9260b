/**
 * Animations: the traces at a sequence of steps (e.g. optimizers' iterates over time) as plotly
 * animation frames, with Play / Pause buttons and a step slider under the plot. plotly.js plays
 * them in the browser, with no kernel. Only the fields that change between frames go into the
 * frames; each frame must fit the same shape (count, types, fields) as the first.
 */
import { checkNumber, OptkitError } from "../util/check";
import { EXPLORABLE_BUDGET, checkBudget } from "./budget";
import { Figure, Frame, Trace, tracesToJSON } from "./figure";
import {
  changingFields,
  EXPLORABLE_DIGITS,
  formatValue,
  pick,
  rounded,
  sliderLayout,
  withSliderRoom,
} from "./states";

export interface AnimationOptions {
  /** The steps shown, one frame each, in order (e.g. `thin(range, 60)` of a long run). */
  steps: readonly number[];
  /** The traces at one step; every step gives the same traces, only their values differ. */
  traces: (step: number) => Trace[];
  /** Traces that do not move (e.g. contour lines), drawn first, below. */
  fixed?: Trace[];
  /** plotly layout: title, axes with fixed ranges, legend, height. */
  layout?: Record<string, unknown>;
  /** The slider's label ["step"]. */
  label?: string;
  /** Milliseconds per frame when playing [80]. */
  frameMs?: number;
  /** Largest figure JSON allowed, in bytes [EXPLORABLE_BUDGET = 1 MB]. */
  budget?: number;
  /** Significant digits kept in the traces [4]. */
  digits?: number;
}

/**
 * plotly `animate` options: jump to a frame at once. With `redraw: false` plotly redraws only the
 * moving scatter traces, and a contour or heat map under them vanishes after the first frame.
 */
const jump = (frameMs: number) => ({
  mode: "immediate",
  frame: { duration: frameMs, redraw: true },
  transition: { duration: 0 },
});

/** Pixels the Play / Pause buttons take at the left of the slider row. */
const BUTTONS_WIDTH = 0.2;

/** The figure of an animation: pass it to `showPlot`. Starts at the first step. */
export function animationFigure(opts: AnimationOptions): Figure {
  if (!Array.isArray(opts.steps) || opts.steps.length < 2) {
    throw new OptkitError("steps", `expected at least two steps to animate`);
  }
  opts.steps.forEach((s, i) => {
    checkNumber(`steps[${i}]`, s);
    if (i > 0 && s <= opts.steps[i - 1]) {
      throw new OptkitError(
        "steps",
        `expected increasing steps, got ${opts.steps[i - 1]} then ${s}`,
      );
    }
  });
  if (typeof opts.traces !== "function") {
    throw new OptkitError("traces", "expected a function from a step to traces");
  }
  const frameMs = checkNumber("frameMs", opts.frameMs ?? 80, { min: 0 });
  const layout = opts.layout ?? {};
  const names = opts.steps.map((s) => `traces(${formatValue(s)})`);
  const digits = checkNumber("digits", opts.digits ?? EXPLORABLE_DIGITS, {
    min: 1,
    max: 17,
    integer: true,
  });
  const fixed = rounded(tracesToJSON(opts.fixed ?? [], "fixed", layout), digits);
  const states = opts.steps.map((s, i) =>
    rounded(tracesToJSON(opts.traces(s), names[i], layout), digits),
  );
  const changing = changingFields(states, names);
  const moving = changing.map((_, t) => fixed.length + t);
  const frames: Frame[] = opts.steps.map((s, i) => ({
    name: String(s),
    data: states[i].map((t, k) => pick(t, changing[k])),
    traces: moving,
  }));
  const label = opts.label ?? "step";
  const buttons = {
    type: "buttons",
    direction: "left",
    showactive: false,
    x: 0,
    y: 0,
    xanchor: "left",
    yanchor: "top",
    pad: { t: 70, r: 10 },
    buttons: [
      {
        label: "▶ Play",
        method: "animate",
        args: [null, { ...jump(frameMs), fromcurrent: true }],
      },
      { label: "❚❚ Pause", method: "animate", args: [[null], jump(0)] },
    ],
  };
  const slider = sliderLayout({
    label,
    active: 0,
    steps: frames.map((f) => ({ label: f.name, method: "animate", args: [[f.name], jump(0)] })),
    x: BUTTONS_WIDTH,
    len: 1 - BUTTONS_WIDTH,
  });
  const fig: Figure = {
    data: [...fixed, ...states[0]],
    layout: withSliderRoom(layout, { sliders: [slider], updatemenus: [buttons] }),
    frames,
  };
  checkBudget(fig, opts.budget ?? EXPLORABLE_BUDGET, "animationFigure");
  return fig;
}
