/**
 * The course's files and which of them go where: the student release (no solutions, no hidden
 * tests, no instructor notes, no CI of the kit) and the grading kit (what grading a submission
 * needs: suites including hidden ones, harness, library, config, and the solutions, which
 * compute the references of fresh-seed cases out of the sandbox's reach).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The course's files, relative and with "/": git's list when in a repository, else a walk. */
export function courseFiles(root: string): string[] {
  let files: string[];
  try {
    const out = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" });
    files = out.split("\0").filter(Boolean);
  } catch {
    files = walk(root, "");
  }
  return files.filter((f) => fs.statSync(path.join(root, f), { throwIfNoEntry: false })?.isFile());
}

function walk(root: string, rel: string): string[] {
  const skip = new Set(["node_modules", "build", ".git"]);
  return fs.readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((d) => {
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) return skip.has(d.name) ? [] : walk(root, r);
    return d.isFile() ? [r] : [];
  });
}

export const HIDDEN_SUITES = "grader/hidden/";
export const FIXTURES_DIR = "grader/reference";

/** Instructor notes: files or folders named like "instructor", "INSTRUCTORS.md", "notes/". */
export function isInstructorNote(f: string): boolean {
  return f
    .split("/")
    .some((part) => /^(instructors?|notes|instructor-notes)(\.[\w]+)?$/i.test(part));
}

/** The grader's folders that students get too: the runner, the sandbox, the harness, the public suites. */
const GRADER_PUBLIC = ["grader/runner/", "grader/sandbox/", "grader/harness/", "grader/suites/"];

/** What the student release holds: these folders and top-level files, nothing else. */
const RELEASE_DIRS = [
  "lib/",
  "exercises/",
  "notebooks/",
  "data/",
  "runtime/",
  "tools/",
  ...GRADER_PUBLIC,
];
const RELEASE_TOP = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "vitest.config.ts",
  "vitest.grading.config.ts",
  "eslint.config.mjs",
  ".prettierrc.json",
  ".prettierignore",
  ".gitignore",
  "LICENSE",
];

/**
 * The grader's folders in the grading kit: the public ones and the hidden suites. The kit
 * records their hashes in its manifest and checks them before each submission.
 */
export const KIT_GRADER_DIRS = [...GRADER_PUBLIC, HIDDEN_SUITES];
/** What the grading kit holds (the solutions compute the references, out of the sandbox's reach). */
const KIT_DIRS = ["lib/", "exercises/", "solutions/", ...KIT_GRADER_DIRS];
const KIT_TOP = ["package.json", "package-lock.json", "tsconfig.json", "vitest.grading.config.ts"];

/** Does `f` (a course file) ship in the student release? An allowlist: new folders stay out. */
export function inRelease(f: string): boolean {
  if (isInstructorNote(f)) return false;
  return RELEASE_TOP.includes(f) || RELEASE_DIRS.some((d) => f.startsWith(d));
}

/** Does `f` go into the grading kit (the pristine workspace a submission is graded in)? */
export function inKit(f: string): boolean {
  if (isInstructorNote(f)) return false;
  return KIT_TOP.includes(f) || KIT_DIRS.some((d) => f.startsWith(d));
}

export function copyInto(root: string, out: string, files: string[]): void {
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(out, f));
  }
}

export function writeFile(out: string, rel: string, text: string | Buffer, mode?: number): void {
  const file = path.join(out, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  if (mode !== undefined) fs.chmodSync(file, mode);
}

/** Every file under `dir`, relative, with "/" (symlinks are not followed). */
export function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return walk(dir, "");
}

/** Empty `dir` (or create it); refuses anything that is not a folder of its own. */
export function freshDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}
