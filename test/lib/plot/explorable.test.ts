import { describe, expect, it } from "vitest";
import {
  animationFigure,
  explorableFigure,
  OptkitError,
  thin,
  type Figure,
  type Trace,
} from "../../../lib";
import { EXPLORABLE_BUDGET, figureBundle, figureBytes, figureToJSON } from "../../../lib/plot";

type Step = { label: string; method: string; args: unknown[] };
type SliderJSON = { active: number; steps: Step[]; currentvalue: { prefix: string } };
const slidersOf = (fig: Figure) => (fig.layout?.sliders ?? []) as SliderJSON[];

/** What plotly's `restyle` does with a slider step's arguments (the fields used here). */
function restyle(data: Trace[], step: Step): void {
  const [update, indices] = step.args as [Record<string, unknown[]>, number[]];
  indices.forEach((traceIndex, n) => {
    for (const [path, values] of Object.entries(update)) {
      const keys = path.split(".");
      let at = data[traceIndex] as Record<string, unknown>;
      for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
      at[keys[keys.length - 1]] = values[n];
    }
  });
}

/** Traces as plotted (seven significant digits). */
const plotted = (traces: Trace[]) => figureToJSON({ data: traces }).data;

const path = (eta: number, kappa = 1): Trace[] => [
  {
    type: "scatter",
    name: `GD, η = ${eta}`,
    x: [0, 1, 2],
    y: [1, 1 - eta, (1 - eta) ** 2 * kappa],
    line: { color: "red" },
  },
  { type: "scatter", name: "start", x: [0], y: [kappa], mode: "markers" },
];

describe("explorableFigure with one slider", () => {
  const etas = [0.1, 0.5, 1.5];
  const fig = explorableFigure({
    sliders: [{ label: "η", values: etas, initial: 1 }],
    traces: (eta) => path(eta),
    fixed: [{ type: "scatter", name: "f", x: [0, 1], y: [0, 0] }],
    layout: { title: "GD", height: 400 },
  });

  it("starts at the initial value, with the fixed traces first", () => {
    expect(fig.data.map((t) => t.name)).toEqual(["f", "GD, η = 0.5", "start"]);
    expect(fig.data[1].y).toEqual([1, 0.5, 0.25]);
    expect(slidersOf(fig)[0].active).toBe(1);
    expect(slidersOf(fig)[0].currentvalue.prefix).toBe("η = ");
  });

  it("has one step per value, carrying that value's precomputed traces", () => {
    const steps = slidersOf(fig)[0].steps;
    expect(steps.map((s) => s.label)).toEqual(["0.1", "0.5", "1.5"]);
    steps.forEach((step, j) => {
      const data = structuredClone(figureToJSON(fig).data);
      restyle(data, step);
      expect(data.slice(1)).toEqual(plotted(path(etas[j])));
    });
    // only what changes travels: x, the colour and the start marker are the same for every η
    expect(Object.keys((steps[0].args[0] as object) ?? {})).toEqual(["name", "y"]);
    // ... into the traces that change: the start marker is the same for every η
    expect(steps[2].args[1]).toEqual([1]);
  });

  it("makes room for the slider under the plot", () => {
    expect(fig.layout?.height).toBeGreaterThan(400);
    expect((fig.layout?.margin as { b: number }).b).toBeGreaterThan(100);
  });
});

