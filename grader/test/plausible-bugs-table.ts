/**
 * Grades every plausible bug of `./plausible-bugs.ts` (public and hidden suites) and prints, per
 * bug, the points its exercise keeps. Run: `npx ts-node grader/test/plausible-bugs-table.ts
 * [--save <file.json>] [--before <file.json>] [notebook ...]`; with --before, a column of the
 * points kept in that earlier run is added. Slow (one grading run per group of bugs).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BUGS, bugSource, groupBugs, type PlausibleBug } from "./plausible-bugs";
import { grade } from "../runner/run";

export interface Kept {
  notebook: string;
  exercise: string;
  name: string;
  kept: number;
  max: number;
  /** each test of the exercise: "+" passed or "-" failed, points, name */
  tests: string[];
}

/** Grade each group of bugs in its own folder under build/; the points each bug's exercise keeps. */
export async function gradeBugs(root: string, bugs: readonly PlausibleBug[]): Promise<Kept[]> {
  const out: Kept[] = [];
  for (const [i, group] of groupBugs(bugs).entries()) {
    const rel = `build/plausible-bugs/run-${process.pid}-${i}`;
    const dir = path.join(root, rel);
    fs.mkdirSync(dir, { recursive: true });
    try {
      fs.writeFileSync(path.join(dir, `${group[0].notebook}.ts`), bugSource(root, group));
      const run = await grade({ root, target: rel, filters: [group[0].notebook], maxWorkers: 1 });
      for (const b of group) {
        const records = run.records.filter((r) => r.exercise === b.exercise);
        const kept = records
          .filter((r) => r.status === "passed")
          .reduce((s, r) => s + r.maxPoints, 0);
        const max = records.reduce((s, r) => s + r.maxPoints, 0);
        const tests = records.map(
          (r) => `${r.status === "passed" ? "+" : "-"}${r.maxPoints} ${r.name}`,
        );
        out.push({ notebook: b.notebook, exercise: b.exercise, name: b.name, kept, max, tests });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (flag: string) => {
    const i = args.indexOf(flag);
    if (i < 0) return "";
    const value = args[i + 1] ?? "";
    args.splice(i, 2);
    return value;
  };
  const save = option("--save");
  const before = option("--before");
  const detail = args.includes("--detail");
  if (detail) args.splice(args.indexOf("--detail"), 1);
  const selected = BUGS.filter(
    (b) => args.length === 0 || args.some((a) => b.notebook.includes(a)),
  );
  const rows = await gradeBugs(process.cwd(), selected);
  if (save) fs.writeFileSync(save, JSON.stringify(rows, null, 1));
  const earlier: Kept[] = before ? (JSON.parse(fs.readFileSync(before, "utf8")) as Kept[]) : [];
  const key = (k: Kept) => `${k.exercise}: ${k.name}`;
  const pct = (k: Kept) => (k.max > 0 ? k.kept / k.max : 0);
  console.log(`| bug | ${before ? "before | " : ""}kept |`);
  console.log(`| --- | ${before ? "---: | " : ""}---: |`);
  for (const r of rows) {
    const e = earlier.find((k) => key(k) === key(r));
    const was = before ? `${e ? `${e.kept}/${e.max}` : "-"} | ` : "";
    const flag = pct(r) > 0.5 ? " **over half**" : "";
    console.log(`| \`${r.exercise}\`: ${r.name} | ${was}${r.kept}/${r.max}${flag} |`);
    if (detail) for (const t of r.tests) console.log(`    ${t}`);
  }
  const mean = (ks: Kept[]) => ks.reduce((s, k) => s + pct(k), 0) / Math.max(1, ks.length);
  console.log(`\n${rows.length} bugs; mean kept ${(100 * mean(rows)).toFixed(1)} %`);
  if (before) console.log(`before: mean kept ${(100 * mean(earlier)).toFixed(1)} %`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
