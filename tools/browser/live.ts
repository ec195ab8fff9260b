/**
 * The live course in the browser: on every notebook page of the built site (build/site/, as
 * `npm start` serves it without Jupyter), Run All runs every cell in the page's worker with no
 * error output, prints the same numbers as the recorded kernel run (seeded; timings aside),
 * and draws every plot, 05's MNIST training included; then, on each page with an exercise, the
 * Check button gives the stub 0 points and the solution (loaded with the panel's Import) every
 * public point, and the cells use it; on 00, a cell edited as a person types (live-editor.ts);
 * on 01, Check's time limit and a syntax error in the exercise file (live-check.ts); last, page
 * 01 with the network off after the first visit (live-offline.ts).
 * Prints each page's load time and Run All time. `only`: the pages whose names start so.
 */
import { existsSync, mkdirSync, readFileSync } from "fs";
import { join } from "path";
import { Browser, ElementHandle, Page } from "puppeteer-core";
import { buildSite } from "../../runtime/site/build";
import { serve } from "../../runtime/site/serve";
import { report, Result, waitForPlots, watch } from "./browser";
import { checkLimitsAndSyntax } from "./live-check";
import { checkOffline } from "./live-offline";
import { cellCodes, checkEditing, setCellCode } from "./live-editor";
import { compareNumbers, ENGINE_SENSITIVE, numbersOf } from "./live-numbers";

/**
 * Per code cell: its printed text (stdout, and tables row by row without their timing
 * columns), in page order; "" for a cell that reads a clock, itself or through a helper that a
 * clock-reading cell declares (its numbers are timings or follow from them), or that calls
 * `check` (whose recorded output is the site's note on how to check, not a grading).
 */
