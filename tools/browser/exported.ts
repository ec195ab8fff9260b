/**
 * The HTML that `npm run test:notebooks` exports with nbconvert (build/notebooks/*.html), opened from
 * disk as a student opens a downloaded page: every plot output must be drawn. Skipped when
 * `npm run test:notebooks` has not run. The page's other scripts (MathJax, require.js) come from
 * wherever nbconvert's template points, so only plot-related errors count here.
 */
import { existsSync, readdirSync } from "fs";
import { join } from "path";
import { pathToFileURL } from "url";
import { Browser } from "puppeteer-core";
import { report, Result, waitForPlots, watch } from "./browser";

export async function checkExported(
  browser: Browser,
  root: string,
  shots: string,
  results: Result[],
): Promise<void> {
  const dir = join(root, "build", "notebooks");
  const pages = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".html")) : [];
  if (pages.length === 0) {
    console.log(
      "(no exported HTML in build/notebooks/: run `npm run test:notebooks` to check it too)",
    );
    return;
  }
  const page = await browser.newPage();
  const log = watch(page);
  for (const file of pages.sort()) {
    log.errors.length = 0;
    await page.goto(pathToFileURL(join(dir, file)).href, { waitUntil: "load" });
    const plots = await waitForPlots(page, 30_000);
    const name = file.replace(/\.html$/, "");
    await page.evaluate(() => document.querySelector("div.optkit-plot")?.scrollIntoView());
    await page.screenshot({ path: join(shots, `exported-${name}.png`) });
    const problems = [
      ...(plots.outputs > 0 && plots.drawn === plots.outputs
        ? []
        : [`${plots.outputs - plots.drawn} of ${plots.outputs} plots not drawn`]),
      ...log.errors.filter((e) => /plotly|optkit|exception/i.test(e)),
    ];
    report(results, {
      name: `exported HTML: ${name}`,
      ok: problems.length === 0,
      detail:
        `${plots.drawn}/${plots.outputs} plots drawn` + problems.map((p) => `\n    ${p}`).join(""),
    });
  }
  await page.close();
}
