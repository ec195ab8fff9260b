/**
 * `npm run bench:grading`: grade a class of synthetic submissions with grade:batch and print
 * seconds per submission (and the projection for a class of 200). Prints figures, asserts nothing.
 *
 *   npm run bench:grading                  40 submissions, every suite, jobs = cores
 *   options: --students <n> (40), --jobs <n>, --only <substr>, --similarity (also time the
 *            similarity report over the class, as grade:batch --similarity makes it)
 *
 * The submissions are built from the course's own files: a quarter are the solutions, a quarter
 * the untouched stubs, the rest a seeded mix (each exercise file taken from one or the other).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import seedrandom from "seedrandom";
import { gradeBatch } from "./batch";
import {
  numberOption,
  parseCommandLine,
  runCommand,
  usageText,
  UsageError,
} from "../../lib/util/cli-args";

const BENCH_OPTIONS = {
  students: { type: "string", value: "<n>", help: "submissions in the synthetic class (40)" },
  jobs: { type: "string", value: "<n>", help: "graded at once (the number of cores)" },
  only: { type: "string", value: "<suite>", help: "only the suites whose names contain it" },
  similarity: { type: "boolean", help: "also time the similarity report over the class" },
} as const;

const USAGE = usageText("npm run bench:grading -- [options]", BENCH_OPTIONS);

async function main(): Promise<void> {
  const root = process.cwd();
  const { values: v, positionals } = parseCommandLine(process.argv.slice(2), BENCH_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const whole = (x: number) => Number.isInteger(x) && x >= 1;
  const students =
    numberOption("students", v.students, whole, "a whole number of at least 1") ?? 40;
  const jobs =
    numberOption("jobs", v.jobs, whole, "a whole number of at least 1") ??
    os.availableParallelism();
  const only = v.only;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-bench-grading-"));
  const files = fs.readdirSync(path.join(root, "exercises")).filter((f) => /^\d\d-.*\.ts$/.test(f));
  const rng = seedrandom("bench:grading");
  for (let s = 0; s < students; s++) {
    const sub = path.join(dir, "submissions", `student${String(s).padStart(3, "0")}`, "exercises");
    fs.mkdirSync(sub, { recursive: true });
    for (const f of files) {
      const kind =
        s % 4 === 0
          ? "solutions"
          : s % 4 === 1
            ? "exercises"
            : rng() < 0.5
              ? "solutions"
              : "exercises";
      fs.copyFileSync(path.join(root, kind, f), path.join(sub, f));
    }
  }
  const out = path.join(dir, "gradebook");
  // the kit is built once, outside the timed part
  const t0 = Date.now();
  await gradeBatch({
    root,
    submissions: path.join(dir, "empty"),
    out,
    jobs,
    only: only ? [only] : [],
    log: () => undefined,
  }).catch(() => undefined);
  const kitMs = Date.now() - t0;
  const t1 = Date.now();
  const r = await gradeBatch({
    root,
    submissions: path.join(dir, "submissions"),
    out,
    jobs,
    only: only ? [only] : [],
    frozenKit: true,
    similarity: v.similarity === true,
    log: () => undefined,
  });
  const ms = Date.now() - t1 - (r.similarity?.durationMs ?? 0);
  const per = ms / 1000 / students;
  console.log(
    `bench:grading: node ${process.version}, ${os.availableParallelism()} cores, jobs ${jobs}`,
  );
  console.log(`  kit built in ${(kitMs / 1000).toFixed(1)} s`);
  console.log(
    `  ${students} submissions graded in ${(ms / 1000).toFixed(1)} s: ${per.toFixed(2)} s per submission`,
  );
  console.log(`  a class of 200 would take about ${((per * 200) / 60).toFixed(1)} min`);
  if (r.similarity) {
    const s = r.similarity;
    console.log(
      `  similarity report: ${s.compared} pairs of exercise files in ${(s.durationMs / 1000).toFixed(1)} s`,
    );
  }
  const pts = r.results.map((x) => x.summary.points);
  console.log(
    `  points: min ${Math.min(...pts)}, max ${Math.max(...pts)} of ${r.results[0]?.summary.maxPoints}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

runCommand("bench:grading", USAGE, main);
