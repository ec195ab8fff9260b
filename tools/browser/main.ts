/**
 * `npm run test:browser`: the course in a real browser (headless Chromium), as a student meets it.
 *  1. the static course of `npm start -- --static`: every plot drawn, no raw TeX, plot labels
 *     in Unicode rather than ASCII or TeX (labels.ts), a clean console;
 *  2. the HTML that `npm run test:notebooks` exported, if any: every plot drawn, opened from disk;
 *     and a plot in pages shaped like JupyterLab's, Notebook 7's and JupyterHub's finds plotly.js
 *     on their file server (frontends.ts);
 *  3. classic Jupyter Notebook started as `npm start` starts it: every plot draws after Run All,
 *     re-running a plot cell, saving, reopening and reloading; the size of each saved notebook;
 *  4. the explorable figures in both (explorables.ts): Play, Pause and every slider change the plot.
 * Screenshots go to build/browser/. Needs Debian's `chromium` and `jupyter-notebook`.
 *
 *   npm run test:browser                 # both parts, all notebooks
 *   npm run test:browser -- --static     # only the static course
 *   npm run test:browser -- --jupyter 02 # only Jupyter, notebooks whose names start with 02
 *   npm run test:browser -- --desk       # only the grading desk (instructor/desk/browser-check.ts)
 *   npm run test:browser -- --live 00 01 # only the live course (build/site), pages 00 and 01
 */
import { existsSync } from "fs";
import { join } from "path";
import type { Browser } from "puppeteer-core";
import { ROOT } from "../../runtime/kernel/spec";
import { hasJupyter } from "../../runtime/notebooks/jupyter";
import { CHROMIUM, launch, Result } from "./browser";
import { checkExported } from "./exported";
import { checkExplorables } from "./explorables";
import { checkFrontEnds } from "./frontends";
import { checkLive } from "./live";
import { checkNotebook } from "./notebook";
import { checkStatic } from "./static";
import { parseCommandLine, usageText } from "../../lib/util/cli-args";

/**
 * The grading desk's check: an instructor's tool, so a student release has no desk to check.
 * It is loaded from instructor/desk/ where that folder is, and skipped (said once) where not.
 */
async function checkDesk(browser: Browser, results: Result[]): Promise<void> {
  const file = join(ROOT, "instructor", "desk", "browser-check.ts");
  if (!existsSync(file)) {
    console.log("grading desk: not in this copy of the course (an instructor's tool), not checked");
    return;
  }
  const desk = (await import(file)) as {
    checkDesk(browser: Browser, root: string, results: Result[]): Promise<void>;
  };
  await desk.checkDesk(browser, ROOT, results);
}

const BROWSER_OPTIONS = {
  static: { type: "boolean", help: "only the static course (build/site)" },
  jupyter: { type: "boolean", help: "only classic Jupyter Notebook" },
  live: { type: "boolean", help: "only the live course's pages (Run All, editor, Check, offline)" },
  desk: { type: "boolean", help: "only the grading desk (an instructor's tool)" },
} as const;
const USAGE = usageText("npm run test:browser -- [options] [notebook prefix ...]", BROWSER_OPTIONS);

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(process.argv.slice(2), BROWSER_OPTIONS);
  } catch (e) {
    console.error(`test:browser: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const deskOnly = parsed.values.desk ?? false;
  const staticOnly = parsed.values.static ?? false;
  const jupyterOnly = parsed.values.jupyter ?? false;
  const liveOnly = parsed.values.live ?? false;
  const filters = parsed.positionals;
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium was not found at ${CHROMIUM}: sudo apt-get install chromium`);
    return 1;
  }
  const wantJupyter = !staticOnly && !liveOnly && !deskOnly;
  if (wantJupyter && !hasJupyter("notebook")) {
    console.error("Jupyter Notebook was not found: sudo apt-get install jupyter-notebook");
    return 1;
  }
  if (wantJupyter && hasJupyter("lab")) {
    console.error(
      "JupyterLab is installed, so `npm start` opens Lab; this check drives classic Notebook.",
    );
    return 1;
  }
  const shots = join(ROOT, "build", "browser");
  const results: Result[] = [];
  const t0 = Date.now();
  const session = await launch();
  try {
    console.log(`Chromium ${await session.browser.version()}`);
    if (liveOnly) await checkLive(session.browser, ROOT, shots, results, filters);
    else if (deskOnly) await checkDesk(session.browser, results);
    else {
      if (!jupyterOnly) await checkStatic(session.browser, ROOT, shots, results);
      if (!jupyterOnly) await checkExported(session.browser, ROOT, shots, results);
      if (!jupyterOnly) await checkFrontEnds(session.browser, ROOT, results);
      if (!jupyterOnly) await checkLive(session.browser, ROOT, shots, results, filters);
      if (wantJupyter) await checkNotebook(session.browser, ROOT, shots, results, filters);
      await checkExplorables(session.browser, ROOT, results, {
        static: !jupyterOnly,
        jupyter: wantJupyter,
        only: filters,
      });
      if (!staticOnly && !jupyterOnly) await checkDesk(session.browser, results);
    }
  } finally {
    await session.close();
  }
  const failed = results.filter((r) => !r.ok);
  console.log(
    `\nbrowser check: ${results.length - failed.length} passed, ${failed.length} failed ` +
      `(${((Date.now() - t0) / 1000).toFixed(0)} s); screenshots in build/browser/`,
  );
  return failed.length === 0 && results.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
