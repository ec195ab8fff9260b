/**
 * The static course in the browser: build it as `npm start -- --static` does, serve it, and on
 * every page check that each plot output is drawn, that no TeX is left raw, that KaTeX raised no
 * error, that the console stayed clean, that no plot title runs under plotly's toolbar and that
 * no plot label spells math in ASCII or TeX (labels.ts).
 */
import { mkdirSync } from "fs";
import { join } from "path";
import { Browser, Page } from "puppeteer-core";
import { buildSite } from "../../runtime/site/build";
import { serve } from "../../runtime/site/serve";
import { countPlots, report, Result, waitForPlots, watch } from "./browser";

/** Text outside code, math and plots that still looks like TeX: `$` or a `\command`. */
function rawTex(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = "pre, code, script, style, .katex, .optkit-plot, .cm-editor"; // .cm-editor: a cell
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? "";
      if (!/\$|\\[A-Za-z]+|\\[{}]/.test(text)) continue;
      if (n.parentElement?.closest(skip)) continue;
      found.push(text.trim().slice(0, 120));
    }
    const errors = Array.from(document.querySelectorAll(".katex-error")).map(
      (e) => `KaTeX error: ${e.getAttribute("title") ?? e.textContent}`,
    );
    return [...found, ...errors];
  });
}

export async function checkStatic(
  browser: Browser,
  root: string,
  shots: string,
  results: Result[],
): Promise<void> {
  const out = join(root, "build", "site");
  const t0 = Date.now();
  const failed = await buildSite(root, out, () => {});
  console.log(`built the static course in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  report(results, {
    name: "static: notebooks ran",
    ok: failed.length === 0,
    detail: failed.length ? `error output in ${failed.join(", ")}` : "no error output",
  });
  mkdirSync(shots, { recursive: true });
  const { server, url } = await serve(out, 0);
  try {
    const page = await browser.newPage();
    const log = watch(page);
    await page.goto(url, { waitUntil: "load" });
    const links = await page.$$eval("ul.contents a", (as) =>
      as.map((a) => a.getAttribute("href") ?? ""),
    );
    report(results, {
      name: "static: contents",
      ok: links.length >= 6,
      detail: `${links.length} notebook pages listed`,
    });
    for (const href of links) {
      log.errors.length = 0;
      await page.goto(url + href, { waitUntil: "load" });
      const plots = await waitForPlots(page, 30_000);
      const tex = await rawTex(page);
      const name = href.replace(/\.html$/, "");
      await page.screenshot({ path: join(shots, `static-${name}.png`) }); // the top of the page
      await page.screenshot({
        path: join(shots, `static-${name}-full.jpg`),
        fullPage: true,
        type: "jpeg",
        quality: 60,
      });
      const noStatic =
        (await page.$$eval(".static-note", (n) => n.length)) === 1
          ? []
          : ["the read-only note is missing"];
      const problems = [
        ...(plots.drawn === plots.outputs
          ? []
          : [`${plots.outputs - plots.drawn} plots not drawn`]),
        ...plots.failed.map((id) => `plotly.js not loaded for ${id}`),
        ...plots.titleUnderToolbar.map((t) => `title under the toolbar: "${t}"`),
        ...[...new Set(plots.asciiMath)].map((t) => `ASCII or TeX math in a plot label: "${t}"`),
        ...tex.map((t) => `raw TeX: "${t}"`),
        ...log.errors,
        ...noStatic,
      ];
      report(results, {
        name: `static: ${name}`,
        ok: problems.length === 0 && plots.outputs === (await countPlots(page)).outputs,
        detail:
          `${plots.drawn}/${plots.outputs} plots drawn` +
          problems.map((p) => `\n    ${p}`).join(""),
      });
    }
    await page.close();
  } finally {
    server.close();
  }
}
