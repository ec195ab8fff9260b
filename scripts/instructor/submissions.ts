/**
 * Submissions: one folder (or git repository, also bare) per student in a folder. Only the
 * student's exercise files are ever taken (regular files named like `03-newton.ts`, from
 * `exercises/` or the top of the folder); everything else in a submission is only compared with
 * the manifest, to say which course files the student changed.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { changedFiles, sha256 } from "../grade/manifest";
import { freshDir } from "./files";

export interface Submission {
  student: string;
  /** the folder holding the student's files (a checkout, for a bare repository) */
  dir: string;
  /** the exercise files: name -> absolute path */
  exercises: Map<string, string>;
  /** when it was submitted: the last commit's time in a repository, else the newest file's */
  submittedAt: Date | null;
  /** SHA-256 over the exercise files' names and contents */
  inputHash: string;
}

const EXERCISE_FILE = /^\d\d-[\w-]+\.ts$/;
const MAX_FILE_BYTES = 1_000_000;

function exerciseFiles(dir: string): Map<string, string> {
  const from = fs.existsSync(path.join(dir, "exercises")) ? path.join(dir, "exercises") : dir;
  const out = new Map<string, string>();
  for (const d of fs.readdirSync(from, { withFileTypes: true })) {
    // regular files only: a symlink could point at anything, e.g. the instructor's solutions
    if (!d.isFile() || !EXERCISE_FILE.test(d.name)) continue;
    const file = path.join(from, d.name);
    if (fs.statSync(file).size <= MAX_FILE_BYTES) out.set(d.name, file);
  }
  return out;
}

function gitTime(dir: string): Date | null {
  if (!fs.existsSync(path.join(dir, ".git"))) return null; // not a repository of its own
  try {
    const out = execFileSync("git", ["-C", dir, "log", "-1", "--format=%cI"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return out ? new Date(out) : null;
  } catch {
    return null;
  }
}

function isBareRepo(dir: string): boolean {
  return fs.existsSync(path.join(dir, "HEAD")) && fs.existsSync(path.join(dir, "objects"));
}

/** The submissions in `root`, by folder name; bare repositories are cloned into `scratch`. */
export function findSubmissions(root: string, scratch = os.tmpdir()): Submission[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((d) => {
      const student = d.name.replace(/\.git$/, "");
      let dir = path.join(root, d.name);
      if (isBareRepo(dir)) {
        const checkout = path.join(scratch, `checkout-${student}`);
        freshDir(checkout);
        execFileSync("git", ["clone", "--quiet", dir, checkout], { stdio: "ignore" });
        dir = checkout;
      }
      const exercises = exerciseFiles(dir);
      const files = [...exercises].sort(([a], [b]) => a.localeCompare(b));
      const inputHash = sha256(
        JSON.stringify(files.map(([name, file]) => [name, sha256(fs.readFileSync(file))])),
      );
      const mtimes = files.map(([, file]) => fs.statSync(file).mtime.getTime());
      const submittedAt =
        gitTime(dir) ?? (mtimes.length > 0 ? new Date(Math.max(...mtimes)) : null);
      return { student, dir, exercises, submittedAt, inputHash };
    });
}

/** Course files the submission carries in a changed form (tests, config, workflow, lockfile). */
export function modifiedCourseFiles(sub: Submission, files: Record<string, string>): string[] {
  const present = Object.fromEntries(
    Object.entries(files).filter(([f]) => fs.existsSync(path.join(sub.dir, f))),
  );
  return changedFiles(sub.dir, present);
}