describe("explorableFigure with two sliders", () => {
  const etas = [0.1, 0.5, 1.5];
  const kappas = [1, 10];
  const fig = explorableFigure({
    sliders: [
      { label: "η", values: etas, initial: 2 },
      { label: "κ", values: kappas },
    ],
    traces: (eta, kappa) => path(eta, kappa),
  });
  const [first, second] = slidersOf(fig);

  it("holds one copy of the traces per value of the first parameter, one of them visible", () => {
    expect(fig.data).toHaveLength(etas.length * 2);
    expect(fig.data.map((t) => t.visible)).toEqual([false, false, false, false, true, true]);
  });

  it("shows the traces of the current pair after any sequence of moves", () => {
    for (const [i, j, order] of [
      [0, 1, "first"],
      [1, 0, "second"],
      [2, 1, "first"],
      [0, 0, "second"],
    ] as const) {
      const data = structuredClone(figureToJSON(fig).data);
      const moves =
        order === "first" ? [first.steps[i], second.steps[j]] : [second.steps[j], first.steps[i]];
      for (const m of moves) restyle(data, m);
      const shown = data.filter((t) => t.visible);
      expect(shown.map(({ visible: _v, ...t }) => t)).toEqual(plotted(path(etas[i], kappas[j])));
    }
  });

  it("leaves out of the second slider's steps what depends on the first parameter only", () => {
    // sliders the other way round: the start marker depends on κ (now the first) alone
    const swapped = explorableFigure({
      sliders: [
        { label: "κ", values: kappas },
        { label: "η", values: etas },
      ],
      traces: (kappa, eta) => path(eta, kappa),
    });
    const step = slidersOf(swapped)[1].steps[2];
    expect(step.args[1]).toEqual([0, 2]); // the path of each κ copy, not its marker
    const data = structuredClone(figureToJSON(swapped).data);
    restyle(data, slidersOf(swapped)[0].steps[1]);
    restyle(data, step);
    expect(data.filter((t) => t.visible).map(({ visible: _v, ...t }) => t)).toEqual(
      plotted(path(etas[2], kappas[1])),
    );
  });

  it("labels each slider with its parameter", () => {
    expect(first.currentvalue.prefix).toBe("η = ");
    expect(second.currentvalue.prefix).toBe("κ = ");
    expect(second.steps.map((s) => s.label)).toEqual(["1", "10"]);
  });
});

describe("explorableFigure refuses bad input, naming it", () => {
  const ok = { sliders: [{ label: "η", values: [0.1, 0.2] }], traces: (e: number) => path(e) };

  it("a NaN in one state, naming the parameter value, trace and index", () => {
    expect(() =>
      explorableFigure({ ...ok, traces: (e) => (e === 0.2 ? path(NaN) : path(e)) }),
    ).toThrow('traces(η = 0.2)[0] ("GD, η = NaN").y[1]: expected finite numbers to plot, got NaN');
  });

  it("states of different shapes", () => {
    expect(() =>
      explorableFigure({ ...ok, traces: (e) => (e === 0.2 ? path(e).slice(0, 1) : path(e)) }),
    ).toThrow("traces(η = 0.2): expected 2 traces (as traces(η = 0.1) gives), got 1");
    expect(() =>
      explorableFigure({
        ...ok,
        traces: (e) => (e === 0.2 ? [{ ...path(e)[0], mode: "lines" }, path(e)[1]] : path(e)),
      }),
    ).toThrow(
      "traces(η = 0.2)[0]: expected the same type and fields as traces(η = 0.1)[0], which differs in mode",
    );
  });

  it("x and y of different lengths, as showPlot does", () => {
    expect(() =>
      explorableFigure({ ...ok, traces: () => [{ type: "scatter", x: [1, 2], y: [1] }] }),
    ).toThrow("traces(η = 0.1)[0]: expected x and y of the same length");
  });

  it("values <= 0 on a log axis, in a state or in a fixed trace, naming it", () => {
    const layout = { yaxis: { type: "log" } };
    expect(() =>
      explorableFigure({ ...ok, layout, traces: (e) => path(e === 0.2 ? 1 : e) }),
    ).toThrow(
      'traces(η = 0.2)[0] ("GD, η = 1").y[1]: expected values > 0 on the log axis yaxis (null leaves a gap), got 0',
    );
    expect(() =>
      explorableFigure({ ...ok, layout, fixed: [{ type: "scatter", name: "floor", y: [-1] }] }),
    ).toThrow('fixed[0] ("floor").y[0]: expected values > 0 on the log axis yaxis');
    // the same traces on a linear axis are fine
    expect(() => explorableFigure({ ...ok, traces: (e) => path(e === 0.2 ? 1 : e) })).not.toThrow();
  });

  it("x and y of different lengths with two sliders, naming both values", () => {
    expect(() =>
      explorableFigure({
        sliders: [
          { label: "a", values: [1, 2] },
          { label: "b", values: [1, 2] },
        ],
        traces: (a, b) => [
          { type: "scatter", name: "GD", x: new Float64Array(a + b), y: [1, 2, 3] },
        ],
      }),
    ).toThrow(
      'traces(a = 1, b = 1)[0] ("GD"): expected x and y of the same length (one x per y), got x of length 2 and y of length 3',
    );
  });

  it("no slider, three sliders, an empty or non-finite value list, a bad initial index", () => {
    expect(() => explorableFigure({ ...ok, sliders: [] })).toThrow(/^sliders: expected one or two/);
    const s = ok.sliders[0];
    expect(() => explorableFigure({ ...ok, sliders: [s, s, s] })).toThrow(OptkitError);
    expect(() => explorableFigure({ ...ok, sliders: [{ label: "η", values: [] }] })).toThrow(
      "sliders[0].values: expected a non-empty array",
    );
    expect(() =>
      explorableFigure({ ...ok, sliders: [{ label: "η", values: [1, Infinity] }] }),
    ).toThrow("sliders[0].values[1]");
    expect(() => explorableFigure({ ...ok, sliders: [{ ...s, initial: 2 }] })).toThrow(
      "sliders[0].initial: expected an integer in [0, 1], got 2",
    );
  });
});

