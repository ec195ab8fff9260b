/**
 * What changes on the way into the student release: notebooks lose their outputs and any cell
 * tagged "instructor" or "solution"; package.json loses the instructor's scripts; the README is
 * the students' part of the course README plus how to submit.
 */
import * as fs from "node:fs";
import * as path from "node:path";

interface Notebook {
  cells: { cell_type: string; metadata?: { tags?: string[] }; outputs?: unknown[] }[];
}

/** A notebook without outputs, execution counts or instructor-only cells. */
export function stripNotebook(text: string): string {
  const nb = JSON.parse(text) as Notebook;
  nb.cells = nb.cells
    .filter((c) => !(c.metadata?.tags ?? []).some((t) => t === "instructor" || t === "solution"))
    .map((c) => (c.cell_type === "code" ? { ...c, outputs: [], execution_count: null } : c));
  return JSON.stringify(nb, null, 1) + "\n";
}

const INSTRUCTOR_SCRIPTS = [
  "grade:verify",
  "grade:batch",
  "grade:desk",
  "grade:mutation",
  "grade:similarity-install",
  "release",
  "release:check",
  "release:gradescope",
  "bench:grading",
];

/** package.json for students: no instructor scripts, none whose script file did not ship;
 * `npm test` type-checks and grades (the kit's own unit tests stay with the instructor). */
export function studentPackageJson(text: string, exists: (rel: string) => boolean): string {
  const pkg = JSON.parse(text) as { scripts?: Record<string, string> };
  const scripts = pkg.scripts ?? {};
  for (const [name, cmd] of Object.entries(scripts)) {
    const file = /\bts-node\s+(\S+\.ts)/.exec(cmd)?.[1];
    if (INSTRUCTOR_SCRIPTS.includes(name) || (file && !exists(file))) delete scripts[name];
  }
  if (scripts.test) scripts.test = "npm run typecheck && npm run grade";
  return JSON.stringify(pkg, null, 2) + "\n";
}

/** The sections `titles` ("## The notebooks", ...) of a Markdown file, in the given order. */
function sections(md: string, titles: string[]): string[] {
  const parts = md.split(/^(?=#{2,3} )/m);
  return titles.map((t) => parts.find((p) => p.startsWith(`${t}\n`)) ?? "").filter(Boolean);
}

/** The students' README: title, quick start, notebooks, exercises, submitting. */
export function studentReadme(courseReadme: string, templatesDir: string): string {
  const title = courseReadme.split(/^## /m)[0].trim();
  const picked = sections(courseReadme, [
    "## Quick start",
    "### Prerequisites",
    "## The notebooks",
    "## Exercises (students)",
  ]).map((s) =>
    s
      .split("\n")
      .filter((l) => !/npm (ci && npm )?test\b/.test(l))
      .join("\n")
      .trimEnd(),
  );
  const submit = fs.readFileSync(path.join(templatesDir, "SUBMITTING.md"), "utf8").trim();
  return [title, ...picked, submit].join("\n\n") + "\n";
}
