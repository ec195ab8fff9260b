/**
 * Which implementation is graded, and how it is reached. `OPTKIT_GRADE_TARGET` names a folder
 * of the course ("exercises" by default, "solutions", or e.g. a copy under build/). Its files
 * never load into this process: `loadTarget` compiles them into a private folder and starts
 * them in a sandboxed process of their own (grader/runner/sandbox), and returns stand-ins that
 * call across with plain data (the one exception, `inProcessTarget`, is the mutation test of the
 * kit's own solutions). A module that fails to load, or lacks an export of the reference,
 * still yields every function: each one throws a sentence saying why, so every test is collected
 * and fails on its own instead of the whole suite vanishing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll } from "vitest";
import { isTargetPath } from "../runner/meta";
import { sandboxCommand } from "../sandbox/command";
import { refusedExercises } from "../sandbox/refused";
import { SubmissionProcess } from "../sandbox/link";
import { CALL_TIME_LIMIT_MS } from "./call";
import { Unusable } from "./failure";
import { directStandIns } from "./stand-ins";
import { refusal, type FileDiagnostic } from "./verdict";

/** How long importing a submitted module may take [20 s]. */
export const IMPORT_LIMIT_MS = Number(process.env.OPTKIT_GRADE_IMPORT_LIMIT_MS) || 20_000;

export function gradingTarget(): string {
  const target = process.env.OPTKIT_GRADE_TARGET || "exercises";
  if (!isTargetPath(target)) {
    throw new Error(
      `OPTKIT_GRADE_TARGET must be a folder of the course like "exercises", got "${target}"`,
    );
  }
  return target;
}

/** The layers of the sandbox the last `loadTarget` used (for the reports). */
export let sandboxLayers: string[] = [];

/**
 * Trusted in-process grading (OPTKIT_GRADE_IN_PROCESS=1), for `npm run grade:mutation` only: the
 * mutation tester switches its active mutant inside this process, so the mutated solutions must
 * run here. Accepted only when the target is the kit's own "solutions" folder; student code is
 * never imported into the grading process (any other target with this variable set is an error).
 */
export function inProcessTarget(): boolean {
  if (process.env.OPTKIT_GRADE_IN_PROCESS !== "1") return false;
  if (gradingTarget() !== "solutions") {
    throw new Error("OPTKIT_GRADE_IN_PROCESS=1 grades the trusted solutions/ only");
  }
  return true;
}

/** The trusted solutions imported directly; their errors look like a submission's own errors. */
async function loadInProcess<M extends object>(name: string, reference: M): Promise<M> {
  const specifier = `../../../solutions/${name}.ts`; // a plain string: see reference.ts
  const mod = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  return directStandIns(mod, reference, `solutions/${name}.ts`);
}

/** Start `<target>/<name>.ts` in its own sandboxed process; stand-ins for `reference`'s functions. */
export async function loadTarget<M extends object>(name: string, reference: M): Promise<M> {
  if (inProcessTarget()) return loadInProcess(name, reference);
  const root = process.cwd();
  const target = gradingTarget();
  const where = `${target}/${name}.ts`;
  // Compiled once per run by grader/runner/run.ts; a suite run some other way (vitest's watch
  // mode) compiles for itself, each time, so a student's edits are seen.
  const shared = process.env.OPTKIT_GRADE_COMPILED ?? "";
  const dir = shared || fs.mkdtempSync(path.join(os.tmpdir(), "optkit-submission-"));
  let proc: SubmissionProcess | null = null;
  let loadError = "";
  let refused: Record<string, string> = {};
  try {
    if (!shared) {
      const { compileSubmission } = await import("../sandbox/compile");
      compileSubmission(root, target, dir);
    }
    // read before the submission runs: what it refuses is the compiler's verdict alone
    refused = refusedExercises(dir, name);
    const syntax = path.join(dir, "exercises", `${name}.syntax.json`);
    if (fs.existsSync(syntax)) {
      // the file does not compile: it is not run (./verdict.ts)
      loadError = refusal(JSON.parse(fs.readFileSync(syntax, "utf8")) as FileDiagnostic[]);
    } else if (!fs.existsSync(path.join(dir, "exercises", `${name}.js`))) {
      loadError = "could not be loaded (the file is missing)";
    } else {
      const spec = sandboxCommand(dir, root, `exercises/${name}.js`);
      sandboxLayers = spec.layers;
      const showOutput = process.env.OPTKIT_GRADE_WATCH === "1";
      proc = new SubmissionProcess({ ...spec, showOutput }, IMPORT_LIMIT_MS);
      loadError = proc.load();
    }
  } catch (e) {
    loadError = `could not be prepared for grading (${e instanceof Error ? e.message : String(e)})`;
  }
  afterAll(() => {
    proc?.close();
    if (!shared) fs.rmSync(dir, { recursive: true, force: true });
  });
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(reference)) {
    if (Object.hasOwn(refused, key)) {
      const why = `${where}: ${refused[key]}.`;
      out[key] = () => {
        throw new Unusable(why);
      };
    } else if (!loadError && proc?.exports.includes(key)) {
      const p = proc;
      out[key] = (...args: unknown[]) => p.call(key, args, CALL_TIME_LIMIT_MS);
    } else {
      const why = loadError
        ? `${where} ${loadError}.`
        : `${where} does not export a function named ${key}.`;
      out[key] = () => {
        throw new Unusable(why);
      };
    }
  }
  return out as M;
}
