/**
 * The explorable figures in the browser, used as a student uses them: on every page, each plot
 * with sliders is scrolled into view and photographed; Play is pressed where there is one, then
 * every slider is clicked at another position; after each action the plotted data (plotly's
 * `data` and the drawn SVG) must have changed, the console must stay clean, the sliders and
 * buttons must lie inside the plot's box and the legend off the plot areas. A second photo
 * shows the state after the moves (build/browser/explorables/<page>-<n>-{a,b}.png).
 *
 * Two places: the static course (build/site/, written by the static check) and classic Jupyter
 * Notebook, on the copies the notebook check ran and saved with their outputs (so nothing is
 * run twice: reopening a saved notebook must draw its explorables too).
 */
import { existsSync, mkdirSync } from "fs";
import { join, relative } from "path";
import { Browser, Page } from "puppeteer-core";
import { serve } from "../../runtime/site/serve";
import { PageLog, report, Result, waitForPlots, watch } from "./browser";
import { startJupyter } from "./notebook";

/** The notebooks that hold explorables. */
const NOTEBOOKS = ["02-gradient-descent", "03-newton", "04-momentum-adam", "05-sgd-mnist"];

type Box = { left: number; top: number; right: number; bottom: number };
interface Control {
  kind: "slider" | "button";
  box: Box;
  label: string;
}
interface Explorable {
  index: number;
  title: string;
  sliders: Control[];
  play: Control | null;
  stop: Control | null;
  problems: string[];
}

/** Mark each drawn plot that has sliders with data-explorable="n" and describe its controls. */
function findExplorables(page: Page): Promise<Explorable[]> {
  return page.evaluate(() => {
    type SliderJSON = {
      active?: number;
      steps: { label: string }[];
      currentvalue?: { prefix?: string };
    };
    type GD = HTMLElement & { layout?: { sliders?: SliderJSON[]; title?: { text?: string } } };
    const rect = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const inside = (a: Box, b: Box) =>
      a.left >= b.left - 1 &&
      a.right <= b.right + 1 &&
      a.top >= b.top - 1 &&
      a.bottom <= b.bottom + 1;
    const overlap = (a: Box, b: Box) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const plots = Array.from(document.querySelectorAll<GD>("div.optkit-plot.js-plotly-plot"));
    return plots
      .filter((p) => (p.layout?.sliders?.length ?? 0) > 0)
      .map((p, index) => {
        p.setAttribute("data-explorable", String(index));
        const box = rect(p);
        const problems: string[] = [];
        const sliders = Array.from(p.querySelectorAll(".slider-group")).map((g, k) => {
          const rail = g.querySelector(".slider-rail-rect") ?? g;
          const s = p.layout?.sliders?.[k];
          const label = s ? `${s.currentvalue?.prefix ?? ""}${s.steps[s.active ?? 0]?.label}` : "";
          const whole = rect(g);
          if (!inside(whole, box)) problems.push(`slider "${label}" sticks out of the plot's box`);
          return { kind: "slider" as const, box: rect(rail), label };
        });
        const button = (name: string) => {
          const b = Array.from(p.querySelectorAll(".updatemenu-button")).find((e) =>
            e.textContent?.includes(name),
          );
          return b ? { kind: "button" as const, box: rect(b), label: name } : null;
        };
        const play = button("Play");
        const stop = button("Pause");
        const legend = p.querySelector(".legend");
        if (legend) {
          const areas = Array.from(p.querySelectorAll(".nsewdrag")).map(rect);
          if (areas.some((a) => overlap(rect(legend), a)))
            problems.push("the legend covers a plot area");
        }
        const title = p.layout?.title?.text ?? p.querySelector(".gtitle")?.textContent ?? p.id;
        return { index, title, sliders, play, stop, problems };
      });
  });
}

/** What is plotted now: plotly's data and the drawn paths and points of explorable `n`. */
function plotted(page: Page, n: number): Promise<string> {
  return page.evaluate((n) => {
    const p = document.querySelector(`[data-explorable="${n}"]`) as
      (HTMLElement & { data?: unknown[] }) | null;
    if (!p) return "";
    const svg = Array.from(p.querySelectorAll(".scatterlayer path, .scatterlayer .point"))
      .map((e) => `${e.getAttribute("d")}${(e as SVGElement).style?.opacity ?? ""}`)
      .join("|");
    const data = JSON.stringify(
      (p.data ?? []).map((t) => {
        const { x, y, z, visible, name } = t as Record<string, unknown>;
        return { x, y, z, visible, name };
      }),
    );
    return `${data}#${svg}`;
  }, n);
}

/** How many contour levels and heat-map images explorable `n` shows (they must not vanish). */
function backdrop(page: Page, n: number): Promise<number> {
  return page.evaluate(
    (n) =>
      document.querySelectorAll(
        `[data-explorable="${n}"] .contourlayer path, [data-explorable="${n}"] .heatmaplayer image`,
      ).length,
    n,
  );
}

