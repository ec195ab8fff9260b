/**
 * The live course's cell editors, used as a person uses them: keys typed one by one (Enter, Tab,
 * a `// comment` line, Shift+Enter), text pasted from the clipboard, undo; what the editor then
 * holds is exactly what runs (its printed lines appear). Also the helpers the other live checks
 * use to read and replace a cell's code.
 */
import { join } from "path";
import { Page } from "puppeteer-core";
import { report, Result } from "./browser";

interface EditorWindow {
  optkitEditor: { textOf(dom: HTMLElement): string | null };
}

/** Wait until the page has turned its cells into editors. */
export function editorsReady(page: Page): Promise<unknown> {
  return page.waitForFunction(() => document.body.dataset.editors === "ready", {
    timeout: 30_000,
  });
}

/** Every code cell's text, in page order, as its editor holds it. */
export async function cellCodes(page: Page): Promise<string[]> {
  await editorsReady(page);
  return page.$$eval(".cell", (cells) =>
    cells.map(
      (c) =>
        (window as unknown as EditorWindow).optkitEditor.textOf(
          c.querySelector<HTMLElement>(".code-editor")!,
        ) ?? "",
    ),
  );
}

/** Paste `text` into the focused editor, as the clipboard does (a `paste` event). */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
  }, text);
}

/** Click into cell `i`'s editor and move to the end of its text. */
async function focusEnd(page: Page, i: number): Promise<void> {
  const content = (await page.$$(".cell .cm-content"))[i];
  await content.click();
  await page.keyboard.down("Control");
  await page.keyboard.press("End");
  await page.keyboard.up("Control");
}

/** Replace cell `i`'s code by selecting all of it and pasting `code`. */
export async function setCellCode(page: Page, i: number, code: string): Promise<void> {
  await focusEnd(page, i);
  await page.keyboard.down("Control");
  await page.keyboard.press("a");
  await page.keyboard.up("Control");
  await paste(page, code);
}

function idle(page: Page): Promise<unknown> {
  return page.waitForFunction(() => document.body.dataset.liveState === "idle", {
    polling: 100,
    timeout: 60_000,
  });
}

function outputsOf(page: Page, i: number): Promise<string> {
  return page.$$eval(".cell .outputs", (o, i) => o[i].textContent ?? "", i);
}

/**
 * On a page whose cells ran (00): in cell 2, Enter, a `// my note` line, a `console.log` line,
 * an `if` block whose body is indented with Tab, Shift+Enter; then a pasted block; then undo of
 * the paste. Each run must print exactly the lines the editor holds.
 */
export async function checkEditing(page: Page, shots: string, results: Result[]): Promise<void> {
  const i = 1;
  const before = (await cellCodes(page))[i];
  await focusEnd(page, i);
  await page.keyboard.press("Enter");
  await page.keyboard.type("// my note");
  await page.keyboard.press("Enter");
  await page.keyboard.type('console.log("added line runs");');
  await page.keyboard.press("Enter");
  await page.keyboard.type("if (true) {");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.type('console.log("indented with " + "Tab");');
  await page.keyboard.down("Shift");
  await page.keyboard.press("Enter");
  await page.keyboard.up("Shift");
  await idle(page);
  const typed = (await cellCodes(page))[i];
  const typedOut = await outputsOf(page, i);
  const highlighted = await page.$$eval(
    ".cell .code-editor .cm-line span",
    (s) => new Set(s.map((e) => getComputedStyle(e).color)).size,
  );

  await focusEnd(page, i);
  await paste(page, '\nconst pasted = [1, 2, 3];\nconsole.log("pasted", pasted.length);');
  await (await page.$$(".cell .run"))[i].click();
  await idle(page);
  const pasted = (await cellCodes(page))[i];
  const pastedOut = await outputsOf(page, i);

  await (await page.$$(".cell .cm-content"))[i].focus();
  await page.keyboard.down("Control");
  await page.keyboard.press("z");
  await page.keyboard.up("Control");
  const undone = (await cellCodes(page))[i];
  // the cursor is back after the `}` that closes the typed block: both braces are marked
  const matched = await page.$$eval(".cell .cm-matchingBracket", (m) => m.length);
  await (await page.$$(".cell"))[i].screenshot({ path: join(shots, "live-cell-edited.png") });

  const expectedTyped =
    before +
    '\n// my note\nconsole.log("added line runs");\nif (true) {\n    ' +
    'console.log("indented with " + "Tab");\n}';
  const problems = [
    ...(typed === expectedTyped
      ? []
      : [`typed text: ${JSON.stringify(typed.slice(before.length))}`]),
    ...(typedOut.includes("added line runs\nindented with Tab")
      ? []
      : [`after Shift+Enter the outputs were ${JSON.stringify(typedOut.slice(0, 300))}`]),
    ...(pasted.endsWith('console.log("pasted", pasted.length);') ? [] : ["the paste is missing"]),
    ...(pastedOut.includes("pasted 3") && pastedOut.includes("added line runs")
      ? []
      : [`after the paste the outputs were ${JSON.stringify(pastedOut.slice(0, 300))}`]),
    ...(undone === typed ? [] : ["Ctrl+Z did not undo the paste"]),
    ...(matched > 0 ? [] : ["no bracket marked as matching at the cursor"]),
    ...(highlighted >= 3 ? [] : [`${highlighted} text colours in the code: no highlighting`]),
  ];
  report(results, {
    name: "live: typing, Tab, a comment line, Shift+Enter, paste and undo in a cell",
    ok: problems.length === 0,
    detail:
      `ran the ${typed.split("\n").length - before.split("\n").length} typed lines and ` +
      `the pasted ones, ${highlighted} colours in the code` +
      problems.map((p) => `\n    ${p}`).join(""),
  });
}
