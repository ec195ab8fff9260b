/**
 * Submissions: one folder (or git repository, also bare) per student in a folder. Only the
 * student's exercise files are ever taken (regular files named like `03-newton.ts`, from
 * `exercises/` or the top of the folder); everything else in a submission is only compared with
 * the manifest, to say which course files the student changed. A submission is the student's
 * data, never the student's instructions: no symlink out of its folder is followed, nothing but
 * a regular file of bounded size is read, and git never reads its configuration (./git-borrow.ts).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { changedFiles, sha256 } from "../../grader/runner/manifest";
import { freshDir } from "../files";
import { borrowRepository } from "./git-borrow";

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

/** Is `p` inside the folder `dir` once every symlink on the way is resolved? */
function within(dir: string, p: string): boolean {
  try {
    const real = fs.realpathSync(p);
    const top = fs.realpathSync(dir);
    return real === top || real.startsWith(top + path.sep);
  } catch {
    return false;
  }
}

/**
 * `rel` of the submission `dir` if it is a regular file of at most `maxBytes` that really lies
 * in the submission: not a symlink (to the instructor's solutions, say), not below a symlinked
 * folder, not a device or pipe (a link to /dev/zero would never end), else null.
 */
function ownFile(dir: string, rel: string, maxBytes = MAX_FILE_BYTES): string | null {
  const file = path.join(dir, rel);
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  return st?.isFile() && st.size <= maxBytes && within(dir, file) ? file : null;
}

function exerciseFiles(dir: string, accept: (name: string) => boolean): Map<string, string> {
  const own = fs.lstatSync(path.join(dir, "exercises"), { throwIfNoEntry: false });
  // a symlinked exercises/ is the student's pointer to files elsewhere: none of them is taken
  const from = own?.isDirectory() || own?.isSymbolicLink() ? "exercises" : "";
  const out = new Map<string, string>();
  if (!within(dir, path.join(dir, from))) return out;
  for (const d of fs.readdirSync(path.join(dir, from), { withFileTypes: true })) {
    if (!d.isFile() || !EXERCISE_FILE.test(d.name) || !accept(d.name)) continue;
    const file = ownFile(dir, path.join(from, d.name));
    if (file) out.set(d.name, file);
  }
  return out;
}

/** The time of the commit at `sha` in the scratch repository `git`. */
function commitTime(git: string, sha: string): Date | null {
  try {
    const out = execFileSync("git", ["--git-dir", git, "log", "-1", "--format=%cI", sha], {
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

/**
 * The submissions in `root`, by folder name; bare repositories are cloned into `scratch`.
 * `accept` says which exercise file names the course has (e.g. those of the kit's stubs): other
 * files are never read, so a thousand large files named like exercises cost nothing.
 */
export function findSubmissions(
  root: string,
  scratch = os.tmpdir(),
  accept: (name: string) => boolean = () => true,
): Submission[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((d) => {
      const student = d.name.replace(/\.git$/, "");
      let dir = path.join(root, d.name);
      const bare = isBareRepo(dir);
      // the repository's objects and HEAD, seen through a scratch repository of the grader's
      const git = path.join(scratch, `git-${student}`);
      const sha = borrowRepository(bare ? dir : path.join(dir, ".git"), git);
      if (bare) {
        const checkout = path.join(scratch, `checkout-${student}`);
        freshDir(checkout);
        if (sha) execFileSync("git", ["clone", "--quiet", git, checkout], { stdio: "ignore" });
        dir = checkout;
      }
      const exercises = exerciseFiles(dir, accept);
      const files = [...exercises].sort(([a], [b]) => a.localeCompare(b));
      const inputHash = sha256(
        JSON.stringify(files.map(([name, file]) => [name, sha256(fs.readFileSync(file))])),
      );
      const mtimes = files.map(([, file]) => fs.statSync(file).mtime.getTime());
      const submittedAt =
        (sha ? commitTime(git, sha) : null) ??
        (mtimes.length > 0 ? new Date(Math.max(...mtimes)) : null);
      return { student, dir, exercises, submittedAt, inputHash };
    });
}

/** Course files the submission carries in a changed form (tests, config, workflow, lockfile). */
export function modifiedCourseFiles(sub: Submission, files: Record<string, string>): string[] {
  // what is not a regular file of the submission's own counts as changed and is never read
  return Object.entries(files)
    .filter(([f, hash]) => {
      if (!fs.lstatSync(path.join(sub.dir, f), { throwIfNoEntry: false })) return false;
      const own = ownFile(sub.dir, f, 50 * MAX_FILE_BYTES);
      return !own || changedFiles(sub.dir, { [f]: hash }).length > 0;
    })
    .map(([f]) => f);
}
