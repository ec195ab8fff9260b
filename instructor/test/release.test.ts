/**
 * The student release round trip, on notebook 01's suite: release, grade the stubs (0 points),
 * copy the solutions in, grade again (every public point); no solutions, hidden tests or
 * instructor tools ship, the manifest matches, and the leak check catches planted text.
 * (instructor/release/release-check.sh does the same on the whole course with a real npm ci.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedFiles, readManifest } from "../../grader/runner/manifest";
import { grade } from "../../grader/runner/run";
import { summarize } from "../../grader/runner/score";
import { listTree } from "../files";
import { findLeaks, functionBodies } from "../release/leaks";
import { release } from "../release/release";

const root = process.cwd();
const out = path.join(root, `build/instructor-test/release-${process.pid}`);
let files: string[];

beforeAll(async () => {
  await release({ root, out, only: ["01-derivatives"] });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(out, "node_modules"), "dir");
  files = listTree(out);
}, 120_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const readOut = (f: string) => fs.readFileSync(path.join(out, f), "utf8");

describe("npm run release", () => {
  it("ships stubs, public suites, the workflow and the Gradescope recipe; nothing else", () => {
    for (const f of [
      "exercises/01-derivatives.ts",
      "lib/index.ts",
      "grader/suites/01-derivatives.grading.ts",
      "grader/reference/01-derivatives.grading.json",
      ".github/workflows/classroom.yml",
      "gradescope/setup.sh",
      "gradescope/run_autograder",
      "package-lock.json",
      "grading-manifest.json",
    ]) {
      expect(files).toContain(f);
    }
    const forbidden = /^(solutions\/|grader\/hidden\/|\.ci\/|instructor\/|grader\/test\/|test\/)/;
    expect(files.filter((f) => forbidden.test(f))).toEqual([]);
    expect(fs.statSync(path.join(out, "gradescope/run_autograder")).mode & 0o111).not.toBe(0);
    const scripts = Object.keys(JSON.parse(readOut("package.json")).scripts);
    expect(scripts).toContain("grade");
    expect(
      scripts.filter((s) => /verify|release|batch|desk|mutation|similarity|bench:grading/.test(s)),
    ).toEqual([]);
    expect(readOut("README.md")).toMatch(/## Submitting your work/);
    expect(readOut("README.md")).not.toMatch(/## Instructors|solutions\//);
    for (const nb of files.filter((f) => f.endsWith(".ipynb"))) {
      const cells = JSON.parse(readOut(nb)).cells as { outputs?: unknown[] }[];
      expect(cells.every((c) => (c.outputs ?? []).length === 0)).toBe(true);
    }
  });

  it("records the SHA-256 of tests, grading config, workflow and lockfile", () => {
    const manifest = readManifest(path.join(out, "grading-manifest.json"));
    for (const f of [
      "grader/suites/01-derivatives.grading.ts",
      "grader/harness/call.ts",
      "vitest.grading.config.ts",
      ".github/workflows/classroom.yml",
      "package-lock.json",
    ]) {
      expect(manifest.files[f]).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(changedFiles(out, manifest.files)).toEqual([]);
    expect(manifest.tests.length).toBeGreaterThan(20);
    expect(manifest.tests.every((t) => t.points > 0)).toBe(true);
    // public suites only: every test visible (questions are graded by the hidden suites, whose
    // checks would give their answers away)
    expect(manifest.tests.every((t) => t.visibility === "visible")).toBe(true);
    expect(manifest.tests.some((t) => t.kind === "question")).toBe(false);
    expect(manifest.tests.every((t) => t.hint)).toBe(true);
  });

  it("round trip: the stubs score 0, the solutions copied in score every public point", async () => {
    const max = readManifest(path.join(out, "grading-manifest.json")).tests.reduce(
      (s, t) => s + t.points,
      0,
    );
    const stubs = summarize("exercises", (await grade({ root: out, target: "exercises" })).records);
    expect([stubs.points, stubs.maxPoints]).toEqual([0, max]);
    fs.copyFileSync(
      path.join(root, "solutions/01-derivatives.ts"),
      path.join(out, "exercises/01-derivatives.ts"),
    );
    const run = await grade({ root: out, target: "exercises" });
    const full = summarize("exercises", run.records);
    expect([full.points, full.maxPoints]).toEqual([max, max]);
    expect(run.records.some((r) => r.file.includes("hidden"))).toBe(false);
    const stub = path.join(root, "exercises/01-derivatives.ts");
    fs.copyFileSync(stub, path.join(out, "exercises/01-derivatives.ts"));
  }, 60_000);

  it("the leak check finds a solution body or a hidden test's text planted in the release", () => {
    expect(findLeaks(root, out)).toEqual([]);
    const solution = fs.readFileSync(path.join(root, "solutions/01-derivatives.ts"), "utf8");
    const body = functionBodies(solution).sort((a, b) => b.length - a.length)[0];
    const hidden = fs.readFileSync(
      path.join(root, "grader/hidden/01-derivatives.grading.ts"),
      "utf8",
    );
    const hiddenLine = hidden.split("\n").find((l) => l.includes("c.fixed("))!;
    fs.writeFileSync(path.join(out, "notes.md"), `Spoiler:\n\n${body}\n`);
    fs.writeFileSync(path.join(out, "exercises/extra.ts"), `// ${hiddenLine}\n`);
    const leaks = findLeaks(root, out);
    fs.rmSync(path.join(out, "notes.md"));
    fs.rmSync(path.join(out, "exercises/extra.ts"));
    expect(
      leaks.some((l) => l.file === "notes.md" && l.source === "solutions/01-derivatives.ts"),
    ).toBe(true);
    expect(leaks.some((l) => l.file === "exercises/extra.ts" && l.source.includes("hidden"))).toBe(
      true,
    );
  });
});
