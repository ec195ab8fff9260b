/**
 * The grader's handle on a submission's process: calls a submitted function as if it were
 * local and synchronous (the grading suites stay plain code), while the function runs in another
 * process inside the sandbox of ./command.ts. Only plain data crosses (./codec.ts); a function
 * argument stays here and is called back when the submission calls it, so objectives, gradients
 * and random sources are the grader's own code and their call counts are the grader's own.
 * Arguments cross one way: what the submission does to its copies never reaches the grader's
 * objects (a change is noted, ./changes.ts, for the tests that check inputs are unchanged).
 *
 * The grading thread blocks on a shared counter while a worker thread (./link-thread.cjs)
 * talks to the process, so a time limit holds even for an infinite loop: past it the process is
 * killed, and the next call starts a fresh one. What the process says is never trusted: a
 * malformed or oversized answer ends it, a thrown error is reduced to its name and message, and
 * so does any line the protocol does not define at that moment (a message of an unknown type,
 * an answer when none was asked for): a submission that writes to the channel itself cannot keep
 * a call or an import going past its time limit, which is checked before every message.
 */
import * as path from "node:path";
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from "node:worker_threads";
import { noteArgumentChange } from "./changes";
import { decode, encode } from "./codec";
import { refuseDebuggerSignal } from "./signals";

/** How to start the process (./command.ts builds it). */
export interface SpawnSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** pass the process's stdout and stderr through (a student's own `npm run grade -- --watch`) */
  showOutput?: boolean;
  /** run it as this user and group (./command.ts: an unprivileged one, when the grader is root) */
  uid?: number;
  gid?: number;
}

/** A call that did not return within its time limit (the process has been killed). */
export class CallTimeout extends Error {
  constructor(readonly limitMs: number) {
    super(`did not return within ${limitMs / 1000} s`);
    this.name = "CallTimeout";
  }
}

/** The process ended (crashed, was killed for memory or CPU time, or exited) during a call. */
export class ProcessEnded extends Error {
  constructor(why: string) {
    super(why);
    this.name = "ProcessEnded";
  }
}

/** The submitted function returned something that is not plain data (a Promise, a class...). */
export class UnreadableResult extends Error {
  constructor(why: string) {
    super(why);
    this.name = "UnreadableResult";
  }
}

/** An error the submitted function threw: only its name and message, both capped. */
export class SubmittedError extends Error {
  /** where in the student's files it was thrown ("01-derivatives.ts:43"), if known */
  readonly at: string;
  constructor(name: string, message: string, at = "") {
    super(message);
    this.name = name;
    this.at = /^\d\d-[\w-]{1,60}\.ts:\d{1,7}$/.test(at) ? at : "";
  }
}

type Event =
  | { op: "line"; line: string }
  /** a line outside the protocol: the thread has killed the process already */
  | { op: "stray" }
  | { op: "exit"; code: number | null; signal: string | null; error?: string };

/** What the process may say while a call runs (host.ts); anything else ends it. */
const CALL_REPLIES = new Set(["cb", "done", "threw", "unreadable"]);

interface Reply {
  t: string;
  [k: string]: unknown;
}

const MAX_NAME = 80;
/** Why a process that wrote outside the protocol was ended. */
export const STRAY =
  "it wrote something to the grader's channel that is not an answer, so its process was ended";
export const MAX_MESSAGE = 500;