describe("the size budget", () => {
  const long =
    (n: number) =>
    (e: number): Trace[] => [
      {
        type: "scatter",
        x: Array.from({ length: n }, (_, i) => i),
        y: Array.from({ length: n }, (_, i) => e * i),
      },
    ];

  it("is 1 MB unless a figure sets its own, and an oversized figure is refused with its size", () => {
    expect(EXPLORABLE_BUDGET).toBe(1_000_000);
    const sliders = [{ label: "a", values: Array.from({ length: 40 }, (_, i) => 1 + i / 7) }];
    expect(() => explorableFigure({ sliders, traces: long(5000) })).toThrow(
      /^explorableFigure: the figure's JSON is \d+ kB, over its budget of 1000 kB/,
    );
    const small = explorableFigure({ sliders, traces: long(50) });
    expect(figureBytes(small)).toBeLessThan(EXPLORABLE_BUDGET);
    expect(() => explorableFigure({ sliders, traces: long(50), budget: 1000 })).toThrow(
      /budget of 1 kB/,
    );
  });

  it("measures the JSON that is sent", () => {
    const fig = explorableFigure({ sliders: [{ label: "a", values: [1, 2] }], traces: long(10) });
    expect(figureBytes(fig)).toBe(
      new TextEncoder().encode(JSON.stringify(figureToJSON(fig))).length,
    );
  });

  it("keeps 4 significant digits of the data unless told otherwise", () => {
    const traces = (e: number): Trace[] => [{ type: "scatter", x: [Math.PI], y: [e / 3] }];
    const four = explorableFigure({ sliders: [{ label: "e", values: [1, 2] }], traces });
    expect(four.data[0]).toMatchObject({ x: [3.142], y: [0.3333] });
    const six = explorableFigure({ sliders: [{ label: "e", values: [1, 2] }], traces, digits: 6 });
    expect((slidersOf(six)[0].steps[1].args[0] as { y: number[][] }).y).toEqual([[0.666667]]);
    expect(() =>
      explorableFigure({ sliders: [{ label: "e", values: [1] }], traces, digits: 0 }),
    ).toThrow("digits: expected an integer in [1, 17], got 0");
  });

  it("thin keeps the first and last of a long series and at most max entries", () => {
    const xs = Array.from({ length: 1001 }, (_, i) => i);
    const t = thin(xs, 11);
    expect(t).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(thin(Float64Array.from(xs), 2)).toEqual([0, 1000]);
    expect(() => thin(xs, 1)).toThrow("max: expected an integer >= 2, got 1");
  });
});

