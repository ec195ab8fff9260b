// The grader's side of the wire to a submission's process (see link.ts): a worker thread that
// starts the process and moves lines between it and the grading thread, which waits on
// `signal` (a counter bumped after every message) while a call runs. Plain JavaScript: it runs
// in a worker thread of the grading process, where no TypeScript loader is installed.
"use strict";
const { workerData } = require("node:worker_threads");
const { spawn } = require("node:child_process");

const { port } = workerData;
const signal = new Int32Array(workerData.signal);
/** A longer line from the submission ends it: no honest answer is this large. */
const MAX_LINE = 64 * 1024 * 1024;
/**
 * How every line of the protocol begins (host.ts writes `JSON.stringify({ t, ... })`): a line
 * that begins otherwise is not the grader's protocol, whoever wrote it, and ends the process at
 * once, so that a submission writing to the channel cannot keep the grading thread busy.
 */
const KNOWN = /^\{"t":"(loaded|failed|cb|done|threw|unreadable)"[,}]/;
let child = null;

function post(message) {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function kill(proc) {
  if (!proc) return;
  try {
    proc.kill("SIGKILL");
  } catch {
    // already gone
  }
}

port.on("message", (m) => {
  if (m.op === "spawn") {
    kill(child);
    const proc = spawn(m.command, m.args, {
      cwd: m.cwd,
      env: m.env,
      uid: m.uid,
      gid: m.gid,
      // the submission's own output: shown while a student watches, else thrown away
      stdio: [
        "pipe",
        m.showOutput ? "inherit" : "ignore",
        m.showOutput ? "inherit" : "ignore",
        "pipe",
      ],
    });
    child = proc;
    let pending = "";
    let ended = false; // killed for a line outside the protocol: nothing more of it is read
    proc.stdin.on("error", () => undefined);
    proc.stdio[3].on("error", () => undefined);
    proc.stdio[3].setEncoding("utf8");
    proc.stdio[3].on("data", (data) => {
      if (proc !== child || ended) return;
      pending += data;
      let nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (!KNOWN.test(line)) {
          ended = true;
          pending = "";
          kill(proc);
          post({ op: "stray" });
          return;
        }
        post({ op: "line", line });
      }
      if (pending.length > MAX_LINE) {
        kill(proc);
        pending = "";
      }
    });
    proc.on("error", (e) => {
      if (proc === child) post({ op: "exit", code: null, signal: null, error: e.message });
    });
    proc.on("exit", (code, sig) => {
      if (proc === child) {
        child = null;
        post({ op: "exit", code, signal: sig });
      }
    });
  } else if (m.op === "send") {
    if (child) child.stdin.write(`${m.line}\n`);
  } else if (m.op === "kill") {
    kill(child);
  } else if (m.op === "close") {
    kill(child);
    child = null;
    port.close();
  }
});
