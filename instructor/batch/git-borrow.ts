/**
 * Reading a submitted git repository without obeying it. A repository's `.git/config` is the
 * student's, and git runs programs it names: `log.showSignature` with `gpg.program`, say, makes
 * a plain `git log` execute any command on the grader's machine. So git is never run inside a
 * submitted repository: a scratch repository of the grader's (its configuration the
 * instructor's) borrows the submission's object store as an alternate and points a branch at
 * the commit the submission's HEAD names, read here from plain files.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const SHA = /^[0-9a-f]{40}$/;

/** A small regular file of the repository (never a symlink, device or pipe), else "". */
function readSmall(file: string, maxBytes = 1 << 20): string {
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  return st?.isFile() && st.size <= maxBytes ? fs.readFileSync(file, "utf8") : "";
}

/** The commit that HEAD of the git folder `gitDir` names: directly, by a loose or a packed ref. */
export function headCommit(gitDir: string): string | null {
  let head = readSmall(path.join(gitDir, "HEAD")).trim();
  for (let hops = 0; hops < 5 && head.startsWith("ref: "); hops++) {
    const ref = head.slice(5).trim();
    if (!/^refs\/[\w./-]+$/.test(ref) || ref.split("/").includes("..")) return null;
    const loose = readSmall(path.join(gitDir, ref)).trim();
    const packed = readSmall(path.join(gitDir, "packed-refs"), 64 << 20)
      .split("\n")
      .map((line) => line.split(" "))
      .find(([, name]) => name === ref)?.[0];
    head = loose || packed || "";
  }
  return SHA.test(head) ? head : null;
}

/**
 * Make `scratch` a bare repository that sees the objects of the git folder `gitDir` (a bare
 * repository, or a working copy's `.git`) with `main` at its HEAD commit. Returns that commit,
 * or null when `gitDir` is no repository git can read this way (then `scratch` is not made).
 */
export function borrowRepository(gitDir: string, scratch: string): string | null {
  const st = fs.lstatSync(gitDir, { throwIfNoEntry: false });
  const objects = path.join(gitDir, "objects");
  if (!st?.isDirectory() || !fs.lstatSync(objects, { throwIfNoEntry: false })?.isDirectory()) {
    return null;
  }
  const sha = headCommit(gitDir);
  if (!sha) return null;
  fs.rmSync(scratch, { recursive: true, force: true });
  try {
    execFileSync("git", ["init", "--quiet", "--bare", scratch], { stdio: "ignore" });
    fs.writeFileSync(path.join(scratch, "objects/info/alternates"), `${path.resolve(objects)}\n`);
    execFileSync("git", ["--git-dir", scratch, "update-ref", "refs/heads/main", sha], {
      stdio: "ignore",
    });
    execFileSync("git", ["--git-dir", scratch, "symbolic-ref", "HEAD", "refs/heads/main"], {
      stdio: "ignore",
    });
    return sha;
  } catch {
    fs.rmSync(scratch, { recursive: true, force: true });
    return null; // HEAD names no commit of its objects
  }
}
