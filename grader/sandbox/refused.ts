/**
 * What the compiler found in a submission's syntax (./library-use.ts), written by ./compile.ts
 * beside the compiled files: the exercises it refuses (the course library answers them), read by
 * the harness's target loader without loading the compiler, and which exercises call which
 * (one bug costs points once: the feedback of an exercise names the failing exercise it calls).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Beside the compiled files: module -> exported function -> why the library answers it. */
export const REFUSED_FILE = "refused.json";
/** Beside the compiled files: exported function -> the other exercises of its file it calls. */
export const CALLS_FILE = "calls.json";

/** The exercises of `module` that the compiled folder `out` refuses (./library-use.ts). */
export function refusedExercises(out: string, module: string): Record<string, string> {
  try {
    const all = JSON.parse(fs.readFileSync(path.join(out, REFUSED_FILE), "utf8")) as Record<
      string,
      Record<string, string>
    >;
    return Object.hasOwn(all, module) ? all[module] : {};
  } catch {
    return {};
  }
}

/** The calls between exercises that `compileSubmission` found in `out`. */
export function exerciseCalls(out: string): Record<string, string[]> {
  try {
    return JSON.parse(fs.readFileSync(path.join(out, CALLS_FILE), "utf8")) as Record<
      string,
      string[]
    >;
  } catch {
    return {};
  }
}

interface Failable {
  exercise: string;
  status: string;
  message: string;
}

/**
 * One bug costs points once, or at least says where it is: each failing test of an exercise
 * that calls another exercise of the student's which fails tests of its own says so.
 */
export function nameUpstream(records: Failable[], calls: Record<string, string[]>): void {
  const failing = new Set(records.filter((r) => r.status !== "passed").map((r) => r.exercise));
  for (const r of records) {
    if (r.status === "passed" || !Object.hasOwn(calls, r.exercise)) continue;
    const up = calls[r.exercise].filter((e) => e !== r.exercise && failing.has(e));
    if (up.length === 0) continue;
    r.message +=
      ` (${r.exercise} calls your ${up.join(" and ")}, which ${up.length > 1 ? "fail" : "fails"} ` +
      "tests of its own: fix that first)";
  }
}
