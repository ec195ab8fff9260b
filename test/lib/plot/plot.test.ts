import { describe, expect, it, vi } from "vitest";
import {
  contourChart,
  lineChart,
  OptkitError,
  showPlot,
  subscript,
  superscript,
} from "../../../lib";
import {
  describeFigure,
  figureBundle,
  figureToJSON,
  formatCell,
  tableHtml,
  tableText,
} from "../../../lib/plot";
import { PLOT_DIGITS, TOOLBAR_HEIGHT } from "../../../lib/plot/figure";
import { LOADER_SCRIPT, plotlyBundle, plotlySources } from "../../../lib/plot/loader";
import { existsSync } from "fs";
import { join, resolve } from "path";

const fig = lineChart({
  title: "loss",
  x: { title: "step" },
  y: { title: "f", log: true },
  curves: [{ name: "GD", y: new Float64Array([4, 2, 1]) }],
});

describe("figures", () => {
  it("turns typed arrays into JSON arrays", () => {
    const json = figureToJSON(fig);
    expect(json.data[0].y).toEqual([4, 2, 1]);
    expect(json.data[0].x).toEqual([0, 1, 2]);
    expect(json.layout?.yaxis).toMatchObject({ type: "log" });
  });

  it("refuses NaN and infinities, naming the trace and the index", () => {
    const bad = lineChart({
      title: "t",
      x: { title: "x" },
      y: { title: "y" },
      curves: [{ name: "Adam", y: [1, NaN] }],
    });
    expect(() => figureToJSON(bad)).toThrow(OptkitError);
    expect(() => figureToJSON(bad)).toThrow(
      'figure.data[0] ("Adam").y[1]: expected finite numbers to plot, got NaN',
    );
  });

  it("describes itself in one line of text", () => {
    expect(describeFigure(fig)).toBe("[plot] loss: GD (3 points)");
  });

  it("draws contours of f on a grid with paths on top", () => {
    const c = contourChart({
      title: "bowl",
      f: (x, y) => x * x + y * y,
      xRange: [-1, 1],
      yRange: [-1, 1],
      n: 3,
      paths: [{ name: "GD", xs: [1, 0], ys: [1, 0] }],
    });
    expect(c.data[0].z).toEqual([
      [2, 1, 2],
      [1, 0, 1],
      [2, 1, 2],
    ]);
    expect(c.data[1]).toMatchObject({ name: "GD", x: [1, 0] });
  });
});

describe("contour charts with many paths", () => {
  it("give each of seven paths its own colour (never grey), marker and dash", () => {
    const paths = Array.from({ length: 7 }, (_, i) => ({ name: `p${i}`, xs: [0, i], ys: [0, 1] }));
    const c = contourChart({
      title: "t",
      f: (x, y) => x * x + y * y,
      xRange: [-1, 1],
      yRange: [-1, 1],
      paths,
    });
    const styles = c.data.slice(1).map((t) => {
      const line = t.line as { color: string; dash: string };
      const marker = t.marker as { symbol: string };
      return { color: line.color, look: `${line.dash}/${marker.symbol}` };
    });
    expect(new Set(styles.map((s) => s.color)).size).toBe(7);
    expect(new Set(styles.map((s) => s.look)).size).toBe(7);
    expect(styles.map((s) => s.color)).not.toContain("#7f7f7f");
    // paths 5 and 6 (Adam and AdamW in the course) differ in dash, so one shows through the other
    expect(styles[5].look.split("/")[0]).not.toBe(styles[6].look.split("/")[0]);
  });
});

describe("readable labels", () => {
  it("write indices and exponents in Unicode", () => {
    expect(`x${subscript(12)}`).toBe("x₁₂");
    expect(`p${subscript("n-1")}`).toBe("pₙ₋₁");
    expect(`10${superscript(-8)}`).toBe("10⁻⁸");
  });
  it("name a character that has no Unicode form", () => {
    expect(() => subscript("B")).toThrow(OptkitError);
    expect(() => superscript("q")).toThrow('no Unicode superscript for "q"');
  });
});

describe("numbers in a figure", () => {
  it("keep seven significant digits, at any scale", () => {
    const f = figureToJSON({ data: [{ y: [0.1 + 0.2, Math.PI * 1e-12, -2 / 3, 123456789, 0] }] });
    expect(f.data[0].y).toEqual([0.3, 3.141593e-12, -0.6666667, 123456800, 0]);
    expect(PLOT_DIGITS).toBe(7);
  });
});

