/**
 * The reference a suite compares seeded random cases with. Three modes (OPTKIT_GRADE_REFERENCE):
 * - "solutions": call solutions/<module>.ts (the instructor's kit; default when it exists);
 * - "record": call the solutions and record every output, per test, into the fixtures folder;
 * - "fixtures": no solutions at hand (a student release, a grading workspace): replay the
 *   recorded outputs, in call order within each test (default when solutions/ is absent).
 * The fixtures folder is OPTKIT_GRADE_FIXTURES, else grader/reference. A test's seeded
 * inputs are the same on every run, so its n-th reference call always sees the same arguments;
 * a fingerprint of them (count and sum of the numbers) guards against a mismatch.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, expect } from "vitest";
import { decode, encode, fingerprint } from "../sandbox/codec";

export type ReferenceMode = "solutions" | "record" | "fixtures";

interface RecordedCall {
  fn: string;
  args: [number, number];
  out: unknown;
}
/** One suite's fixture: test name -> the reference calls of that test, in order. */
type SuiteFixture = Record<string, RecordedCall[]>;

const SUITES_DIR = "grader";

export function fixturesDir(): string {
  return path.resolve(process.env.OPTKIT_GRADE_FIXTURES || path.join(SUITES_DIR, "reference"));
}

export function referenceMode(name: string): ReferenceMode {
  const mode = process.env.OPTKIT_GRADE_REFERENCE;
  if (mode === "solutions" || mode === "record" || mode === "fixtures") return mode;
  if (mode) throw new Error(`OPTKIT_GRADE_REFERENCE must be solutions, record or fixtures`);
  return fs.existsSync(path.resolve("solutions", `${name}.ts`)) ? "solutions" : "fixtures";
}

/**
 * "grader/suites/01-x.grading.ts" -> "01-x.grading.json",
 * "grader/hidden/01-x.grading.ts" -> "hidden__01-x.grading.json"
 */
export function fixtureFile(suitePath: string): string {
  const rel = path.relative(path.resolve(SUITES_DIR), path.resolve(suitePath));
  const parts = rel.split(path.sep);
  if (parts[0] === "suites") parts.shift();
  return parts.join("__").replace(/\.ts$/, "") + ".json";
}

/** Where the current call happens: the suite file and the test's full name. */
function currentCase(): { suite: string; test: string } {
  const state = expect.getState();
  return {
    suite: state.testPath ?? "(unknown suite)",
    test: state.currentTestName ?? "(top level)",
  };
}

const counters = new Map<string, number>();
function nextIndex(suite: string, test: string): number {
  const key = `${suite}::${test}`;
  const i = counters.get(key) ?? 0;
  counters.set(key, i + 1);
  return i;
}

function sameArgs(a: [number, number], b: [number, number]): boolean {
  return a[0] === b[0] && Math.abs(a[1] - b[1]) <= 1e-6 * Math.max(1, Math.abs(a[1]));
}

async function importSolution(name: string): Promise<Record<string, unknown>> {
  const specifier = `../../../solutions/${name}.ts`; // a plain string: see target.ts
  return (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
}

function functionNames(mod: Record<string, unknown>): string[] {
  return Object.keys(mod).filter((k) => typeof mod[k] === "function");
}

function recording(name: string, mod: Record<string, unknown>): Record<string, unknown> {
  const dir = fixturesDir();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.exports.json`), JSON.stringify(functionNames(mod)));
  const suites = new Map<string, SuiteFixture>();
  afterAll(() => {
    for (const [suite, fixture] of suites) {
      fs.writeFileSync(path.join(dir, fixtureFile(suite)), JSON.stringify(fixture));
    }
  });
  const out: Record<string, unknown> = {};
  for (const fn of functionNames(mod)) {
    const real = mod[fn] as (...args: unknown[]) => unknown;
    out[fn] = (...args: unknown[]) => {
      const { suite, test } = currentCase();
      const result = real(...args);
      const fixture = suites.get(suite) ?? {};
      suites.set(suite, fixture);
      const calls = (fixture[test] ??= []);
      calls.push({ fn, args: fingerprint(args), out: encode(result, `${fn}'s result`) });
      return result;
    };
  }
  return out;
}

function replaying(name: string): Record<string, unknown> {
  const dir = fixturesDir();
  const exportsFile = path.join(dir, `${name}.exports.json`);
  if (!fs.existsSync(exportsFile)) {
    throw new Error(`no solutions/${name}.ts and no recorded reference outputs in ${exportsFile}`);
  }
  const names = JSON.parse(fs.readFileSync(exportsFile, "utf8")) as string[];
  const loaded = new Map<string, SuiteFixture>();
  const fixtureOf = (suite: string): SuiteFixture => {
    let fixture = loaded.get(suite);
    if (!fixture) {
      const file = path.join(dir, fixtureFile(suite));
      fixture = fs.existsSync(file)
        ? (JSON.parse(fs.readFileSync(file, "utf8")) as SuiteFixture)
        : {};
      loaded.set(suite, fixture);
    }
    return fixture;
  };
  const out: Record<string, unknown> = {};
  for (const fn of names) {
    out[fn] = (...args: unknown[]) => {
      const { suite, test } = currentCase();
      const i = nextIndex(suite, test);
      const call = fixtureOf(suite)[test]?.[i];
      if (!call || call.fn !== fn) {
        throw new Error(
          `The recorded reference outputs do not cover call ${i + 1} (${fn}) of "${test}"; ` +
            "they are out of date: record them again (npm run release).",
        );
      }
      if (!sameArgs(call.args, fingerprint(args))) {
        throw new Error(
          `The reference output for call ${i + 1} (${fn}) of "${test}" was recorded for ` +
            "different inputs; this case cannot be graded from recorded outputs.",
        );
      }
      return decode(call.out);
    };
  }
  return out;
}

/**
 * The reference implementation of notebook module `name` (e.g. "01-derivatives"), typed as `M`
 * (the exercise module's type: stub and solution signatures are identical).
 */
export async function reference<M extends object>(name: string): Promise<M> {
  const mode = referenceMode(name);
  if (mode === "fixtures") return replaying(name) as M;
  const mod = await importSolution(name);
  return (mode === "record" ? recording(name, mod) : mod) as M;
}