const centre = (b: Box) => ({ x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Bring explorable `n` into view and return its controls' boxes where they are now. */
async function show(page: Page, n: number): Promise<Explorable> {
  await page.evaluate((n) => {
    document.querySelector(`[data-explorable="${n}"]`)?.scrollIntoView({ block: "center" });
  }, n);
  await pause(400);
  return (await findExplorables(page))[n];
}

/** Exercise every explorable of the page; one result line per explorable. */
async function explorePage(
  page: Page,
  log: PageLog,
  where: string,
  name: string,
  shots: string,
  results: Result[],
  relevant = /./,
): Promise<number> {
  const found = await findExplorables(page);
  for (const e of found) {
    log.errors.length = 0;
    const checks: string[] = [];
    const problems = [...e.problems];
    let now = await show(page, e.index);
    // the window as the student sees it, the figure in its middle (an element's own screenshot
    // lands off target in Notebook, whose notebook scrolls inside the page)
    const shot = join(shots, `${where}-${name}-${e.index + 1}`);
    await page.screenshot({ path: `${shot}-a.png` });
    let before = await plotted(page, e.index);
    const backdropBefore = await backdrop(page, e.index);
    if (now.play) {
      await page.mouse.click(centre(now.play.box).x, centre(now.play.box).y);
      await pause(1500);
      const after = await plotted(page, e.index);
      (after !== before ? checks : problems).push(
        after !== before ? "Play moved the plot" : "Play changed nothing",
      );
      before = after;
      if (now.stop) {
        await page.mouse.click(centre(now.stop.box).x, centre(now.stop.box).y);
        await pause(300);
        const paused = await plotted(page, e.index);
        await pause(600);
        if ((await plotted(page, e.index)) !== paused) problems.push("Pause did not stop it");
        else checks.push("Pause stopped it");
        before = paused;
      }
      now = await show(page, e.index);
    }
    for (const [k, s] of now.sliders.entries()) {
      // click at a quarter and at three quarters of the rail: one of them is a new position
      for (const at of [0.8, 0.25]) {
        await page.mouse.click(s.box.left + at * (s.box.right - s.box.left), centre(s.box).y);
        await pause(400);
        const after = await plotted(page, e.index);
        if (after !== before) {
          const label = (await findExplorables(page))[e.index].sliders[k]?.label ?? "";
          checks.push(`slider ${k + 1} moved to "${label.trim()}" and the data changed`);
          before = after;
          break;
        }
        if (at === 0.25) problems.push(`moving slider ${k + 1} ("${s.label}") changed nothing`);
      }
    }
    await show(page, e.index);
    await page.screenshot({ path: `${shot}-b.png` });
    const backdropAfter = await backdrop(page, e.index);
    if (backdropBefore > 0 && backdropAfter === 0)
      problems.push("the contours or heat map vanished");
    // Pausing (or moving the slider) interrupts plotly's running animate() call, whose promise
    // plotly then rejects with `undefined` and leaves unhandled: plotly's own behaviour in every
    // animated figure, shown only in a developer console. Any other error counts.
    const errors = log.errors.filter((err) => relevant.test(err));
    const interrupted = errors.filter((err) => now.play && err === "exception: undefined");
    if (interrupted.length > 0)
      checks.push("(plotly's interrupted-animation rejection seen, not counted)");
    problems.push(...errors.filter((err) => !interrupted.includes(err)));
    report(results, {
      name: `${where} explorable: ${name} #${e.index + 1} "${e.title}"`,
      ok: problems.length === 0 && checks.length > 0,
      detail: checks.join("; ") + problems.map((p) => `\n    ${p}`).join(""),
    });
  }
  return found.length;
}

/** The static course's pages (already built in build/site/ by the static check). */
async function checkStaticExplorables(
  browser: Browser,
  root: string,
  shots: string,
  results: Result[],
) {
  const site = join(root, "build", "site");
  const { server, url } = await serve(site, 0);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const log = watch(page);
    for (const name of NOTEBOOKS.filter((n) => existsSync(join(site, `${n}.html`)))) {
      await page.goto(`${url}${name}.html`, { waitUntil: "load" });
      await waitForPlots(page, 30_000);
      await pause(500); // the page's own load (checked by the static check) is not ours
      log.errors.length = 0;
      const n = await explorePage(page, log, "static", name, shots, results);
      console.log(`  static ${name}: ${n} explorables`);
    }
    await page.close();
  } finally {
    server.close();
  }
}

/** The notebook check's saved copies, reopened in classic Jupyter Notebook. */
async function checkJupyterExplorables(
  browser: Browser,
  root: string,
  shots: string,
  results: Result[],
  only: string[],
) {
  const copies = join(root, "build", "browser", "notebooks");
  const names = NOTEBOOKS.filter(
    (n) =>
      existsSync(join(copies, `${n}.ipynb`)) &&
      (only.length === 0 || only.some((f) => n.startsWith(f))),
  );
  if (names.length === 0) return;
  const jupyter = await startJupyter(root);
  try {
    for (const name of names) {
      const page = await browser.newPage();
      const log = watch(page);
      const path = relative(root, join(copies, `${name}.ipynb`))
        .split("\\")
        .join("/");
      await page.goto(`${jupyter.url}notebooks/${path}?token=${jupyter.token}`, {
        waitUntil: "load",
      });
      await waitForPlots(page, 60_000);
      // only what concerns plots, as in the notebook check: Jupyter's page logs unrelated noise
      const n = await explorePage(
        page,
        log,
        "jupyter",
        name,
        shots,
        results,
        /plotly|optkit|exception/i,
      );
      console.log(`  jupyter ${name}: ${n} explorables`);
      page.on("dialog", (d) => void d.accept());
      await page.close();
    }
  } finally {
    jupyter.stop();
  }
}

/** Both places, as far as the run covers them (`--static` / `--jupyter` and notebook prefixes). */
export async function checkExplorables(
  browser: Browser,
  root: string,
  results: Result[],
  opts: { static: boolean; jupyter: boolean; only: string[] },
): Promise<void> {
  const shots = join(root, "build", "browser", "explorables");
  mkdirSync(shots, { recursive: true });
  const before = results.length;
  const t0 = Date.now();
  if (opts.static) await checkStaticExplorables(browser, root, shots, results);
  if (opts.jupyter) await checkJupyterExplorables(browser, root, shots, results, opts.only);
  console.log(`explorables checked in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (results.length === before) {
    report(results, { name: "explorables", ok: false, detail: "no explorable was found" });
  }
}
