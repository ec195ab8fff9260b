/**
 * Classic Jupyter Notebook in the browser, started the way `npm start` starts it. For each
 * notebook: Run All, re-run the first plot cell, save, reopen, reload, re-run the first plot
 * cell again; after every step each plot output must be drawn. The check works on copies of the
 * notebooks under build/browser/notebooks/ (Jupyter is rooted at the course folder, so it
 * serves them there), so saving never touches notebooks/.
 */
import { ChildProcess, spawn } from "child_process";
import { randomBytes } from "crypto";
import { copyFileSync, mkdirSync, statSync } from "fs";
import { basename, join, relative } from "path";
import { Browser, Page } from "puppeteer-core";
import { listNotebooks } from "../../runtime/notebooks/nbformat";
import { freePort, PlotCount, report, Result, waitForPlots, watch } from "./browser";

/** Start `npm start` (its script, with Node's ts-node) on a free port; resolves once it answers. */
export async function startJupyter(
  root: string,
): Promise<{ url: string; token: string; stop(): void }> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, "node_modules", "ts-node", "dist", "bin.js"), "runtime/start.ts"].concat([
      "--no-browser",
      "--port",
      String(port),
    ]),
    { cwd: root, env: { ...process.env, JUPYTER_TOKEN: token }, detached: true, stdio: "pipe" },
  );
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
    try {
      const r = await fetch(`${url}api/status?token=${token}`);
      if (r.ok) return { url, token, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error(`Jupyter did not answer on ${url} within 2 minutes:\n${output}`);
}

/** Wait until the notebook's kernel is connected and idle and every code cell has run. */
async function waitIdle(page: Page, ms: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const J = (window as unknown as { Jupyter?: JupyterGlobal }).Jupyter;
      const nb = J?.notebook;
      if (!nb?.kernel?.is_connected() || nb.kernel_busy) return false;
      return nb
        .get_cells()
        .every(
          (c) =>
            c.cell_type !== "code" ||
            c.get_text().trim() === "" ||
            typeof c.input_prompt_number === "number",
        );
    },
    { timeout: ms, polling: 500 },
  );
}

interface JupyterCell {
  cell_type: string;
  input_prompt_number: number | string | null | undefined;
  get_text(): string;
  execute(): void;
  output_area?: { outputs: { data?: Record<string, unknown> }[] };
}
interface JupyterGlobal {
  notebook: {
    kernel?: { is_connected(): boolean };
    kernel_busy: boolean;
    get_cells(): JupyterCell[];
    execute_all_cells(): void;
    save_notebook(): Promise<unknown>;
    dirty: boolean;
  };
}

/** Re-run the first cell with a plot output; resolves when it has finished. */
async function rerunFirstPlotCell(page: Page): Promise<number> {
  const index = await page.evaluate(() => {
    const nb = (window as unknown as { Jupyter: JupyterGlobal }).Jupyter.notebook;
    const cells = nb.get_cells();
    const i = cells.findIndex((c) =>
      (c.output_area?.outputs ?? []).some((o) => o.data?.["application/vnd.plotly.v1+json"]),
    );
    if (i >= 0) {
      cells[i].input_prompt_number = null;
      cells[i].execute();
    }
    return i;
  });
  await new Promise((r) => setTimeout(r, 500));
  await waitIdle(page, 300_000);
  return index;
}

async function openNotebook(browser: Browser, url: string, path: string) {
  const page = await browser.newPage();
  const log = watch(page);
  // Notebook asks before leaving a page with unsaved changes; a student would say yes here.
  page.on("dialog", (d) => void d.accept());
  await page.goto(`${url}notebooks/${path}`, { waitUntil: "load" });
  await page.waitForFunction(
    () =>
      (window as unknown as { Jupyter?: JupyterGlobal }).Jupyter?.notebook?.kernel?.is_connected(),
    { timeout: 120_000, polling: 250 },
  );
  return { page, log };
}

const describe = (c: PlotCount) =>
  `${c.drawn}/${c.outputs} drawn` + (c.failed.length ? `, ${c.failed.length} not loaded` : "");

type Jupyter = Awaited<ReturnType<typeof startJupyter>>;

