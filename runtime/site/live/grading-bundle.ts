/**
 * The public grading suites for the browser, at site-build time: each suite of grader/suites/
 * (not hidden/) bundled by esbuild as an ES module (the suites use top-level await), with
 * `vitest` swapped for a small collector (shims/vitest.ts), the harness's target loader for the
 * browser one (shims/grading-target.ts) and Node's built-ins for shims/grading-node.ts; and
 * the reference outputs recorded from solutions/ (or, in a student release without solutions,
 * its recorded ones) beside them. The suites themselves are the ones `npm run grade` runs.
 */
import { build, type Plugin } from "esbuild";
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "fs";
import { basename, join } from "path";
import { HIDDEN_DIR } from "../../../grader/runner/meta";
import { grade, suiteFiles } from "../../../grader/runner/run";
import type { GradingIndex } from "./grading";

/** Where a student release keeps the reference outputs recorded from the solutions. */
const RELEASED_FIXTURES = "grader/reference";

/**
 * Run the public suites against solutions/ with `npm run grade`'s runner, recording every
 * reference output into `dir`; returns each suite's points. Every test must pass.
 */
async function record(
  root: string,
  dir: string,
  suites: string[],
): Promise<Record<string, number>> {
  const run = await grade({
    root,
    target: "solutions",
    filters: suites,
    env: { OPTKIT_GRADE_REFERENCE: "record", OPTKIT_GRADE_FIXTURES: dir },
  });
  const failed = run.records.filter((r) => r.status !== "passed");
  if (run.records.length === 0 || failed.length > 0) {
    const why = failed.map((r) => `${r.file} ${r.exercise} > ${r.name}: ${r.message}`);
    throw new Error(`the solutions must pass every public test:\n  ${why.join("\n  ")}`);
  }
  const points: Record<string, number> = {};
  for (const r of run.records) points[r.file] = (points[r.file] ?? 0) + r.maxPoints;
  return points;
}

const SHIMS = join(__dirname, "shims");
const NODE = /^(node:)?(fs|path|os|worker_threads)$/;

function swaps(root: string): Plugin {
  const target = join(root, "grader", "harness", "target");
  return {
    name: "optkit-grading-swaps",
    setup(b) {
      b.onResolve({ filter: /^vitest$/ }, () => ({ path: join(SHIMS, "vitest.ts") }));
      b.onResolve({ filter: NODE }, () => ({ path: join(SHIMS, "grading-node.ts") }));
      b.onResolve({ filter: /^\.\/target$/ }, (args) =>
        join(args.resolveDir, "target") === target
          ? { path: join(SHIMS, "grading-target.ts") }
          : undefined,
      );
    },
  };
}

/** Build grading/ into `outDir`; returns the number of suites. */
export async function buildGrading(root: string, outDir: string): Promise<number> {
  const dir = join(outDir, "grading");
  const refDir = join(dir, "reference");
  mkdirSync(refDir, { recursive: true });
  const suites = suiteFiles(root).filter((f) => !f.startsWith(HIDDEN_DIR));
  let points: Record<string, number> = {};
  if (existsSync(join(root, "solutions"))) {
    // the grader's own run of the solutions: its points per suite are the full public points
    points = await record(root, refDir, suites);
  } else if (existsSync(join(root, RELEASED_FIXTURES))) {
    cpSync(join(root, RELEASED_FIXTURES), refDir, { recursive: true });
  } else {
    throw new Error(`neither solutions/ nor ${RELEASED_FIXTURES}/: no reference for Check`);
  }
  await build({
    entryPoints: suites.map((s) => join(root, s)),
    outdir: dir,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    logLevel: "warning",
    entryNames: "[name]",
    plugins: [swaps(root)],
    inject: [join(SHIMS, "grading-globals.ts")],
    define: { __dirname: JSON.stringify("/") },
  });
  const index: GradingIndex = {
    suites,
    points,
    fixtures: readdirSync(refDir).filter((f) => f.endsWith(".json")),
  };
  writeFileSync(join(dir, "index.json"), JSON.stringify(index));
  return suites.map((s) => basename(s)).length;
}
