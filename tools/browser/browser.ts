/**
 * Headless Chromium for the browser check: the system's Chromium (Debian's `chromium`), driven
 * by puppeteer-core, which downloads no browser of its own. Each run uses a fresh profile.
 */
import { mkdtempSync, rmSync } from "fs";
import { createServer } from "net";
import { tmpdir } from "os";
import { join } from "path";
import puppeteer, { Browser, Page } from "puppeteer-core";
import { ASCII_MATH } from "./labels";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** A running browser and the profile folder to remove when it closes. */
export interface Session {
  browser: Browser;
  close(): Promise<void>;
}

export async function launch(): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), "optkit-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
    ],
    defaultViewport: { width: 1280, height: 900 },
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page said on its console, its uncaught errors and its failed requests. */
export interface PageLog {
  errors: string[];
}

/** Record console errors, uncaught exceptions and failed or refused requests of `page`. */
export function watch(page: Page): PageLog {
  const log: PageLog = { errors: [] };
  page.on("console", (m) => {
    if (m.type() === "error") log.errors.push(`console: ${m.text()} (${m.location().url ?? ""})`);
  });
  page.on("pageerror", (e) => log.errors.push(`exception: ${String(e)}`));
  page.on("requestfailed", (r) =>
    log.errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`),
  );
  page.on("response", (r) => {
    if (r.status() >= 400) log.errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return log;
}

/** Plot outputs in the page and how many of them plotly.js has drawn. */
export interface PlotCount {
  outputs: number;
  drawn: number;
  /** Messages shown in place of a plot (plotly.js could not be loaded). */
  failed: string[];
  /** Plots whose title runs under plotly's toolbar (the mode bar). */
  titleUnderToolbar: string[];
  /** Plot texts (titles, axis titles, legend entries, slider values) written in ASCII or TeX. */
  asciiMath: string[];
}

export function countPlots(page: Page): Promise<PlotCount> {
  return page.evaluate((pattern: string) => {
    const plots = Array.from(document.querySelectorAll<HTMLElement>("div.optkit-plot"));
    const drawn = plots.filter((p) => p.querySelector(".main-svg") !== null);
    const failed = plots
      .filter((p) => p.textContent?.startsWith("This plot needs plotly.js"))
      .map((p) => p.id);
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const titleUnderToolbar = drawn
      .filter((p) => {
        const title = p.querySelector(".gtitle");
        const bar = p.querySelector(".modebar");
        if (!title || !bar) return false;
        return overlap(title.getBoundingClientRect(), bar.getBoundingClientRect());
      })
      .map((p) => p.querySelector(".gtitle")?.textContent ?? p.id);
    const labels =
      ".gtitle, .xtitle, .ytitle, [class^='x'][class$='title'], [class^='y'][class$='title'], .legendtext, .slider-currentvalue, .annotation-text";
    const asciiMath = drawn.flatMap((p) =>
      Array.from(p.querySelectorAll(labels), (e) => e.textContent ?? "").filter((t) =>
        new RegExp(pattern).test(t),
      ),
    );
    return { outputs: plots.length, drawn: drawn.length, failed, titleUnderToolbar, asciiMath };
  }, ASCII_MATH.source);
}

/** Wait until every plot output is drawn (or `ms` pass); returns the last count. */
export async function waitForPlots(page: Page, ms = 60_000): Promise<PlotCount> {
  const t0 = Date.now();
  let count = await countPlots(page);
  while (Date.now() - t0 < ms) {
    if (count.outputs > 0 && count.drawn + count.failed.length === count.outputs) break;
    await new Promise((r) => setTimeout(r, 250));
    count = await countPlots(page);
  }
  return count;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A check's outcome, printed as one line. */
export interface Result {
  name: string;
  ok: boolean;
  detail: string;
}

export function report(results: Result[], r: Result): void {
  results.push(r);
  console.log(`${r.ok ? "✓" : "✗"} ${r.name}: ${r.detail}`);
}
