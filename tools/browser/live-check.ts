/**
 * The exercise panel's Check against files a student might write, on page 01:
 *  - a function with an endless loop: Check ends with `npm run grade`'s sentence for it
 *    ("... did not return within 3 s (an infinite loop?).") and the same points as
 *    `npm run grade` gives the same file (graded here with the grader's own runner);
 *  - a syntax error: Check and Run All name the file, line and column, and show the line
 *    with a caret under the column.
 * Each file is loaded with the panel's Import; the page is left with the stub again.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { ElementHandle, Page } from "puppeteer-core";
import { grade } from "../../grader/runner/run";
import { report, Result } from "./browser";

const FILE = "01-derivatives.ts";

async function importFile(page: Page, path: string): Promise<void> {
  if (!(await page.$eval("#exercise-panel", (d) => (d as HTMLDetailsElement).open))) {
    await page.click("#exercise-panel summary");
  }
  await page.waitForSelector("#exercise-panel[data-ready] .cm-content", { timeout: 30_000 });
  await page.$eval("#exercise-panel .saved", (e) => (e.textContent = ""));
  const input = await page.$("#exercise-panel .import input");
  await (input as ElementHandle<HTMLInputElement>).uploadFile(path);
  await page.waitForFunction(
    () => document.querySelector("#exercise-panel .saved")?.textContent === "saved in this browser",
  );
}

/** Press Check; the output's text and the seconds until it was done. */
async function check(page: Page): Promise<{ text: string; seconds: number; during: string }> {
  const t0 = Date.now();
  await page.click("#exercise-panel .check");
  await page.waitForSelector('#exercise-panel .check-output[data-state="running"]');
  const during = await page.$eval("#exercise-panel .check-output", (e) => e.textContent ?? "");
  await page.waitForSelector('#exercise-panel .check-output[data-state="done"]', {
    timeout: 5 * 60_000,
  });
  const text = await page.$eval("#exercise-panel .check-output", (e) => e.textContent ?? "");
  return { text, seconds: (Date.now() - t0) / 1000, during };
}

function points(text: string): string {
  return /: ([\d.]+ \/ [\d.]+) points/.exec(text)?.[1] ?? "?";
}

/** `npm run grade`'s points for `source` as exercises/01-derivatives.ts. */
async function gradeInNode(root: string, dir: string, source: string): Promise<string> {
  rmSync(join(root, dir), { recursive: true, force: true });
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, FILE), source);
  const run = await grade({
    root,
    target: dir,
    filters: [`grader/suites/${FILE.replace(/\.ts$/, ".grading.ts")}`],
  });
  const got = run.records.reduce((s, r) => s + (r.status === "passed" ? r.maxPoints : 0), 0);
  const max = run.records.reduce((s, r) => s + r.maxPoints, 0);
  return `${got} / ${max}`;
}

export async function checkLimitsAndSyntax(
  page: Page,
  root: string,
  shots: string,
  results: Result[],
): Promise<void> {
  const dir = join(shots, "check-files");
  mkdirSync(dir, { recursive: true });
  const solution = readFileSync(join(root, "solutions", FILE), "utf8");

  // an endless loop in one function; the others solved
  const looping = solution.replace(
    /(export function centralDifference\([^)]*\): number \{)/,
    "$1\n  while (Math.random() < 2) {}",
  );
  writeFileSync(join(dir, FILE), looping);
  await importFile(page, join(dir, FILE));
  const loop = await check(page);
  await page.screenshot({ path: join(shots, "live-check-endless-loop.png") });
  const inNode = await gradeInNode(root, "build/browser/loop-target", looping);
  const sentence = "centralDifference did not return within 3 s (an infinite loop?).";
  report(results, {
    name: "live: Check of a function with an endless loop",
    ok:
      looping !== solution &&
      loop.text.includes(sentence) &&
      points(loop.text) === inNode &&
      /Stop cancels/.test(loop.during),
    detail:
      `ended after ${loop.seconds.toFixed(1)} s with ${points(loop.text)} points ` +
      `(npm run grade: ${inNode}); while running: "${loop.during.slice(0, 160)}"` +
      (loop.text.includes(sentence) ? "" : `\n    output: ${loop.text.slice(0, 400)}`),
  });

  // a syntax error on a known line
  const lines = solution.split("\n");
  const at = lines.findIndex((l) => l.includes("return (f(x + h) - f(x - h)) / (2 * h);"));
  lines[at] = lines[at].replace("(2 * h);", "(2 * h;");
  writeFileSync(join(dir, FILE), lines.join("\n"));
  await importFile(page, join(dir, FILE));
  const syntax = await check(page);
  const where = `exercises/${FILE}, line ${at + 1}, column `;
  const caret = (text: string) => {
    const m = new RegExp(`${where.replace(/\./g, "\\.")}(\\d+)\\)\\n(.*)\\n( *)\\^`).exec(text);
    return m !== null && m[2] === lines[at] && m[3].length === Number(m[1]) - 1;
  };
  await page.click("#run-all");
  await page.waitForFunction(() => document.body.dataset.liveState === "idle", {
    timeout: 5 * 60_000,
  });
  const failed = await page.$$eval(".cell.failed .outputs", (o) => o[0]?.textContent ?? "");
  await page.screenshot({ path: join(shots, "live-check-syntax-error.png") });
  report(results, {
    name: "live: a syntax error in the exercise file, in Check and in Run All",
    ok: at >= 0 && caret(syntax.text) && caret(failed),
    detail:
      `line ${at + 1}: Check says "${syntax.text.split("\n")[0].slice(0, 160)}"; ` +
      `Run All stops at "${failed.split("\n")[0].slice(0, 160)}"` +
      (caret(syntax.text) ? "" : `\n    Check: ${JSON.stringify(syntax.text.slice(0, 300))}`) +
      (caret(failed) ? "" : `\n    Run All: ${JSON.stringify(failed.slice(0, 300))}`),
  });
  await page.evaluate((f) => localStorage.removeItem(`optkit:exercises/${f}`), FILE);
  await page.reload({ waitUntil: "load" });
}
