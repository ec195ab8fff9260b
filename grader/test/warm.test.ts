/**
 * The warm grader (grader/runner/warm.ts and warm-server.ts), as grade:batch uses it: it grades
 * a broken submission exactly as a fresh grader process does, test for test and message for
 * message, keeps the tests finished before a run's time limit, and leaves no process behind.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestRecord } from "../runner/meta";
import { grade } from "../runner/run";
import { WarmRunner } from "../runner/warm";

const root = process.cwd();
const rel = `build/grader-test/warm-${process.pid}`;
const dir = path.join(root, rel);
const runner = new WarmRunner(root, 2);
// the runs' private folders (the compiled submission) go here, so that a process left behind
// by this file's runs, and only by them, is found by its command line
const tmp = path.join(os.tmpdir(), `optkit-warm-test-${process.pid}`);
const savedTmp = process.env.TMPDIR;
const opts = { root, target: rel, filters: ["01-derivatives"], seed: "warm-test" };

/** The reference solution of notebook 01 with an endless loop and a NaN in it. */
function writeBrokenSubmission(): void {
  fs.mkdirSync(dir, { recursive: true });
  let src = fs.readFileSync(path.join(root, "solutions/01-derivatives.ts"), "utf8");
  for (const [from, to] of [
    ["  return (f(x + h) - f(x - h)) / (2 * h);", "  for (;;) x += h;"],
    ["  const s = sigmoid(z);", "  const s = NaN * sigmoid(z);"],
  ]) {
    if (!src.includes(from)) throw new Error(`fixture: cannot find ${from}`);
    src = src.replace(from, to);
  }
  fs.writeFileSync(path.join(dir, "01-derivatives.ts"), src);
}

const plain = (records: TestRecord[]) => records.map((r) => ({ ...r, durationMs: 0 }));

/**
 * Processes whose command line names this file's private folders, after they had up to 5 s to
 * end (bubblewrap's processes end with their parent, a moment after it).
 */
async function leftOver(): Promise<string[]> {
  const alive = () =>
    fs.readdirSync("/proc").filter((p) => {
      try {
        return /^\d+$/.test(p) && fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(tmp);
      } catch {
        return false;
      }
    });
  for (let i = 0; i < 50 && alive().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return alive();
}

beforeAll(() => {
  fs.mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
});

afterAll(async () => {
  await runner.close();
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the warm grader", () => {
  it("grades as a fresh grader does, test for test, on two runs in a row", async () => {
    writeBrokenSubmission();
    const cold = await grade(opts);
    const warm = await grade(opts, (o) => runner.run(o, rel).then((r) => r ?? Promise.reject()));
    const again = await grade(opts, (o) => runner.run(o, rel).then((r) => r ?? Promise.reject()));
    expect(cold.records.length).toBeGreaterThan(30);
    expect(plain(warm.records)).toEqual(plain(cold.records));
    expect(plain(again.records)).toEqual(plain(cold.records));
    expect(warm.records.some((r) => /did not return within 3 s/.test(r.message))).toBe(true);
    expect(warm.layers).toEqual(cold.layers);
    expect(await leftOver()).toEqual([]);
  }, 120_000);

  it("stops a run at its time limit, keeps what finished, and starts afresh next time", async () => {
    writeBrokenSubmission();
    const run = await runner.run({ ...opts, timeLimitMs: 2500 }, rel);
    expect(run?.timedOut).toBe(true);
    const stopped = run?.records.filter((r) => r.status === "not run") ?? [];
    expect(stopped.length).toBeGreaterThan(0);
    for (const r of stopped) expect(r.message).toMatch(/stopped after 2.5 s/);
    expect(await leftOver()).toEqual([]);
    const next = await runner.run({ ...opts, filters: ["hidden/01-derivatives"] }, rel);
    expect(next?.timedOut).toBe(false);
    expect(next?.records.length).toBeGreaterThan(3);
    expect(await leftOver()).toEqual([]);
  }, 120_000);
});