/** `npm start`'s landing page: Jupyter opens on notebooks/, with exercises/ one click away. */
async function checkLanding(browser: Browser, jupyter: Jupyter, shots: string, results: Result[]) {
  const start = await browser.newPage();
  await start.goto(`${jupyter.url}?token=${jupyter.token}`, { waitUntil: "load" });
  const landing = new URL(start.url()).pathname;
  await start.waitForSelector("#notebook_list .item_link");
  const listed = await start.$$eval("#notebook_list .item_name", (e) =>
    e.map((x) => x.textContent),
  );
  await start.screenshot({ path: join(shots, "jupyter-tree.png") });
  await start.goto(`${jupyter.url}tree`, { waitUntil: "load" });
  await start.waitForSelector("#notebook_list .item_link");
  const top = await start.$$eval("#notebook_list .item_name", (e) => e.map((x) => x.textContent));
  await start.close();
  report(results, {
    name: "jupyter: npm start",
    ok:
      landing === "/tree/notebooks" &&
      listed.some((n) => n?.endsWith(".ipynb")) &&
      top.includes("exercises"),
    detail: `opens on ${landing} (${listed.filter((n) => n?.endsWith(".ipynb")).length} notebooks); the root lists ${top.filter((n) => n === "exercises" || n === "notebooks").join(" and ")}`,
  });
}

/** One notebook: Run All, re-run a plot cell, save, reopen, reload, re-run: every plot draws. */
async function checkOne(
  browser: Browser,
  jupyter: Jupyter,
  ctx: { root: string; copies: string; shots: string; results: Result[] },
  original: string,
): Promise<void> {
  const { root, copies, shots, results } = ctx;
  const name = basename(original, ".ipynb");
  const file = join(copies, basename(original));
  copyFileSync(original, file);
  const path = relative(root, file).split("\\").join("/");
  const steps: string[] = [];
  const problems: string[] = [];
  const step = async (label: string, page: Page) => {
    const c = await waitForPlots(page, 60_000);
    steps.push(`${label} ${describe(c)}`);
    console.log(`  ${name}: ${label}: ${describe(c)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    if (c.outputs === 0 || c.drawn !== c.outputs) problems.push(`${label}: ${describe(c)}`);
    for (const t of c.titleUnderToolbar) problems.push(`${label}: title under the toolbar: "${t}"`);
    return c;
  };
  const t0 = Date.now();
  let { page, log } = await openNotebook(browser, jupyter.url, path);
  await page.evaluate(() =>
    (window as unknown as { Jupyter: JupyterGlobal }).Jupyter.notebook.execute_all_cells(),
  );
  await new Promise((r) => setTimeout(r, 1000));
  await waitIdle(page, 900_000);
  const runSeconds = (Date.now() - t0) / 1000;
  const first = await step("run all", page);
  const index = await rerunFirstPlotCell(page);
  await step(`re-run cell ${index + 1}`, page);
  await page.evaluate(() =>
    (window as unknown as { Jupyter: JupyterGlobal }).Jupyter.notebook.save_notebook(),
  );
  await page.close();
  const bytes = statSync(file).size;
  ({ page, log } = await openNotebook(browser, jupyter.url, path));
  const reopened = await step("reopen", page);
  await page.reload({ waitUntil: "load" });
  await step("reload", page);
  await page.waitForFunction(
    () =>
      (window as unknown as { Jupyter?: JupyterGlobal }).Jupyter?.notebook?.kernel?.is_connected(),
    { timeout: 60_000 },
  );
  await rerunFirstPlotCell(page);
  const last = await step("re-run again", page);
  await page.evaluate(() => document.querySelector("div.optkit-plot")?.scrollIntoView());
  await page.screenshot({ path: join(shots, `jupyter-${name}.png`) });
  await page.evaluate(() =>
    (window as unknown as { Jupyter: JupyterGlobal }).Jupyter.notebook.save_notebook(),
  );
  await page.close();
  if (reopened.outputs !== first.outputs || last.outputs !== first.outputs)
    problems.push(
      `plot outputs changed: ${first.outputs} -> ${reopened.outputs} -> ${last.outputs}`,
    );
  const plotErrors = log.errors.filter((e) => /plotly|optkit|exception/i.test(e));
  problems.push(...plotErrors);
  report(results, {
    name: `jupyter: ${name}`,
    ok: problems.length === 0,
    detail:
      `${steps.join("; ")}; saved with outputs ${(bytes / 1e6).toFixed(2)} MB; Run All ${runSeconds.toFixed(0)} s` +
      problems.map((p) => `\n    ${p}`).join(""),
  });
}

export async function checkNotebook(
  browser: Browser,
  root: string,
  shots: string,
  results: Result[],
  only: string[] = [],
): Promise<void> {
  const copies = join(root, "build", "browser", "notebooks");
  mkdirSync(copies, { recursive: true });
  const jupyter = await startJupyter(root);
  try {
    await checkLanding(browser, jupyter, shots, results);
    const notebooks = listNotebooks(root).filter(
      (p) => only.length === 0 || only.some((f) => basename(p).startsWith(f)),
    );
    for (const original of notebooks) {
      await checkOne(browser, jupyter, { root, copies, shots, results }, original);
    }
  } finally {
    jupyter.stop();
  }
}
