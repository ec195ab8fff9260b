/**
 * Check in a worker of its own, under `npm run grade`'s time limits. The grading suites tell the
 * page when each call of the student's functions (and the import of the exercise file) begins
 * and ends (shims/grading-target.ts); past the limit the page ends that worker, as the grader
 * kills the submission's process, and checks again in a fresh one where that call (or import)
 * fails at once with the grader's sentence ("... did not return within 3 s (an infinite
 * loop?)."), so the other tests still count. The cells' worker is never touched.
 */
import {
  CHECK_CALL_LIMIT_MS,
  CHECK_IMPORT_LIMIT_MS,
  type CheckLimits,
  type WatchEvent,
} from "./limits";
import type { CellError, FromWorker, SourceFiles, ToWorker } from "./protocol";

export type Attempt =
  | { kind: "done"; error: CellError | null }
  | { kind: "stopped" }
  /** `sentence`: what ran out of time, as the grader words it. */
  | { kind: "limit"; sentence: string };

export interface CheckHost {
  /** The course root's URL, for the worker. */
  root: string;
  /** Stream and display messages of the check, for its output. */
  output(m: FromWorker): void;
}

interface Pending {
  event: WatchEvent;
  name: string;
  since: number;
  /** For a call: which call of `name` it is (1 for the first). */
  index: number;
}

/** A fresh set of limits for one Check. */
export function checkLimits(): CheckLimits {
  return { callMs: CHECK_CALL_LIMIT_MS, importMs: CHECK_IMPORT_LIMIT_MS, calls: {}, imports: [] };
}

/**
 * One attempt at `what` with `files`; `limits` grows by what ran out of time. `cancel` ends it
 * (Stop) with `{ kind: "stopped" }`.
 */
export function attemptCheck(
  host: CheckHost,
  id: number,
  what: string,
  files: SourceFiles,
  limits: CheckLimits,
): { result: Promise<Attempt>; cancel(): void } {
  const w = new Worker("live/worker.js");
  let finish: (r: Attempt) => void = () => {};
  const result = new Promise<Attempt>((resolve) => {
    const stack: Pending[] = [];
    const calls: Record<string, number> = {};
    const timer = setInterval(() => {
      const p = stack[0];
      if (!p) return;
      const limit = p.event === "call" ? limits.callMs : limits.importMs;
      if (performance.now() - p.since < limit) return;
      if (p.event === "call") limits.calls[p.name] = p.index;
      else limits.imports.push(p.name);
      finish({
        kind: "limit",
        sentence:
          p.event === "call"
            ? `${p.name} did not return within ${limit / 1000} s (an infinite loop?)`
            : `${p.name} did not finish importing within ${limit / 1000} s (an infinite loop at the top level of the file?)`,
      });
    }, 100);
    finish = (r) => {
      clearInterval(timer);
      w.terminate();
      finish = () => {};
      resolve(r);
    };
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === "ready") {
        w.postMessage({ type: "grade", id, suite: what, limits } satisfies ToWorker);
      } else if (m.type === "watch") {
        if (m.event === "call" || m.event === "import") {
          calls[m.name] = (calls[m.name] ?? 0) + (m.event === "call" ? 1 : 0);
          stack.push({
            event: m.event,
            name: m.name,
            since: performance.now(),
            index: calls[m.name],
          });
        } else stack.pop();
      } else if (m.type === "done") finish({ kind: "done", error: m.error });
      else host.output(m);
    };
    w.onerror = (e) => {
      e.preventDefault();
      finish({
        kind: "done",
        error: { ename: "Error", evalue: `the check's worker failed: ${e.message}` },
      });
    };
    w.postMessage({ type: "init", root: host.root, files } satisfies ToWorker);
  });
  return { result, cancel: () => finish({ kind: "stopped" }) };
}