describe("titles", () => {
  it("sit on their own line below plotly's toolbar, with a top margin to fit", () => {
    const l = figureToJSON(fig).layout as Record<string, Record<string, unknown>>;
    expect(l.title).toMatchObject({ text: "loss", yref: "container", yanchor: "top" });
    expect((l.title.pad as { t: number }).t).toBe(TOOLBAR_HEIGHT);
    expect(l.margin.t).toBeGreaterThanOrEqual(TOOLBAR_HEIGHT + 40);
  });
  it("stay where a figure puts them itself, and are not invented", () => {
    const own = figureToJSON({ data: [], layout: { title: { text: "t", y: 0.9 } } });
    expect(own.layout?.title).toEqual({ text: "t", y: 0.9 });
    expect(figureToJSON({ data: [], layout: {} }).layout).toEqual({});
  });
});

describe("the plot output bundle", () => {
  it("carries the plotly JSON, HTML and plain text in one output", () => {
    const b = figureBundle(fig, "optkit-plot-1-abc");
    expect(Object.keys(b).sort()).toEqual([
      "application/vnd.plotly.v1+json",
      "text/html",
      "text/plain",
    ]);
    expect(b["text/html"]).toContain('id="optkit-plot-1-abc"');
  });

  it("keeps plotly.js out of the output: a small loader finds it instead", () => {
    const html = figureBundle(fig, "p")["text/html"] as string;
    expect(html.length).toBeLessThan(8_000);
    expect(html).not.toContain("Copyright 2012");
    expect(html).toContain(LOADER_SCRIPT);
    // the description shows until plotly.js draws (and where scripts do not run)
    expect(html).toContain(">[plot] loss: GD (3 points)</div>");
    const sources = plotlySources();
    expect(html).toContain(JSON.stringify(sources));
  });

  it("points the loader at this course's plotly.js, from the notebook and from the root", () => {
    const { file, version } = plotlyBundle();
    const root = process.cwd();
    const saved = process.env.OPTKIT_NOTEBOOK_DIR;
    try {
      process.env.OPTKIT_NOTEBOOK_DIR = join(root, "notebooks");
      const s = plotlySources(root);
      expect(resolve(root, "notebooks", s.fromNotebook)).toBe(file);
      expect(resolve(root, s.fromRoot)).toBe(file);
      expect(existsSync(resolve(root, s.fromRoot))).toBe(true);
      expect(s.cdn).toContain(`@${version}/plotly-cartesian.min.js`);
      process.env.OPTKIT_NOTEBOOK_DIR = join(root, "a", "b");
      expect(plotlySources(root).fromNotebook).toBe(`../../${s.fromRoot}`);
    } finally {
      if (saved === undefined) delete process.env.OPTKIT_NOTEBOOK_DIR;
      else process.env.OPTKIT_NOTEBOOK_DIR = saved;
    }
  });

  it("escapes markup in the figure and its description", () => {
    const html = figureBundle(
      { data: [{ type: "scatter", name: "</script><b>", y: [1] }], layout: { title: "a<b" } },
      "q",
    )["text/html"] as string;
    expect(html).not.toContain("</script><b>");
    expect(html).toContain("[plot] a&lt;b: &lt;/script&gt;&lt;b&gt; (1 points)");
  });

  it("prints the description outside a notebook", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    showPlot(fig);
    expect(log).toHaveBeenCalledWith("[plot] loss: GD (3 points)");
    log.mockRestore();
  });
});

describe("tables", () => {
  const t = {
    columns: ["eta", "f(x_10)"],
    rows: [
      [0.2, 0.0604661760000001],
      [1.1, 61.917364224],
    ],
  };
  it("formats numbers to significant digits and aligns text", () => {
    expect(tableText(t)).toBe(
      ["eta    f(x_10)", "---  ---------", "0.2  0.0604662", "1.1    61.9174"].join("\n"),
    );
    expect(formatCell(1.5e-7, 3)).toBe("1.50e-7");
    expect(formatCell(12)).toBe("12");
  });
  it("renders HTML with numeric columns right-aligned", () => {
    expect(tableHtml(t)).toContain('<td style="text-align:right">61.9174</td>');
  });
  it("rejects a row of the wrong width, naming it", () => {
    expect(() => tableText({ columns: ["a", "b"], rows: [[1]] })).toThrow(
      "rows[0]: expected 2 cells, got 1",
    );
  });
});