/** A string from the submission, cut to `max` characters. */
export function capped(s: unknown, max = MAX_MESSAGE): string {
  const text = typeof s === "string" ? s : String(s);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function endedWhy(e: Extract<Event, { op: "exit" }>): string {
  if (e.error) return `its process could not start (${e.error})`;
  if (e.signal === "SIGXCPU") return "its process used up its CPU time";
  if (e.signal) return `its process was stopped (${e.signal}; out of memory?)`;
  return `its process ended (exit code ${e.code})`;
}

export class SubmissionProcess {
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  private alive = false;
  private starts = 0;
  /** the functions the module exports, after a successful load */
  exports: string[] = [];

  constructor(
    private readonly spec: SpawnSpec,
    private readonly importLimitMs: number,
    private readonly maxStarts = 20,
  ) {
    refuseDebuggerSignal(); // this process is the submission's parent
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(path.join(__dirname, "link-thread.cjs"), {
      workerData: { port: port2, signal: this.signal.buffer },
      transferList: [port2],
    });
    this.worker.unref();
  }

  /** The next event, or null once `deadline` has passed (checked first: a flood waits too). */
  private next(deadline: number): Event | null {
    for (;;) {
      if (Date.now() >= deadline) return null;
      const seen = Atomics.load(this.signal, 0);
      const got = receiveMessageOnPort(this.port);
      if (got) return got.message as Event;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      Atomics.wait(this.signal, 0, seen, left);
    }
  }

  private post(message: object): void {
    this.port.postMessage(message);
  }

  private kill(): void {
    this.post({ op: "kill" });
    // wait for the exit so a late line of the old process is never read as an answer
    const deadline = Date.now() + 5000;
    for (let e = this.next(deadline); e; e = this.next(deadline)) if (e.op === "exit") break;
    this.alive = false;
  }

  /**
   * Start the process and import the module. Returns "" when it loaded, else why not (one
   * sentence fragment, e.g. "did not finish within 20 s").
   */
  load(): string {
    if (this.starts >= this.maxStarts) {
      return `was not started again: its process ended ${this.maxStarts} times`;
    }
    this.starts++;
    this.post({ op: "spawn", ...this.spec });
    this.alive = true;
    const deadline = Date.now() + this.importLimitMs;
    for (;;) {
      const e = this.next(deadline);
      if (!e) {
        this.kill();
        return `did not finish importing within ${this.importLimitMs / 1000} s (an infinite loop at the top level of the file?)`;
      }
      if (e.op === "exit") {
        this.alive = false;
        return `could not be loaded (${endedWhy(e)})`;
      }
      const reply = e.op === "line" ? this.parse(e.line) : null;
      if (reply?.t === "loaded" && Array.isArray(reply.exports)) {
        this.exports = reply.exports.filter((x): x is string => typeof x === "string");
        return "";
      }
      this.kill();
      if (reply?.t === "failed") {
        return `could not be loaded (${capped(String(reply.message).split("\n")[0])})`;
      }
      return `could not be loaded (${STRAY})`;
    }
  }

  /** Lines that arrived while no call was running are outside the protocol: end the process. */
  private dropStrays(): void {
    const got = receiveMessageOnPort(this.port);
    if (!got) return;
    if ((got.message as Event).op === "exit") this.alive = false;
    else this.kill();
  }

  private parse(line: string): Reply | null {
    try {
      const r = JSON.parse(line) as Reply;
      return r !== null && typeof r === "object" && typeof r.t === "string" ? r : null;
    } catch {
      return null;
    }
  }

  /** Call the submitted `fn` with `args`, within `limitMs` (time spent in callbacks excluded). */
  call(fn: string, args: unknown[], limitMs: number): unknown {
    if (this.alive) this.dropStrays();
    if (!this.alive) {
      const why = this.load();
      if (why) throw new ProcessEnded(why);
    }
    const callbacks: ((...a: unknown[]) => unknown)[] = [];
    const handle = (f: (...a: unknown[]) => unknown) => callbacks.push(f) - 1;
    this.post({
      op: "send",
      line: JSON.stringify({ t: "call", fn, args: encode(args, "arguments", { handle }) }),
    });
    let deadline = Date.now() + limitMs;
    for (;;) {
      const e = this.next(deadline);
      if (!e) {
        this.kill();
        throw new CallTimeout(limitMs);
      }
      if (e.op === "exit") {
        this.alive = false;
        throw new ProcessEnded(endedWhy(e));
      }
      const reply = e.op === "line" ? this.parse(e.line) : null;
      if (!reply || !CALL_REPLIES.has(reply.t)) {
        this.kill();
        throw new ProcessEnded(STRAY);
      }
      if (reply.t === "cb") {
        const started = Date.now();
        this.post({ op: "send", line: this.runCallback(callbacks, reply) });
        deadline += Date.now() - started;
        continue;
      }
      try {
        if (reply.t === "done") {
          const value = decode(reply.value);
          // the grader's arguments stay as they were: a change is only noted (see ./changes.ts)
          const after = reply.after === undefined ? undefined : decode(reply.after);
          if (Array.isArray(after)) args.forEach((a, i) => noteArgumentChange(a, after[i]));
          return value;
        }
      } catch {
        this.kill();
        throw new ProcessEnded("it returned something the grader cannot read");
      }
      if (reply.t === "threw") {
        throw new SubmittedError(
          capped(reply.name, MAX_NAME),
          capped(reply.message),
          typeof reply.at === "string" ? reply.at : "",
        );
      }
      if (reply.t === "unreadable") {
        throw new UnreadableResult(
          `returned a value the grader cannot read (${capped(reply.message, 200)})`,
        );
      }
    }
  }

  private runCallback(callbacks: ((...a: unknown[]) => unknown)[], reply: Reply): string {
    const f = typeof reply.id === "number" ? callbacks[reply.id] : undefined;
    try {
      if (!f) throw new Error("no such function");
      const args = decode(reply.args);
      const value = f(...(Array.isArray(args) ? args : []));
      return JSON.stringify({ t: "ret", value: encode(value, "a callback's result") });
    } catch (e) {
      return JSON.stringify({ t: "raise", message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Kill the process and stop the thread. */
  close(): void {
    this.post({ op: "close" });
    void this.worker.terminate();
  }
}
