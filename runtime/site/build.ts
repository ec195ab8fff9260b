/**
 * Build the course site: execute every notebook in process, render each to HTML with its
 * recorded outputs and the live course's controls, and write an index page, with KaTeX's
 * stylesheet and fonts, plotly.js, the live course's scripts (live/bundle.ts), the exercise
 * files and the MNIST data beside them, and last the service worker that keeps the whole site
 * for offline use (offline.ts). The folder is a static site: any web server serves it.
 */
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "fs";
import { basename, join } from "path";
import { executeNotebook } from "../notebooks/inprocess";
import { findProblems, formatProblem, listNotebooks, text } from "../notebooks/nbformat";
import { plotlyBundle } from "../../lib/plot/loader";
import { buildLive } from "./live/bundle";
import { buildGrading } from "./live/grading-bundle";
import { buildServiceWorker } from "./offline";
import { PLOTLY_FILE, renderNotebook, renderPage } from "./render";

/** The student's files and data the live course needs, copied beside the pages. */
function copyCourseFiles(root: string, outDir: string): string[] {
  const exercises = readdirSync(join(root, "exercises")).filter((f) => f.endsWith(".ts"));
  mkdirSync(join(outDir, "exercises"), { recursive: true });
  for (const f of exercises) cpSync(join(root, "exercises", f), join(outDir, "exercises", f));
  cpSync(join(root, "data", "mnist"), join(outDir, "data", "mnist"), { recursive: true });
  return exercises.map((f) => `exercises/${f}`);
}

/** Build into `outDir`; returns the notebooks that had error output (empty when all ran). */
export async function buildSite(
  root: string,
  outDir: string,
  log = console.log,
): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  cpSync(join(root, "node_modules", "katex", "dist"), join(outDir, "katex"), { recursive: true });
  const plotly = plotlyBundle(root);
  cpSync(plotly.file, join(outDir, PLOTLY_FILE));
  const live = await buildLive(root, outDir, plotly.version);
  const t1 = Date.now();
  const suites = await buildGrading(root, outDir);
  log(
    `  built the live course's scripts (${live.seconds.toFixed(1)} s) and ${suites} grading ` +
      `suites with their reference outputs (${((Date.now() - t1) / 1000).toFixed(1)} s)`,
  );
  const files = copyCourseFiles(root, outDir);
  const filesJson = `<script type="application/json" id="live-files">${JSON.stringify(files)}</script>`;
  const notebooks = listNotebooks(root);
  const pages = notebooks.map((p) => ({ path: p, href: basename(p, ".ipynb") + ".html" }));
  const nav = [
    { href: "index.html", label: "Contents" },
    ...pages.map((p) => ({ href: p.href, label: p.href.slice(0, 2) })),
  ];
  const failed: string[] = [];
  const entries: string[] = [];
  for (const { path, href } of pages) {
    const t0 = Date.now();
    // check() cells say how to check instead of grading: nothing runs in the read-only copy
    const before = process.env.OPTKIT_STATIC_COURSE;
    process.env.OPTKIT_STATIC_COURSE = "1";
    const nb = await executeNotebook(path, root).finally(() => {
      if (before === undefined) delete process.env.OPTKIT_STATIC_COURSE;
      else process.env.OPTKIT_STATIC_COURSE = before;
    });
    const problems = findProblems(nb);
    for (const p of problems) log(`✗ ${formatProblem(basename(path), p)}`);
    if (problems.length > 0) failed.push(basename(path));
    const title =
      text(nb.cells[0]?.source ?? "")
        .split("\n")[0]
        .replace(/^#\s*/, "") || href;
    const body = renderNotebook(nb, true) + filesJson;
    writeFileSync(
      join(outDir, href),
      renderPage(title, body, nav, ["live/editor.js", "live/page.js"]),
    );
    // numbered as the notebooks are, 00 to 05 (a title may already start with its number)
    const number = href.slice(0, 2);
    const label = title.startsWith(number) ? title : `${number} · ${title}`;
    entries.push(`<li><a href="${href}">${label}</a></li>`);
    log(`  rendered ${basename(path)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const index = `<h1>Optimization for deep learning</h1>
<p>The course notebooks, executed and rendered with their outputs. Their cells run here, in
your browser, with nothing installed: open a notebook and press Run All. (With Node.js and
Jupyter, the same notebooks open in Jupyter with the course kernel: see the README.)</p><ul class="contents">${entries.join("\n")}</ul>`;
  writeFileSync(join(outDir, "index.html"), renderPage("optkit", index, nav));
  const sw = await buildServiceWorker(outDir);
  log(
    `  service worker ${sw.version}: ${sw.files} files (${(sw.bytes / 2 ** 20).toFixed(1)} MB) ` +
      "stored for offline use on a first visit",
  );
  return failed;
}
