import { describe, expect, it } from "vitest";
import katex from "katex";
import {
  cutMath,
  PLOTLY_FILE,
  renderMarkdown,
  renderNotebook,
  renderPage,
  STATIC_NOTE,
} from "../../runtime/site/render";
import { listNotebooks, readNotebook, text } from "../../runtime/notebooks/nbformat";
import { jupyterArgs } from "../../runtime/notebooks/jupyter";
import { serve } from "../../runtime/site/serve";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { buildServiceWorker, offlineFiles } from "../../runtime/site/offline";
import { tmpdir } from "os";
import { join } from "path";

describe("the static course site", () => {
  it("renders markdown with KaTeX math, leaving code spans alone", () => {
    const html = renderMarkdown("Here $x_1^2$ and `a_b $c$`\n\n$$\\eta_t = \\eta_0$$");
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain("<code>a_b $c$</code>");
  });

  it("cuts math as Jupyter does: inline math across lines, \\$ escapes, braces, paragraphs", () => {
    const cut = (md: string) => cutMath(md, (tex, display) => `[${display ? "D" : "I"}:${tex}]`);
    expect(cut("Take $f(x) = x_1^2 +\nx_2^3$ at $x_0$.")).toBe(
      "Take [I:f(x) = x_1^2 +\nx_2^3] at [I:x_0].",
    );
    expect(cut("costs \\$5, and $a$ \\$")).toBe("costs \\$5, and [I:a] \\$");
    expect(cut("$\\text{a $b$}$")).toBe("[I:\\text{a $b$}]");
    expect(cut("open $a\n\nthen $b$")).toBe("open $a\n\nthen [I:b]");
    expect(cut("$$\nx\n$$ and \\begin{align}y\\end{align}")).toBe(
      "[D:\nx\n] and [D:\\begin{align}y\\end{align}]",
    );
    expect(renderMarkdown("price \\$3")).toContain("price $3");
  });

  it("leaves no $ outside math in any notebook, and KaTeX renders every formula", () => {
    let formulas = 0;
    for (const path of listNotebooks(process.cwd())) {
      for (const cell of readNotebook(path).cells) {
        if (cell.cell_type !== "markdown") continue;
        const md = text(cell.source).replace(/```[\s\S]*?```|`[^`\n]*`/g, "");
        const rest = cutMath(md, (tex, display) => {
          formulas++;
          expect(
            () => katex.renderToString(tex, { displayMode: display, throwOnError: true }),
            tex,
          ).not.toThrow();
          return "";
        });
        expect(rest.replace(/\\\$/g, ""), path).not.toContain("$");
      }
    }
    expect(formulas).toBeGreaterThan(500);
  });

  it("says under the title that nothing runs here, and loads plotly.js in every page", () => {
    const body = renderNotebook({
      cells: [{ cell_type: "markdown", source: "# Title\n\nRun a cell.", metadata: {} }],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
    expect(body.indexOf(STATIC_NOTE)).toBeGreaterThan(body.indexOf("</h1>"));
    expect(body.indexOf(STATIC_NOTE)).toBeLessThan(body.indexOf("Run a cell."));
    const page = renderPage("t", body, []);
    // fetched by a script it inserts (which does not hold up the first paint), never a plain tag
    expect(page).toContain(`s.src = "${PLOTLY_FILE}"`);
    expect(page).toContain("window.optkitPlotlyLoading = new Promise");
    expect(page).not.toContain(`<script src="${PLOTLY_FILE}"`);
  });

  it("renders code cells with their outputs, escaping text", () => {
    const html = renderNotebook({
      cells: [
        {
          cell_type: "code",
          source: "let a = 1 < 2;",
          metadata: {},
          outputs: [{ output_type: "stream", name: "stdout", text: "<true>" }],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
    expect(html).toContain("let a = 1 &lt; 2;");
    expect(html).toContain("&lt;true&gt;");
  });

  it("serves files from its folder only, on the loopback interface", async () => {
    const dir = mkdtempSync(join(tmpdir(), "optkit-site-"));
    writeFileSync(join(dir, "index.html"), "<h1>course</h1>");
    const { server, url } = await serve(dir, 0);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(await (await fetch(url)).text()).toBe("<h1>course</h1>");
      expect((await fetch(url + "..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

describe("npm start with Jupyter", () => {
  it("roots Jupyter at the course folder and opens it on notebooks/, for each app", () => {
    expect(jupyterArgs("notebook", 6, "/c")).toEqual([
      "notebook",
      "--notebook-dir=/c",
      "--NotebookApp.default_url=/tree/notebooks",
    ]);
    expect(jupyterArgs("notebook", 7, "/c")[2]).toBe(
      "--JupyterNotebookApp.default_url=/tree/notebooks",
    );
    expect(jupyterArgs("lab", 0, "/c")[2]).toBe("--LabApp.default_url=/lab/tree/notebooks");
  });
});

describe("the site's service worker", () => {
  it("stores the pages, scripts and data, but not KaTeX's sources, older fonts or itself", async () => {
    const dir = mkdtempSync(join(tmpdir(), "optkit-sw-"));
    const files = [
      "index.html",
      "01-x.html",
      "live/worker.js",
      "data/mnist/a.gz",
      "katex/katex.min.css",
      "katex/katex.js",
      "katex/fonts/KaTeX_Main-Regular.woff2",
      "katex/fonts/KaTeX_Main-Regular.ttf",
      "sw.js",
    ];
    for (const f of files) {
      mkdirSync(join(dir, f, ".."), { recursive: true });
      writeFileSync(join(dir, f), f);
    }
    expect(offlineFiles(dir)).toEqual([
      "01-x.html",
      "data/mnist/a.gz",
      "index.html",
      "katex/fonts/KaTeX_Main-Regular.woff2",
      "katex/katex.min.css",
      "live/worker.js",
    ]);
    const first = await buildServiceWorker(dir);
    expect(readFileSync(join(dir, "sw.js"), "utf8")).toContain(`optkit-`);
    expect(await buildServiceWorker(dir)).toEqual(first); // same files, same version
    writeFileSync(join(dir, "01-x.html"), "changed");
    expect((await buildServiceWorker(dir)).version).not.toBe(first.version);
  });
});
