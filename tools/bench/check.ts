/**
 * `npm run bench:check`: how long `await check(...)` takes in a notebook, on the kernel's code
 * path (tslab's compiler and executor, runtime/notebooks/inprocess.ts), in a fresh process per
 * round so that the first check of each round is a kernel's first. Prints figures, asserts
 * nothing. Per round, against the untouched exercises:
 *
 *  - the cold path, a fresh grader process per check (OPTKIT_CHECK_WARM=0, as every check was
 *    before the warm grader): check("adamStep") and check("04");
 *  - the warm grader: its first check("adamStep") (which starts it), then check("adamStep") and
 *    check("04") twice each;
 *  - `npm run grade -- --exercise adamStep` from the command line (a process of its own each time).
 *
 *   npm run bench:check -- [--runs 3]
 *
 * The machine may be shared: the load average is printed before and after.
 */
import { spawnSync } from "child_process";
import { readFileSync } from "fs";
import { parseArgs } from "util";
import { ROOT } from "../../runtime/kernel/spec";
import { Session } from "../../runtime/notebooks/inprocess";

const USAGE = "usage: npm run bench:check -- [--runs N]";

/** The cells of one round: [figure's name, code]; a name starting with "-" is not reported. */
const CELLS: [string, string][] = [
  ["-import", `import { check } from "./lib";`],
  ["cold path: check(adamStep)", `process.env.OPTKIT_CHECK_WARM = "0"; await check("adamStep");`],
  ["cold path: check(04)", `await check("04");`],
  [
    "warm grader: first check(adamStep)",
    `delete process.env.OPTKIT_CHECK_WARM; await check("adamStep");`,
  ],
  ["warm grader: check(adamStep)", `await check("adamStep");`],
  ["warm grader: check(adamStep)", `await check("adamStep");`],
  ["warm grader: check(04)", `await check("04");`],
  ["warm grader: check(04)", `await check("04");`],
];

/** One round, in this (fresh) process: seconds per cell. */
async function round(): Promise<Record<string, number[]>> {
  const session = new Session(ROOT);
  const figs: Record<string, number[]> = {};
  try {
    for (const [name, code] of CELLS) {
      const t0 = performance.now();
      const r = await session.run(code);
      const seconds = (performance.now() - t0) / 1000;
      if (!r.ok)
        throw new Error(`cell failed: ${code}\n${JSON.stringify(r.outputs).slice(0, 2000)}`);
      if (!name.startsWith("-")) (figs[name] ??= []).push(seconds);
    }
  } finally {
    session.close();
  }
  return figs;
}

const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function main(): void {
  const { values } = parseArgs({
    options: { runs: { type: "string" }, round: { type: "boolean" } },
  });
  if (values.round) {
    round().then(
      (figs) => {
        console.log(`\n${JSON.stringify(figs)}`);
        process.exit(0);
      },
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
    return;
  }
  const runs = Number(values.runs ?? 3);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`${USAGE}\n--runs: expected a positive integer`);
  const all: Record<string, number[]> = {};
  const add = (name: string, s: number) => (all[name] ??= []).push(s);
  console.log(`load average before: ${loadavg()}`);
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ["-r", "ts-node/register", __filename, "--round"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
    });
    if (r.status !== 0) throw new Error(`round ${i + 1} failed:\n${r.stderr.slice(-3000)}`);
    const figs = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as Record<string, number[]>;
    for (const [name, xs] of Object.entries(figs)) for (const x of xs) add(name, x);
    const t0 = performance.now();
    const cli = spawnSync("npm", ["run", "--silent", "grade", "--", "--exercise", "adamStep"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (cli.status !== 0) throw new Error(`npm run grade failed:\n${cli.stderr.slice(-3000)}`);
    add("command line: npm run grade -- --exercise adamStep", (performance.now() - t0) / 1000);
    console.log(`round ${i + 1} of ${runs} done (load average ${loadavg()})`);
  }
  console.log(`\nseconds, median (min to max) of ${runs} rounds, in the kernel's code path:`);
  const width = Math.max(...Object.keys(all).map((k) => k.length));
  for (const [name, xs] of Object.entries(all)) {
    const lo = Math.min(...xs).toFixed(2);
    const hi = Math.max(...xs).toFixed(2);
    console.log(
      `  ${name.padEnd(width)}  ${median(xs).toFixed(2)} (${lo} to ${hi}), n = ${xs.length}`,
    );
  }
  console.log(`load average after: ${loadavg()}`);
}

main();
