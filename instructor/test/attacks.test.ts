/**
 * The grader under attack: every attack class of instructor/test/attacks.ts graded for the record
 * with grade:batch (suites 01 and hidden/01), beside an honest submission and an untouched stub.
 * Each attack must score 0, leave every instructor file as it was, leave no process behind,
 * reach no network, and leak nothing it aimed at into any feedback or result.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeBatch, type BatchResult } from "../batch/batch";
import { bubblewrapAvailable } from "../../grader/sandbox/command";
import { listTree } from "../files";
import { writeAttacks, type Targets } from "./attacks";

const root = process.cwd();
const dir = path.join(root, `build/instructor-test/attacks-${process.pid}`);
const out = path.join(dir, "gradebook");
const marker = `optkit-attack-${process.pid}`;
// this file's grading runs keep their private folders here, so that the process check below sees
// only their processes and not those of other suites grading at the same time
const tmp = path.join(os.tmpdir(), `optkit-attacks-${process.pid}`);
const savedTmp = process.env.TMPDIR;
const secret = `ssh-secret-${process.pid}-do-not-leak`;
const envSecret = `token-${process.pid}-do-not-leak`;
let result: BatchResult;
let attacks: string[];
let connections = 0;
const server = net.createServer((s) => {
  connections++;
  s.destroy();
});

function hashTree(d: string): string {
  const h = createHash("sha256");
  for (const f of listTree(d).sort()) h.update(f).update(fs.readFileSync(path.join(d, f)));
  return h.digest("hex");
}

function hashFile(f: string): string {
  return createHash("sha256").update(fs.readFileSync(f)).digest("hex");
}

const watched = () => ({
  kit: hashTree(path.join(out, "kit")),
  solutions: hashTree(path.join(root, "solutions")),
  overrides: hashFile(path.join(out, "overrides.csv")),
  gradebook: hashFile(path.join(out, "gradebook.csv")),
  honest: hashFile(path.join(out, "results", "honest.json")),
  seedrandom: hashFile(path.join(root, "node_modules/seedrandom/index.js")),
});
let before: ReturnType<typeof watched>;

/** Processes whose command line carries `s`. */
function processesWith(s: string): string[] {
  return fs.readdirSync("/proc").filter((p) => {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) return false;
    try {
      return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(s);
    } catch {
      return false;
    }
  });
}

beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const secretFile = path.join(dir, "home/.ssh/id_ed25519");
  fs.mkdirSync(path.dirname(secretFile), { recursive: true });
  fs.writeFileSync(secretFile, secret);
  process.env.OPTKIT_TEST_TOKEN = envSecret;
  const targets: Targets = {
    course: root,
    out,
    kit: path.join(out, "kit"),
    secretFile,
    listenPort: port,
    marker,
  };
  const options = {
    root,
    out,
    only: ["01-derivatives"],
    timeLimitMs: 180_000,
    importLimitMs: 10_000,
    callLimitMs: 1000,
    jobs: 2,
    log: () => undefined,
  };
  // a first run with the honest submission alone makes the files the attacks aim at
  fs.mkdirSync(path.join(dir, "first"), { recursive: true });
  attacks = writeAttacks(path.join(dir, "all"), targets);
  fs.cpSync(path.join(dir, "all/honest"), path.join(dir, "first/honest"), { recursive: true });
  await gradeBatch({ ...options, submissions: path.join(dir, "first") });
  before = watched();
  result = await gradeBatch({ ...options, submissions: path.join(dir, "all"), frozenKit: true });
  await new Promise((r) => setTimeout(r, 4000)); // time for a delayed rewrite to show
}, 300_000);

afterAll(() => {
  server.close();
  delete process.env.OPTKIT_TEST_TOKEN;
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("grade:batch against dishonest submissions", () => {
  it("grades honest work as before: the solutions full marks, the stub 0", () => {
    const by = new Map(result.results.map((r) => [r.student, r]));
    const honest = by.get("honest")!;
    expect(honest.summary.points).toBe(honest.summary.maxPoints);
    expect(honest.summary.maxPoints).toBeGreaterThan(40);
    expect(by.get("stub")!.summary.points).toBe(0);
  });

  it("gives no attack a point beyond a submission that only throws", () => {
    const by = new Map(result.results.map((r) => [r.student, r.summary.points]));
    const thrower = by.get("thrower")!;
    expect(thrower).toBe(0); // an error earns points only with a correct answer beside it
    const above = attacks.filter((a) => (by.get(a) ?? Infinity) > thrower);
    expect(above).toEqual([]);
    for (const a of ["memory", "loop", "promise"]) expect(by.get(a)).toBe(0);
  });

  it("leaves every instructor file unchanged (kit, solutions, overrides, results, packages)", () => {
    const now = watched();
    expect({ ...now, gradebook: "", honest: "" }).toEqual({ ...before, gradebook: "", honest: "" });
    // the gradebook and results were rewritten by the grader itself: no line of the attacks'
    const gradebook = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
    expect(gradebook).not.toMatch(/owned|999/);
    expect(fs.readFileSync(path.join(out, "overrides.csv"), "utf8")).not.toMatch(/forged/);
  });

  it("leaves no process behind", () => {
    expect(processesWith(marker)).toEqual([]);
    expect(processesWith(tmp)).toEqual([]);
  });

  it("leaks nothing it aimed at into feedback or results", () => {
    const texts = ["feedback", "results"].flatMap((d) =>
      fs.readdirSync(path.join(out, d)).map((f) => fs.readFileSync(path.join(out, d, f), "utf8")),
    );
    const all = texts.join("\n");
    expect(all).toContain("LOOT"); // the channel works: the attacks' messages do arrive
    expect(all).not.toContain(secret);
    expect(all).not.toContain(envSecret);
    expect(all).not.toMatch(/hidden-sigmoidDerivative|root:x:0:0/);
    expect(all).not.toContain(
      fs.readFileSync(path.join(root, "solutions/01-derivatives.ts"), "utf8").split("\n")[0],
    );
    const longest = Math.max(
      ...result.results.flatMap((r) => r.summary.tests.map((t) => t.message.length)),
    );
    expect(longest).toBeLessThanOrEqual(500);
  });

  it("stops the memory bomb, the endless import and the promise that never settles", () => {
    const by = new Map(result.results.map((r) => [r.student, r]));
    // stopped by the data-segment limit, or by the import time limit if filling is slow
    expect(by.get("memory")!.summary.exercises[0].firstFailure).toMatch(
      /could not be loaded|did not finish importing/,
    );
    expect(by.get("loop")!.summary.exercises[0].firstFailure).toMatch(
      /did not finish importing within 10 s/,
    );
    expect(by.get("promise")!.summary.exercises[0].firstFailure).toMatch(/Promise|cannot record/);
  });

  it.skipIf(!bubblewrapAvailable())("reaches no network (bubblewrap layer)", () => {
    expect(connections).toBe(0);
    expect(result.results[0].notes.join(" ")).toMatch(/bubblewrap/);
  });
});
