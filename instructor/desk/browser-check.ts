/**
 * The grading desk in Chromium (`npm run test:browser -- --desk`): a gradebook with three
 * students' written answers (collected as grade:batch collects them), graded by keyboard only;
 * a rubric item's points edited in place change every mark holding it; two pages grading the
 * same question at once lose no mark; a reload finds every mark, and so do the stored files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Browser, Page } from "puppeteer-core";
import { startDesk } from "./desk";
import { collectWritten } from "./merge";
import { anonId, gradebookSalt, readMarks, saveRubric } from "./store";
import { report, Result, watch } from "../../tools/browser/browser";

const Q = "gradientDescentWritten.whyDivergesAboveTwoOverL";

function gradebook(root: string): string {
  const g = mkdtempSync(join(tmpdir(), "optkit-desk-"));
  const subs = ["ada", "bob", "cy"].map((student, i) => {
    const file = join(g, "subs", student, "02-gradient-descent.ts");
    mkdirSync(join(g, "subs", student), { recursive: true });
    writeFileSync(
      file,
      `export function gradientDescentWritten() {\n  return { whyDivergesAboveTwoOverL: "answer ${i}" };\n}\n`,
    );
    return { student, exercises: new Map([["02-gradient-descent.ts", file]]) };
  });
  collectWritten(root, ["02"], subs, g);
  saveRubric(g, Q, 0, [
    { id: "factor", points: 1, comment: "names the factor 1 - eta L" },
    { id: "grows", points: 1, comment: "says it exceeds 1 in size" },
  ]);
  return g;
}

/** The page's shown student and points, once the last save has come back. */
async function shown(page: Page): Promise<{ student: string; points: string }> {
  return page.evaluate(() => ({
    student: document.body.dataset.student ?? "",
    points: document.getElementById("points")?.textContent ?? "",
  }));
}

/** Wait for the page's last save to come back, then clear its status line. */
async function saved(page: Page): Promise<void> {
  // polled: a page in the background gets no animation frames
  await page.waitForFunction(
    () => /^saved|^rubric saved/.test(document.getElementById("status")!.textContent ?? ""),
    { polling: 50 },
  );
  await page.evaluate(() => (document.getElementById("status")!.textContent = ""));
}

async function press(page: Page, keys: string[]): Promise<void> {
  for (const k of keys) {
    await page.keyboard.press(k as never);
    if (/^[1-9]$/.test(k)) await saved(page);
  }
}

async function openDesk(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() =>
    document.getElementById("status")?.textContent?.startsWith("ready"),
  );
  return page;
}

export async function checkDesk(browser: Browser, root: string, results: Result[]): Promise<void> {
  const g = gradebook(root);
  const desk = await startDesk(g, 0);
  try {
    const page = await openDesk(browser, desk.url);
    const log = watch(page);
    // ada, bob, cy in the order of their ids: 1+2, 1, 2
    await press(page, ["1", "2", "j", "1", "j", "2"]);
    const marks = readMarks(g)[Q] ?? {};
    const pts = Object.values(marks).map((m) => m.items.join("+"));
    report(results, {
      name: "desk: keyboard grading",
      ok: pts.join(",") === "factor+grows,factor,grows",
      detail: `three marks stored by keys alone: ${pts.join(", ")}`,
    });
    // edit item 1's points in place: every mark holding it changes
    await page.$eval("#rubric li:first-child input.rp", (e) => {
      (e as HTMLInputElement).value = "0.5";
      e.dispatchEvent(new Event("change"));
    });
    await saved(page);
    await press(page, ["k", "k"]);
    const first = await shown(page);
    await press(page, ["j"]);
    const second = await shown(page);
    report(results, {
      name: "desk: rubric edit applies everywhere",
      ok: first.points === "1.5 / 2" && second.points === "0.5 / 2",
      detail: `after item 1 went to 0.5: ${first.points} and ${second.points}`,
    });
    // two pages at once: on the same answer (one write is refused, retried on the stored
    // version), then on two others; every key of both is kept
    const other = await openDesk(browser, desk.url);
    await Promise.all([press(page, ["2"]), press(other, ["j", "1"])]);
    await Promise.all([press(page, ["j", "1"]), press(other, ["k", "2"])]);
    const after = Object.values(readMarks(g)[Q]).map((m) => m.items.sort().join("+"));
    const conflicts = await Promise.all(
      [page, other].map((p) => p.evaluate(() => Number(document.body.dataset.conflicts ?? 0))),
    );
    const refused = conflicts[0] + conflicts[1];
    report(results, {
      name: "desk: two graders at once",
      ok: after.join(",") === "factor,grows,factor+grows" && refused > 0,
      detail:
        `marks after both pages: ${after.join(", ")} (expected factor, grows, factor+grows); ` +
        `${refused} stale write(s) refused with 409 and redone on the stored mark`,
    });
    await page.reload();
    await page.waitForFunction(() =>
      document.getElementById("status")?.textContent?.startsWith("ready"),
    );
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      seen.push((await shown(page)).points);
      await press(page, ["j"]);
    }
    report(results, {
      name: "desk: reload finds every mark",
      ok: seen.join(",") === "0.5 / 2,1 / 2,1.5 / 2" && log.errors.length === 0,
      detail: `${seen.join(", ")}; ${log.errors.length} console error(s) ${log.errors.join(" ")}`,
    });
    await checkRegrade(page, g, results);
  } finally {
    await desk.close();
    rmSync(g, { recursive: true, force: true });
  }
}

/** A regrade request from written/regrades.csv, shown beside bob's answer and answered there. */
async function checkRegrade(page: Page, g: string, results: Result[]): Promise<void> {
  writeFileSync(
    join(g, "written", "regrades.csv"),
    `student,question,reason\nbob,${Q},my second sentence says why it grows\n`,
  );
  await page.bringToFront(); // clicks wait for frames, which a page in the background lacks
  await page.keyboard.press("r");
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  let found = false;
  for (let i = 0; i < 3 && !found; i++) {
    await new Promise((r) => setTimeout(r, 200)); // the reload's answer
    found = (await page.$(".regrade")) !== null;
    if (!found) await page.keyboard.press("j");
  }
  const request = found ? await page.$eval(".regrade", (e) => e.textContent ?? "") : "";
  if (found) {
    await page.$eval(".regrade input.op", (e) => ((e as HTMLInputElement).value = "2"));
    await page.type(".regrade input.or", "agreed: it says so");
    await page.click(".regrade button");
    await saved(page);
  }
  const mark = readMarks(g)[Q][anonId(gradebookSalt(g), "bob")];
  const points = (await shown(page)).points;
  report(results, {
    name: "desk: regrade request",
    ok:
      request.includes("my second sentence") &&
      mark?.override?.reason === "agreed: it says so" &&
      points === "2 / 2",
    detail: `shown: ${JSON.stringify(request.slice(0, 60))}; override stored: ${JSON.stringify(mark?.override)}; points ${points}`,
  });
}