describe("animationFigure", () => {
  const run = [3, 1.5, 0.75, 0.375, 0.1875];
  const fig = animationFigure({
    steps: [0, 1, 2, 4],
    traces: (t) => [
      {
        type: "scatter",
        name: "GD",
        x: run.slice(0, t + 1),
        y: run.slice(0, t + 1),
        mode: "lines",
      },
      { type: "scatter", name: "now", x: [run[t]], y: [0], mode: "markers" },
    ],
    fixed: [
      {
        type: "contour",
        z: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
    layout: { title: "halving" },
  });

  it("has one frame per step with only the changing fields, for the moving traces", () => {
    expect(fig.frames?.map((f) => f.name)).toEqual(["0", "1", "2", "4"]);
    expect(fig.frames?.[3]).toEqual({
      name: "4",
      traces: [1, 2],
      data: [{ x: run, y: run }, { x: [run[4]] }],
    });
  });

  it("starts at the first step, with Play, Pause and a slider whose steps name the frames", () => {
    expect(fig.data[1].x).toEqual([3]);
    const menu = (fig.layout?.updatemenus as { buttons: Step[] }[])[0];
    expect(menu.buttons.map((b) => b.label)).toEqual(["▶ Play", "❚❚ Pause"]);
    expect(menu.buttons[0].args[0]).toBeNull();
    expect(menu.buttons[0].args[1]).toMatchObject({ fromcurrent: true, frame: { duration: 80 } });
    const steps = slidersOf(fig)[0].steps;
    expect(steps.map((s) => [s.method, (s.args[0] as string[])[0]])).toEqual(
      fig.frames?.map((f) => ["animate", f.name]),
    );
  });

  it("keeps its frames through figureToJSON and draws them: the HTML passes the whole figure", () => {
    const json = figureToJSON(fig);
    expect(json.frames).toHaveLength(4);
    const html = figureBundle(fig, "anim")["text/html"] as string;
    expect(html).toContain("Plotly.newPlot(el, fig)");
    expect(html).toContain('"frames":[');
  });

  it("refuses a NaN in a frame, naming its step, and steps that do not increase", () => {
    expect(() =>
      animationFigure({
        steps: [0, 1],
        traces: (t) => [{ type: "scatter", x: [t], y: [t === 1 ? NaN : 0] }],
      }),
    ).toThrow("traces(1)[0].y[0]: expected finite numbers to plot, got NaN");
    expect(() => animationFigure({ steps: [0, 2, 1], traces: () => [] })).toThrow(
      "steps: expected increasing steps, got 2 then 1",
    );
    expect(() => animationFigure({ steps: [0], traces: () => [] })).toThrow(/^steps:/);
  });

  it("refuses x and y of different lengths and values <= 0 on a log axis, naming the step", () => {
    const walk = (t: number): Trace[] => [
      { type: "scatter", name: "GD", x: run.slice(0, t + 2), y: run.slice(0, 2) },
    ];
    expect(() => animationFigure({ steps: [0, 1], traces: walk })).toThrow(
      'traces(1)[0] ("GD"): expected x and y of the same length (one x per y), got x of length 3 and y of length 2',
    );
    const falling = (t: number): Trace[] => [
      { type: "scatter", name: "loss", x: [0, 1], y: [1, 1 - t] },
    ];
    const layout = { yaxis: { type: "log" } };
    expect(() => animationFigure({ steps: [0, 1], traces: falling, layout })).toThrow(
      'traces(1)[0] ("loss").y[1]: expected values > 0 on the log axis yaxis (null leaves a gap), got 0',
    );
    expect(() => animationFigure({ steps: [0, 1], traces: falling })).not.toThrow();
  });

  it("refuses a hand-made frame whose values no longer fit the trace it moves", () => {
    const base: Figure = {
      data: [{ type: "scatter", name: "GD", x: [0, 1, 2], y: [3, 2, 1] }],
      layout: { yaxis: { type: "log" } },
    };
    expect(() => figureToJSON({ ...base, frames: [{ name: "1", data: [{ y: [3, 2] }] }] })).toThrow(
      'figure.frames[0].data[0] ("GD"): expected x and y of the same length (one x per y), got x of length 3 and y of length 2',
    );
    expect(() =>
      figureToJSON({ ...base, frames: [{ name: "1", data: [{ y: [3, 2, 0] }], traces: [0] }] }),
    ).toThrow('figure.frames[0].data[0] ("GD").y[2]: expected values > 0 on the log axis yaxis');
    expect(
      figureToJSON({ ...base, frames: [{ name: "1", data: [{ y: [3, 2, 0.5] }] }] }).frames,
    ).toHaveLength(1);
  });
});
