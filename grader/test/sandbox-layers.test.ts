/**
 * The sandbox without bubblewrap, as on macOS or in many containers (Gradescope's, perhaps):
 * every attack of instructor/test/attacks.ts is loaded and called through its sandboxed process
 * directly, without a grading run, once with Node's permission model as the only boundary and,
 * when this test runs as root, once more as the unprivileged user. The grading runs of
 * attacks.test.ts use every layer this machine has, so without this test a hole that only
 * bubblewrap covers would go unseen. What the attacks gather comes back in their error messages:
 * none of it may hold a secret, and no instructor file may change. The network is reachable
 * in these configurations (the README says so); nothing here asks otherwise.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runsUnprivileged, sandboxCommand } from "../sandbox/command";
import { compileSubmission } from "../sandbox/compile";
import { SubmissionProcess } from "../sandbox/link";
import { attackSources, type Targets } from "../../instructor/test/attacks";

const root = process.cwd();
const rel = `build/grader-test/layers-${process.pid}`;
const dir = path.join(root, rel);
const out = path.join(dir, "gradebook");
const kit = path.join(dir, "kit");
const marker = `optkit-layers-${process.pid}`;
const secret = `ssh-secret-${process.pid}-do-not-leak`;
const envSecret = `token-${process.pid}-do-not-leak`;
const EXPORTS = ["centralDifference", "relativeError"];

// The unprivileged user's layer, where the grader is root: in force only where that user can
// run this Node and read the course's packages (a Node unpacked into a private folder is not),
// which the grader probes as it does here.
const isRoot = process.getuid?.() === 0;
const unprivilegedWorks = isRoot && withoutBubblewrap(() => runsUnprivileged(root));
if (isRoot && !unprivilegedWorks) {
  console.warn(
    `the sandbox test as the unprivileged user is skipped: it cannot run ${process.execPath} here`,
  );
}

// the attacks whose boundary is one of these layers; the others (vitest hooks, memory, endless
// loops, promises, ...) meet boundaries that do not depend on them, and the grading runs of
// attacks.test.ts try them all
const configs = [
  {
    name: "permissions only",
    unprivileged: "0",
    attacks: ["solutions", "hidden", "writes", "background", "exfiltrate", "debugger"],
  },
  ...(unprivilegedWorks
    ? [
        {
          name: "unprivileged user",
          unprivileged: "",
          attacks: ["hidden", "writes", "exfiltrate", "debugger"],
        },
      ]
    : []),
];

/** `run` with bubblewrap switched off, as for the configurations below. */
function withoutBubblewrap<T>(run: () => T): T {
  const saved = process.env.OPTKIT_GRADE_BWRAP;
  process.env.OPTKIT_GRADE_BWRAP = "0";
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.OPTKIT_GRADE_BWRAP;
    else process.env.OPTKIT_GRADE_BWRAP = saved;
  }
}

// required only where the course's own variable asks for it (.ci/run, which makes its Node
// readable to that user); a generic CI=true on a machine with a private Node skips it, saying so
it.runIf(isRoot && process.env.OPTKIT_REQUIRE_UNPRIVILEGED === "1")(
  "runs as the unprivileged user where OPTKIT_REQUIRE_UNPRIVILEGED=1 (.ci/run makes Node readable to it)",
  () => {
    expect(unprivilegedWorks).toBe(true);
  },
);

const hash = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");
const watched = () =>
  [
    path.join(out, "overrides.csv"),
    path.join(out, "gradebook.csv"),
    path.join(kit, "grader/harness/checks.ts"),
    path.join(root, "node_modules/seedrandom/index.js"),
    path.join(root, "solutions/01-derivatives.ts"),
  ].map(hash);
let before: string[];
/** config -> attack -> what came back (load failure and every call's error) */
const loot = new Map<string, Map<string, string>>();