async function printed(page: Page): Promise<string[]> {
  const codes = await cellCodes(page);
  return page.$$eval(
    ".cell",
    (cells, codes) => {
      // names a clock-reading cell declares (e.g. a timing helper) make their users timed too
      const clock = /performance\.now|Date\.now/;
      const helpers = codes
        .filter((c) => clock.test(c))
        .flatMap((c) =>
          Array.from(
            c.matchAll(
              /function\s+(\w+)|(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?(?:<[^>]*>\s*)?\(/g,
            ),
            (m) => m[1] ?? m[2],
          ),
        );
      const timed = (code: string) =>
        clock.test(code) || helpers.some((h) => new RegExp(`\\b${h}\\b`).test(code));
      return cells.map((c, i) => {
        if (timed(codes[i]) || /\bcheck\(/.test(codes[i])) return "";
        const outs = c.querySelectorAll(".outputs pre.out.stdout, .outputs table");
        return Array.from(outs)
          .map((e) => {
            if (e.tagName !== "TABLE") return e.textContent ?? "";
            const rows = Array.from(e.querySelectorAll("tr"), (r) =>
              Array.from(r.children, (d) => d.textContent ?? ""),
            );
            const timing = (rows[0] ?? []).map((h) => /\bms\b|seconds|time|\(s\)/i.test(h));
            return rows.map((r) => r.filter((_, k) => !timing[k]).join(" | ")).join("\n");
          })
          .join("\n");
      });
    },
    codes,
  );
}

/** Wait until the type checker has answered for every cell that ran. */
function typesChecked(page: Page): Promise<unknown> {
  return page.waitForFunction(() => (document.body.dataset.typesPending ?? "0") === "0", {
    timeout: 5 * 60_000,
    polling: 250,
  });
}

/** Run All; its seconds and the progress the bar showed about 2 s in (if it still ran). */
async function runAll(page: Page): Promise<{ seconds: number; progress: string }> {
  const t0 = Date.now();
  await page.click("#run-all");
  const seen = await page.waitForFunction(
    (t: number) =>
      document.body.dataset.liveState === "idle"
        ? { text: "" }
        : Date.now() >= t && { text: document.getElementById("live-message")?.textContent ?? "" },
    { timeout: 15 * 60_000, polling: 100 },
    Date.now() + 2000,
  );
  const progress = ((await seen.jsonValue()) as { text: string }).text;
  await page.waitForFunction(() => document.body.dataset.liveState === "idle", {
    timeout: 15 * 60_000,
    polling: 250,
  });
  const seconds = (Date.now() - t0) / 1000;
  await typesChecked(page);
  return { seconds, progress };
}

/** Press Check in the exercise panel; returns [points, maxPoints]. */
async function pressCheck(page: Page): Promise<[number, number]> {
  if (!(await page.$eval("#exercise-panel", (d) => (d as HTMLDetailsElement).open))) {
    await page.click("#exercise-panel summary");
  }
  await page.waitForSelector("#exercise-panel[data-ready] .cm-content", { timeout: 30_000 });
  await page.click("#exercise-panel .check");
  await page.waitForSelector('#exercise-panel .check-output[data-state="done"]', {
    timeout: 5 * 60_000,
  });
  const text = await page.$eval("#exercise-panel .check-output", (e) => e.textContent ?? "");
  const m = /Check of \d\d: ([\d.]+) \/ ([\d.]+) points/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
}

/**
 * On a page whose cells ran: running a cell again redeclares its names without an error, a
 * syntax error is shown with its line, an error thrown by a cell with the cell's lines it came
 * through, a type error as tslab writes it, and Stop during Run All ends the worker and names
 * the cells that must run again.
 */
async function checkControls(page: Page, results: Result[]): Promise<void> {
  const runCell = async (i: number, code?: string) => {
    if (code !== undefined) await setCellCode(page, i, code);
    await (await page.$$(".cell .run"))[i].click();
    await page.waitForFunction(() => document.body.dataset.liveState === "idle", {
      polling: 100,
    });
    return page.$$eval(".cell .outputs", (o, i) => o[i].textContent ?? "", i);
  };
  const count = (await page.$$(".cell")).length;
  const again = await runCell(count - 1);
  const syntax = await runCell(count - 1, "const ok = 1;\nconst = 2;");
  const thrown = await runCell(count - 1, "function boom() {\n  throw new Error('x');\n}\nboom();");
  // the cell is named by the number its prompt shows
  const prompt = await page.$$eval(".cell .cell-status", (s, i) => s[i].textContent, count - 1);
  const typed = await runCell(count - 1, 'const n: number = "x";');
  await typesChecked(page);
  const typeError = await page.$$eval(
    ".cell .outputs",
    (o, i) => o[i].textContent ?? "",
    count - 1,
  );
  const typeNote = await page.$eval("#live-types", (e) => e.textContent ?? "").catch(() => "");
  await page.click("#run-all");
  await new Promise((r) => setTimeout(r, 1500));
  await page.click("#stop");
  await page.waitForFunction(() => document.body.dataset.liveState === "idle");
  const message = await page.$eval("#live-message", (e) => e.textContent ?? "");
  const stale = await page.$$eval(".cell.stale", (c) => c.length);
  const problems = [
    // an error's name and colon ("TypeError: ..."), not the word in an exercise's name
    // (softmaxSquaredErrorGradient)
    ...(/\b\w*Error: /.test(again) ? [`running the last cell again: ${again.slice(0, 200)}`] : []),
    ...(/SyntaxError: .*\(line 2, column \d+\)/.test(syntax)
      ? []
      : [`syntax error shown as: ${syntax}`]),
    ...(stale > 0 && message.includes("must run again") ? [] : [`after Stop: "${message}"`]),
    ...(thrown.includes(`at boom (cell-${prompt?.replace(/\D/g, "")}, line 2)`)
      ? []
      : [`a thrown error: ${thrown} (prompt ${prompt})`]),
    ...(/Type errors in cell \[\d+\]/.test(typeNote) ? [] : [`the bar says "${typeNote}"`]),
    ...(/1:7 - Type 'string' is not assignable to type 'number'/.test(typeError)
      ? []
      : [`a type error: ${typeError} (ran: ${typed})`]),
  ];
  report(results, {
    name: "live: run again, syntax error, thrown error, type error (named in the bar), Stop",
    ok: problems.length === 0,
    detail: `Stop: "${message}"` + problems.map((p) => `\n    ${p}`).join(""),
  });
}

/** Lines of "not implemented yet" in the cells' outputs (the stub's polite notes). */
function notYet(page: Page): Promise<number> {
  return page.$$eval(".cell .outputs", (o) =>
    o.reduce((n, e) => n + ((e.textContent ?? "").match(/not implemented yet/g)?.length ?? 0), 0),
  );
}

/**
 * The exercise panel: Check gives the stub 0 points; the solution file, loaded with Import,
 * gets every public point (as many as `npm run grade` gave the solutions when the site was
 * built), the notebook's cells then use it (Run All prints no "not implemented yet"), and it is
 * still in the editor after a reload.
 */
async function checkExercise(
  page: Page,
  root: string,
  out: string,
  name: string,
  shots: string,
  results: Result[],
): Promise<void> {
  const file = (await page.$eval("#exercise-panel summary code", (c) => c.textContent)) ?? "";
  const base = file.replace(/^exercises\//, "");
  const stubNotes = await notYet(page);
  const [stub, max] = await pressCheck(page);
  const input = await page.$("#exercise-panel .import input");
  await (input as ElementHandle<HTMLInputElement>).uploadFile(join(root, "solutions", base));
  await page.waitForFunction(
    () => document.querySelector("#exercise-panel .saved")?.textContent === "saved in this browser",
  );
  const [solved, max2] = await pressCheck(page);
  await runAll(page);
  const solvedNotes = await notYet(page);
  const failedCells = await page.$$eval(".cell.failed", (c) => c.length);
  await page.reload({ waitUntil: "load" });
  await page.click("#exercise-panel summary");
  await page.waitForSelector("#exercise-panel[data-ready] .cm-content");
  const shown = await page.$eval("#exercise-panel .cm-content", (e) => e.textContent ?? "");
  await page.screenshot({ path: join(shots, `live-${name}-exercise.png`) });
  await page.evaluate((f) => localStorage.removeItem(`optkit:${f}`), file);
  const index = JSON.parse(readFileSync(join(out, "grading", "index.json"), "utf8")) as {
    points: Record<string, number>;
  };
  const graderMax = index.points[`grader/suites/${base.replace(/\.ts$/, "")}.grading.ts`];
  const solution = readFileSync(join(root, "solutions", base), "utf8");
  const firstLine = solution.split("\n").find((l) => l.trim()) ?? "";
  report(results, {
    name: `live: ${name} Check`,
    ok:
      stub === 0 &&
      max > 0 &&
      solved === max &&
      max2 === max &&
      max === graderMax &&
      stubNotes > 0 &&
      solvedNotes === 0 &&
      failedCells === 0 &&
      shown.includes(firstLine),
    detail:
      `stub ${stub} / ${max} points, the solution (imported) ${solved} / ${max2}; ` +
      `npm run grade's run of the solutions: ${graderMax} points; "not implemented yet" ` +
      `in the cells' outputs: ${stubNotes} with the stub, ${solvedNotes} with the solution` +
      (failedCells ? `; ${failedCells} cells failed with the solution` : ""),
  });
}

/** The cells that printed an error, or had type errors, after Run All: "cell k: ...". */
async function cellFailures(page: Page): Promise<string[]> {
  const failed = await page.$$eval(".cell", (cells) =>
    cells
      .map(
        (c, i) =>
          [i + 1, c.querySelector("pre.out.stderr:not(.type-errors)")?.textContent ?? ""] as const,
      )
      .filter(([, t]) => t)
      .map(([i, t]) => `cell ${i}: ${t.slice(0, 200)}`),
  );
  const typeErrors = await page.$$eval(".cell", (cells) =>
    cells.map((c) => ({ errors: c.querySelector("pre.type-errors")?.textContent ?? "" })),
  );
  // the project's TypeScript finds no type error in any cell, as the kernel's does not
  failed.push(
    ...typeErrors
      .map((t, i) => ({ ...t, cell: i + 1 }))
      .filter((t) => t.errors)
      .map((t) => `cell ${t.cell}: type errors ${t.errors.slice(0, 200)}`),
  );
  return failed;
}

/** One page's Run All: every cell runs, prints what was recorded and draws every plot. */
async function checkRunAll(
  page: Page,
  log: { errors: string[] },
  at: { url: string; href: string; shots: string },
  results: Result[],
): Promise<{ name: string; row: string }> {
  const { url, href, shots } = at;
  const name = href.replace(/\.html$/, "");
  log.errors.length = 0;
  await page.goto(url + href, { waitUntil: "load" });
  const [loadMs, paintMs] = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return [nav.loadEventEnd - nav.startTime, paint ? paint.startTime : NaN];
  });
  const recorded = await printed(page);
  const sensitive = ENGINE_SENSITIVE[name] ?? [];
  const codes = await cellCodes(page);
  const skip = sensitive.map((s) => codes.findIndex((c) => c.includes(s.phrase)));
  const plotsBefore = await page.$$eval("div.optkit-plot", (p) => p.length);
  const { seconds, progress } = await runAll(page);
  const failed = await cellFailures(page);
  const plots = await waitForPlots(page, 60_000);
  await page.screenshot({ path: join(shots, `live-${name}.png`) });
  const problems = [
    ...failed,
    ...compareNumbers(recorded, await printed(page), skip),
    ...(seconds < 4 || /^Running cell \d+ of \d+/.test(progress)
      ? []
      : [`no progress during Run All: "${progress}"`]),
    ...(plots.drawn === plots.outputs ? [] : [`${plots.outputs - plots.drawn} plots not drawn`]),
    ...(plots.outputs === plotsBefore
      ? []
      : [`${plots.outputs} plots after Run All, ${plotsBefore} recorded`]),
    ...log.errors,
    ...(await page
      .$$eval("#exercise-panel", (p) => p.length)
      .then((n) => (n > 1 ? [`${n} exercise panels after Run All`] : []))),
  ];
  const accuracy = (texts: string[]) =>
    texts
      .join("\n")
      .match(/test accuracy [\d.]+%/g)
      ?.pop() ?? "";
  const [accRecorded, accLive] = [accuracy(recorded), accuracy(await printed(page))];
  if (accRecorded !== accLive) {
    problems.push(`recorded "${accRecorded}", live "${accLive}"`);
  }
  const numbers = recorded
    .filter((_, i) => !skip.includes(i))
    .reduce((s, t) => s + numbersOf(t).length, 0);
  if (skip.includes(-1)) problems.push("a cell named in ENGINE_SENSITIVE is gone");
  const row = `| ${name} | ${Math.round(paintMs)} | ${Math.round(loadMs)} | ${seconds.toFixed(1)} |`;
  report(results, {
    name: `live: ${name} Run All`,
    ok: problems.length === 0 && numbers > 0 === recorded.some((t) => t.length > 0),
    detail:
      `page load ${Math.round(loadMs)} ms (text shown at ${Math.round(paintMs)} ms), ` +
      `Run All ${seconds.toFixed(1)} s` +
      (progress ? ` (at 2 s: "${progress}")` : "") +
      ", " +
      `${numbers} printed numbers as recorded, ${plots.drawn}/${plots.outputs} plots drawn` +
      (accLive ? `, ${accLive} as recorded` : "") +
      sensitive.map((s, k) => `\n    not compared: cell ${skip[k] + 1} (${s.why})`).join("") +
      problems.map((p) => `\n    ${p}`).join(""),
  });
  return { name, row };
}

export async function checkLive(
  browser: Browser,
  root: string,
  shots: string,
  results: Result[],
  only: string[] = [],
): Promise<void> {
  const out = join(root, "build", "site");
  if (!existsSync(join(out, "live", "worker.js"))) await buildSite(root, out, () => {});
  const { server, url } = await serve(out, 0);
  mkdirSync(shots, { recursive: true });
  try {
    const page = await browser.newPage();
    const log = watch(page);
    await page.goto(url, { waitUntil: "load" });
    const links = await page.$$eval("ul.contents a", (as) =>
      as.map((a) => a.getAttribute("href") ?? ""),
    );
    const wanted = links.filter((h) => only.length === 0 || only.some((p) => h.startsWith(p)));
    const times: string[] = [];
    for (const href of wanted) {
      const { name, row } = await checkRunAll(page, log, { url, href, shots }, results);
      times.push(row);
      if (name.startsWith("00")) await checkEditing(page, shots, results);
      if (name.startsWith("05")) {
        await checkControls(page, results);
        await page.reload({ waitUntil: "load" }); // the cells as published, not as edited
      }
      if (name.startsWith("01")) await checkLimitsAndSyntax(page, root, shots, results);
      if (await page.$("#exercise-panel"))
        await checkExercise(page, root, out, name, shots, results);
    }
    await page.close();
    console.log(
      "\n| page | text shown (ms) | page loaded (ms) | Run All (s) |\n| --- | ---: | ---: | ---: |\n" +
        times.join("\n") +
        "\n",
    );
    const stopServer = () => {
      server.close();
      server.closeAllConnections();
    };
    await checkOffline(browser, url, stopServer, shots, results); // last: it stops the server
  } finally {
    server.close();
  }
}
