/**
 * The live course offline: after a first visit (the service worker has stored the site), the
 * browser's offline mode is switched on and the web server stopped (the offline mode covers
 * the page, not its service worker), and page 01 reloaded; its cells must run (Run All, every
 * plot drawn, no error) and Check must grade (the stub: 0 points), and a file that is not part
 * of the site must fail to load, which shows that the network was really off. The cache must
 * hold MNIST, the worker, the type checker and the editor too.
 */
import { join } from "path";
import { Browser } from "puppeteer-core";
import { report, Result, waitForPlots, watch } from "./browser";
import { editorsReady } from "./live-editor";

const MUST_BE_STORED = [
  "data/mnist/train-images-idx3-ubyte.gz",
  "data/mnist/t10k-labels-idx1-ubyte.gz",
  "live/worker.js",
  "live/types.js",
  "live/editor.js",
  "05-sgd-mnist.html",
  "grading/index.json",
];

export async function checkOffline(
  browser: Browser,
  url: string,
  stopServer: () => void,
  shots: string,
  results: Result[],
): Promise<void> {
  const page = await browser.newPage();
  const log = watch(page);
  const t0 = Date.now();
  await page.goto(url + "01-derivatives.html", { waitUntil: "load" });
  // the worker is active once it has stored every file; then it controls this page
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, {
    timeout: 60_000,
  });
  const storeSeconds = (Date.now() - t0) / 1000;
  const cache = await page.evaluate(async (paths: string[]) => {
    const keys = (await caches.keys()).filter((k) => k.startsWith("optkit-"));
    const c = await caches.open(keys[0] ?? "none");
    const missing: string[] = [];
    for (const p of paths) if (!(await c.match(p))) missing.push(p);
    return { keys, entries: (await c.keys()).length, missing };
  }, MUST_BE_STORED);

  await page.setOfflineMode(true);
  stopServer();
  log.errors.length = 0;
  const t1 = Date.now();
  await page.reload({ waitUntil: "load" });
  const reloadMs = Date.now() - t1;
  await editorsReady(page);
  const t2 = Date.now();
  await page.click("#run-all");
  await page.waitForFunction(() => document.body.dataset.liveState === "idle", {
    timeout: 5 * 60_000,
    polling: 250,
  });
  const runSeconds = (Date.now() - t2) / 1000;
  const failed = await page.$$eval(".cell.failed", (c) => c.length);
  const plots = await waitForPlots(page, 60_000);
  await page.click("#exercise-panel summary");
  await page.waitForSelector("#exercise-panel[data-ready] .cm-content", { timeout: 30_000 });
  await page.click("#exercise-panel .check");
  await page.waitForSelector('#exercise-panel .check-output[data-state="done"]', {
    timeout: 5 * 60_000,
  });
  const checked = await page.$eval("#exercise-panel .check-output", (e) => e.textContent ?? "");
  const points = /Check of 01: ([\d.]+ \/ [\d.]+) points/.exec(checked)?.[1] ?? "";
  const network = await page.evaluate(() =>
    fetch("not-part-of-the-site.txt").then(
      (r) => `answered ${r.status}`,
      () => "failed",
    ),
  );
  await page.screenshot({ path: join(shots, "live-offline.png") });
  await page.setOfflineMode(false);
  await page.close();
  const problems = [
    ...(cache.keys.length === 1 ? [] : [`caches: ${cache.keys.join(", ") || "none"}`]),
    ...cache.missing.map((p) => `not stored: ${p}`),
    ...(failed === 0 ? [] : [`${failed} cells failed offline`]),
    ...(plots.outputs > 0 && plots.drawn === plots.outputs
      ? []
      : [`${plots.drawn}/${plots.outputs} plots drawn offline`]),
    ...(/^0 \/ \d+$/.test(points) ? [] : [`Check offline: ${checked.slice(0, 200)}`]),
    ...(network === "failed" ? [] : [`the network was not off: a missing file ${network}`]),
    ...log.errors.filter((e) => !e.includes("not-part-of-the-site")),
  ];
  report(results, {
    name: "live: offline after a first visit (service worker)",
    ok: problems.length === 0,
    detail:
      `${cache.entries} files stored in ${cache.keys[0] ?? "no cache"} within ` +
      `${storeSeconds.toFixed(1)} s of the first visit; offline: reload ${reloadMs} ms, ` +
      `Run All ${runSeconds.toFixed(1)} s, ${plots.drawn}/${plots.outputs} plots, ` +
      `Check ${points} points` +
      problems.map((p) => `\n    ${p}`).join(""),
  });
}
