/**
 * A submission folder is data: findSubmissions takes no file through a symlink out of it, reads
 * no device, and runs git without the submitted repository's own configuration, which could
 * otherwise name a program for git to run on the grader's machine.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSubmissions, modifiedCourseFiles } from "../batch/submissions";
import { git, writeHostileRepo } from "./attacks";

const root = process.cwd();
const dir = path.join(root, `build/instructor-test/submission-files-${process.pid}`);
const subs = path.join(dir, "submissions");
const pwned = path.join(dir, "pwned");
const evil = path.join(dir, "evil.sh");

beforeAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(subs, { recursive: true });
  // exercises/ a symlink to the course's solutions; a file that is a link to them; a device
  fs.mkdirSync(path.join(subs, "linked"));
  fs.symlinkSync(path.join(root, "solutions"), path.join(subs, "linked/exercises"));
  fs.mkdirSync(path.join(subs, "filelink/exercises"), { recursive: true });
  fs.symlinkSync(
    path.join(root, "solutions/01-derivatives.ts"),
    path.join(subs, "filelink/exercises/01-derivatives.ts"),
  );
  fs.writeFileSync(path.join(subs, "filelink/exercises/02-gradient-descent.ts"), "// mine\n");
  fs.symlinkSync("/dev/zero", path.join(subs, "filelink/package.json"));
  fs.writeFileSync(evil, `#!/bin/sh\necho ran >> '${pwned}'\n`, { mode: 0o755 });
  writeHostileRepo(path.join(subs, "repo"), evil, false);
  writeHostileRepo(path.join(subs, "barerepo"), evil, true);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("findSubmissions with hostile folders", () => {
  it("takes no exercise file through a symlink, and reads no device", () => {
    const found = new Map(
      findSubmissions(subs, path.join(dir, "scratch")).map((s) => [s.student, s]),
    );
    expect([...found.get("linked")!.exercises.keys()]).toEqual([]);
    const filelink = found.get("filelink")!;
    expect([...filelink.exercises.keys()]).toEqual(["02-gradient-descent.ts"]);
    const changed = modifiedCourseFiles(filelink, {
      "package.json": "0".repeat(64),
      "tsconfig.json": "0".repeat(64),
    });
    expect(changed).toEqual(["package.json"]); // counted as changed, never read
    // names the course has no stub for are never read
    const only01 = findSubmissions(subs, path.join(dir, "scratch"), (n) => n.startsWith("01-"));
    expect(only01.find((s) => s.student === "filelink")!.exercises.size).toBe(0);
  });

  it("reads a repository's commit time without running what its config names", () => {
    const found = new Map(
      findSubmissions(subs, path.join(dir, "scratch")).map((s) => [s.student, s]),
    );
    for (const who of ["repo", "barerepo"]) {
      const sub = found.get(who)!;
      expect(sub.submittedAt?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
      expect([...sub.exercises.keys()]).toEqual(["01-derivatives.ts"]);
    }
    expect(fs.existsSync(pwned)).toBe(false);
    // the same repository does run it when git obeys its config: the attack is real
    git(path.join(subs, "repo"), "log", "-1", "--format=%cI");
    expect(fs.existsSync(pwned)).toBe(true);
  });
});
