/**
 * `grade:batch --similarity` with the real Dolos on synthetic submissions of notebook 01: the
 * reference solution, a copy of it (names changed, functions moved), two solutions written
 * independently in other styles, two untouched stubs, and a hostile copy whose folder name and
 * code try to inject HTML.
 *
 * Dolos is an instructor-only install (`npm run grade:similarity-install`, not part of `npm ci`: about
 * 50 MB that no student needs), so without it the tests that run it are skipped, saying why in
 * their title and on stderr. Only where the course's own variable OPTKIT_REQUIRE_SIMILARITY=1 asks
 * for it (.ci/run, which installs it) does a missing engine fail here: a generic `CI=true`, as
 * GitHub Actions sets it, runs the README's `npm ci && npm test` without it and stays green.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeBatch, parseBatchArgs, type BatchResult } from "../batch/batch";
import { readCsv } from "../csv";
import { engineMissing, loadEngine } from "../similarity/dolos";
import {
  DEFAULT_THRESHOLD,
  SIMILARITY_HEADER,
  similarityReport,
  type SimilarityResult,
} from "../similarity/similarity";
import { findSubmissions } from "../batch/submissions";
import {
  COPIER_RENAMES,
  EXERCISE,
  fill,
  fixture,
  rename,
  solution,
  STUB,
  write,
  writeClass,
} from "./similar-submissions";

const root = process.cwd();
const dir = path.join(root, `build/instructor-test/similarity-${process.pid}`);
const subs = path.join(dir, "submissions");
const missing = engineMissing();
const HOSTILE = `<img src=x onerror=alert(1)>&"'`;
const INJECTED = `// </code></pre><script>alert("from a submission")</script>`;

const required = process.env.OPTKIT_REQUIRE_SIMILARITY === "1";
const skipReason = `skipped: ${missing}; OPTKIT_REQUIRE_SIMILARITY=1 (as in .ci/run) makes this an error`;

if (missing) console.warn(`similarity tests that run Dolos are ${skipReason}`);

describe("the similarity engine's install", () => {
  it.runIf(required)(
    "is there where OPTKIT_REQUIRE_SIMILARITY=1 asks for it (.ci/run installs it first)",
    () => {
      expect(missing).toBeNull();
    },
  );

  it("without it, --similarity says exactly what to run", async () => {
    const empty = path.join(dir, "no-engine");
    fs.mkdirSync(empty, { recursive: true });
    expect(engineMissing(empty)).toMatch(
      /not installed: run `npm run grade:similarity-install` once/,
    );
    await expect(loadEngine(empty)).rejects.toThrow(/npm run grade:similarity-install/);
  });
});

describe("similarity options", () => {
  it("a threshold outside [0, 1] is a usage error (exit 2)", () => {
    for (const bad of ["1.5", "-0.1", "high"]) {
      const args = ["x", "--similarity", `--similarity-threshold=${bad}`];
      expect(() => parseBatchArgs(args, root)).toThrow(
        `--similarity-threshold ${bad}: expected a similarity from 0 to 1`,
      );
    }
    expect(() => parseBatchArgs(["x", "--similarity-threshold", "0.4"], root)).toThrow(
      "--similarity-threshold needs --similarity",
    );
    const ok = parseBatchArgs(["x", "--similarity", "--similarity-threshold", "0.4"], root);
    expect([ok.similarity, ok.similarityThreshold]).toEqual([true, 0.4]);
    const cli = spawnSync(
      process.execPath,
      ["-r", "ts-node/register", "instructor/batch/batch.ts", "x", "--similarity"].concat([
        "--similarity-threshold",
        "1.5",
      ]),
      { cwd: root, encoding: "utf8" },
    );
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/--similarity-threshold 1\.5: expected a similarity from 0 to 1/);
  }, 60_000);
});

const title = "grade:batch --similarity with Dolos";
describe.skipIf(missing !== null)(missing ? `${title} (${skipReason})` : title, () => {
  let batch: BatchResult;
  let all: SimilarityResult;
  const score = (a: string, b: string) => {
    const p = all.pairs.find((q) => (q.a === a && q.b === b) || (q.a === b && q.b === a));
    if (!p) throw new Error(`no pair ${a}, ${b}`);
    return p.similarity;
  };

  beforeAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    write(subs, "ref", fill(solution()));
    write(subs, "copy", rename(fill(solution(), true), COPIER_RENAMES));
    write(subs, "functional", fill(fixture("functional")));
    write(subs, "imperative", fill(fixture("imperative")));
    // the functional solution with the largest function taken from the reference
    const taken = solution().filter((d) => d.name === "reverseModeGradient");
    const own = fixture("functional").filter((d) => d.name !== "reverseModeGradient");
    write(subs, "partial", fill([...own, ...taken]));
    write(subs, "stub-a", STUB());
    write(subs, "stub-b", STUB());
    write(subs, HOSTILE, `${INJECTED}\n${fill(fixture("imperative"))}`);
    batch = await gradeBatch({
      root,
      submissions: subs,
      out: path.join(dir, "all"),
      only: ["01-derivatives"],
      timeLimitMs: 180_000,
      callLimitMs: 1000,
      jobs: 2,
      similarity: true,
      similarityThreshold: 0,
      log: () => undefined,
    });
    all = batch.similarity!;
    console.log(
      `similarity ranking (${EXERCISE}, ${all.compared} pairs, ${all.durationMs} ms):\n` +
        all.pairs.map((p) => `  ${p.similarity.toFixed(3)}  ${p.a} / ${p.b}`).join("\n"),
    );
  }, 180_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the submissions are graded too; the independent solutions and the copy are correct", () => {
    const points = new Map(batch.results.map((r) => [r.student, r.summary]));
    for (const s of ["ref", "copy", "functional", "imperative", "partial", HOSTILE]) {
      expect([s, points.get(s)?.points]).toEqual([s, points.get(s)?.maxPoints]);
    }
    expect(points.get("stub-a")?.points).toBe(0);
  });

  it("a copy with renamed variables and moved functions ranks above independent solutions", () => {
    const copy = score("copy", "ref");
    const independent = [
      score("functional", "ref"),
      score("imperative", "ref"),
      score("functional", "imperative"),
      score("copy", "functional"),
      score("copy", "imperative"),
    ];
    expect(copy).toBeGreaterThan(Math.max(...independent));
    // one function copied still stands out from independent work
    expect(score("partial", "ref")).toBeGreaterThan(Math.max(...independent));
    const honest = all.pairs.filter((p) => p.a !== HOSTILE && p.b !== HOSTILE);
    expect([honest[0].a, honest[0].b]).toEqual(["copy", "ref"]);
    // and the default threshold sits between the two
    expect(copy).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(Math.max(...independent)).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it("the stub's own text does not make untouched stubs look similar", async () => {
    expect(score("stub-a", "stub-b")).toBe(0);
    expect(score("ref", "stub-a")).toBe(0);
    // without the stub as template, Dolos finds them alike: the template is what prevents it
    const engine = await loadEngine();
    const stubs = ["a", "b"].map((name) => ({ name, text: STUB() }));
    expect(engine.compare(stubs, null, 0).pairs[0].similarity).toBeGreaterThan(0.9);
  });

  it("similarity.csv has the documented columns and only the pairs at or above the threshold", async () => {
    const out = path.join(dir, "default");
    const r = await similarityReport({ root, submissions: findSubmissions(subs), out });
    const { header, rows } = readCsv(path.join(out, "similarity.csv"));
    expect(header).toEqual(SIMILARITY_HEADER);
    expect(rows.length).toBe(r.pairs.length);
    expect(rows.length).toBeLessThan(all.pairs.length);
    const byPair = new Map(rows.map((row) => [`${row.fields[1]}/${row.fields[2]}`, row.fields]));
    const copy = byPair.get("copy/ref");
    expect(copy).toBeDefined();
    const [file, , , similarity, longest, linesA, linesB] = copy!;
    expect(file).toBe(EXERCISE);
    expect(Number(similarity)).toBeCloseTo(score("copy", "ref"), 3);
    expect(Number(longest)).toBeGreaterThan(5);
    const [a0, a1] = linesA.split("-").map(Number);
    const [b0, b1] = linesB.split("-").map(Number);
    expect(a1 - a0 + 1).toBe(Number(longest));
    expect(b1).toBeGreaterThan(b0);
    for (const row of rows) expect(Number(row.fields[3])).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(byPair.has("functional/ref")).toBe(false);
    expect(byPair.has("stub-a/stub-b")).toBe(false);
  });

  it("similarity.html ranks the pairs, marks the fragments and escapes what submissions bring", () => {
    const html = fs.readFileSync(path.join(dir, "all", "similarity.html"), "utf8");
    expect(html).toMatch(/evidence for a person to review, not a verdict/);
    expect(html).toMatch(/<mark class="longest">/);
    // the hostile copy of "imperative" is listed, under an escaped name
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;");
    expect(html).toContain(
      "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(&quot;from a submission&quot;)",
    );
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html.match(/<\/pre>/g)?.length).toBe(2 * all.pairs.length);
    // ranked: the table's similarities never increase
    const sims = [...html.matchAll(/<td class="num">(\d\.\d{3})<\/td>/g)].map((m) => Number(m[1]));
    expect(sims.length).toBe(all.pairs.length);
    expect(sims).toEqual([...sims].sort((p, q) => q - p));
  });

  it("compares every pair of a class (the time is printed, not asserted)", async () => {
    const n = 20;
    const klass = path.join(dir, "class");
    writeClass(klass, n);
    const submissions = findSubmissions(klass);
    const r = await similarityReport({ root, submissions, out: path.join(dir, "class-report") });
    expect(r.compared).toBe((n * (n - 1)) / 2);
    console.log(
      `similarity of ${n} submissions (${r.compared} pairs): ${r.durationMs} ms, ` +
        `${r.pairs.length} pairs at or above ${r.threshold}`,
    );
  }, 120_000);
});
