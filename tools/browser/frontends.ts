/**
 * The plot loader in pages shaped like the Jupyter front ends that are not installed here
 * (JupyterLab, Notebook 7, both behind JupyterHub). Each page is served at the address that
 * front end gives a notebook, with the `jupyter-config-data` block it embeds, and a plot's HTML
 * in it; Jupyter's file server (`<base>files/...`) is answered from the course folder and every
 * other request is refused. The plot must draw with plotly.js fetched from the file server at
 * the expected address, never from the CDN. (Real classic Notebook is checked in notebook.ts.)
 */
import { readFileSync } from "fs";
import { relative, sep } from "path";
import { Browser } from "puppeteer-core";
import { figureBundle } from "../../lib/plot/display";
import { plotlyBundle } from "../../lib/plot/loader";
import { report, Result, waitForPlots } from "./browser";

const HOST = "http://jupyter.test";

/** A front end's page: where it shows `notebooks/02-gradient-descent.ipynb`, and its base URL. */
const PAGES = [
  { name: "JupyterLab 4", path: "/lab/tree/notebooks/02-gradient-descent.ipynb", base: "/" },
  {
    name: "JupyterLab 4, a named workspace",
    path: "/lab/workspaces/auto-k/tree/notebooks/02-gradient-descent.ipynb",
    base: "/",
  },
  { name: "JupyterLab 4 at /lab (no notebook in the address)", path: "/lab", base: "/" },
  { name: "Notebook 7", path: "/notebooks/notebooks/02-gradient-descent.ipynb", base: "/" },
  {
    name: "JupyterLab behind JupyterHub",
    path: "/user/ada/lab/tree/notebooks/02-gradient-descent.ipynb",
    base: "/user/ada/",
  },
];

export async function checkFrontEnds(
  browser: Browser,
  root: string,
  results: Result[],
): Promise<void> {
  const bundle = plotlyBundle(root);
  const plotly = readFileSync(bundle.file);
  const wanted = relative(root, bundle.file).split(sep).join("/");
  const html = figureBundle(
    { data: [{ type: "scatter", name: "GD", y: [3, 2, 1] }], layout: { title: "loss" } },
    "optkit-plot-1-frontend",
  )["text/html"] as string;
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  let requested: string[] = [];
  let current = { path: "", base: "/" };
  page.on("request", (r) => {
    const url = new URL(r.url());
    requested.push(url.origin === HOST ? url.pathname : url.href);
    if (url.origin === HOST && url.pathname === current.path) {
      const config = JSON.stringify({ baseUrl: current.base, appName: "JupyterLab" });
      void r.respond({
        contentType: "text/html",
        body:
          `<!doctype html><html><head><script id="jupyter-config-data" type="application/json">` +
          `${config}</script></head><body><div class="jp-OutputArea-output">${html}</div></body></html>`,
      });
    } else if (url.origin === HOST && url.pathname === `${current.base}files/${wanted}`) {
      void r.respond({ contentType: "application/javascript", body: plotly });
    } else if (url.origin === HOST) {
      void r.respond({ status: 404, body: "" });
    } else {
      void r.abort();
    }
  });
  try {
    for (const p of PAGES) {
      current = p;
      requested = [];
      await page.goto(HOST + p.path, { waitUntil: "load" });
      const plots = await waitForPlots(page, 30_000);
      const expected = `${p.base}files/${wanted}`;
      const fetched = requested.filter((u) => u !== p.path && !u.endsWith("/favicon.ico"));
      report(results, {
        name: `front end: ${p.name}`,
        ok: plots.outputs === 1 && plots.drawn === 1 && fetched[0] === expected,
        detail:
          `${plots.drawn}/${plots.outputs} plots drawn; plotly.js fetched from ` +
          (fetched.length ? fetched.join(", then ") : "nowhere"),
      });
    }
  } finally {
    await page.close();
  }
}