/** Load `source` in the sandbox and call a few of its functions; everything said, joined. */
function runAttack(name: string, source: string): string {
  const folder = path.join(rel, name);
  fs.mkdirSync(path.join(root, folder), { recursive: true });
  fs.writeFileSync(path.join(root, folder, "01-derivatives.ts"), source);
  const compiled = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-layers-"));
  try {
    compileSubmission(root, folder, compiled);
    const proc = new SubmissionProcess(
      sandboxCommand(compiled, root, "exercises/01-derivatives.js"),
      4000,
      2,
    );
    const said = [proc.load()];
    if (!said[0]) {
      for (const fn of EXPORTS) {
        try {
          said.push(String(proc.call(fn, [], 1500)));
        } catch (e) {
          said.push(`${(e as Error).name}: ${(e as Error).message}`);
        }
      }
    }
    proc.close();
    return said.join("\n");
  } finally {
    fs.rmSync(compiled, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "overrides.csv"), "student,exercise,points,reason\n");
  fs.writeFileSync(path.join(out, "gradebook.csv"), "student,total\n");
  fs.cpSync(path.join(root, "grader"), path.join(kit, "grader"), { recursive: true });
  const secretFile = path.join(dir, "home/.ssh/id_ed25519");
  fs.mkdirSync(path.dirname(secretFile), { recursive: true });
  fs.writeFileSync(secretFile, secret);
  process.env.OPTKIT_TEST_TOKEN = envSecret;
  const targets: Targets = { course: root, out, kit, secretFile, listenPort: 9, marker };
  before = watched();
  const saved = { ...process.env };
  try {
    for (const c of configs) {
      process.env.OPTKIT_GRADE_BWRAP = "0";
      process.env.OPTKIT_GRADE_UNPRIVILEGED = c.unprivileged;
      const got = new Map<string, string>();
      for (const [name, source] of Object.entries(attackSources(targets))) {
        if (!c.attacks.includes(name)) continue;
        got.set(name, runAttack(`${c.name.replace(/ /g, "-")}/${name}`, source));
      }
      loot.set(c.name, got);
    }
  } finally {
    process.env = saved;
  }
  await new Promise((r) => setTimeout(r, 1000)); // time for a late write to show
}, 240_000);

afterAll(() => {
  delete process.env.OPTKIT_TEST_TOKEN;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(configs)("the sandbox without bubblewrap: $name", ({ name }) => {
  const said = (attack: string) => loot.get(name)?.get(attack) ?? "";

  it("lets the attacks run and report (the channel the loot would leave by works)", () => {
    expect(said("exfiltrate")).toMatch(/LOOT/);
    expect(said("hidden")).toMatch(/LOOT/);
    expect([...(loot.get(name)?.keys() ?? [])].length).toBeGreaterThanOrEqual(4);
  });

  it("leaks no secret, no hidden test, no solution, no system file", () => {
    const all = [...(loot.get(name)?.values() ?? [])].join("\n");
    expect(all).not.toContain(secret);
    expect(all).not.toContain(envSecret);
    expect(all).not.toMatch(/hidden-sigmoidDerivative|root:x:0:0/);
    const solution = fs.readFileSync(path.join(root, "solutions/01-derivatives.ts"), "utf8");
    expect(all).not.toContain(solution.split("\n")[0]);
  });

  it("changes no instructor file, also through the grader's own debugger", () => {
    expect(watched()).toEqual(before);
    // with the permission model alone the signal reaches this process, the submission's parent,
    // and the attack goes on (it stops answering); as another user it is refused
    expect(said("debugger")).toMatch(
      name === "permissions only" ? /^\nProcessEnded: / : /signal:kill EPERM/,
    );
  });

  it("starts no process", () => {
    if (name === "permissions only") expect(said("background")).toMatch(/spawn:/);
    const alive = fs.readdirSync("/proc").filter((p) => {
      try {
        return /^\d+$/.test(p) && fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(marker);
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
