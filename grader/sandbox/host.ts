/**
 * The program that runs a submission: it is the first code of the submission's own process (see
 * ./link.ts for the grader's side and ./command.ts for the sandbox around it), then it loads one
 * compiled exercise module and calls its functions on request. Everything here is untrusted the
 * moment the submission's module has loaded; the grader believes nothing it says beyond "this
 * is the value the function returned".
 *
 * Protocol: one JSON message per line, requests on fd 0, answers on fd 3 (the submission's own
 * stdout and stderr are thrown away by the grader).
 *   grader -> here:  { t: "call", fn, args }            call an export with decoded args
 *                    { t: "ret", value } | { t: "raise", message }   a callback's outcome
 *   here -> grader:  { t: "loaded", exports } | { t: "failed", message }   after the import
 *                    { t: "cb", id, args }               call the grader's function number id
 *                    { t: "done", value, after? }        the result, and the arguments as they
 *                                                        are afterwards if the call changed them
 *                    { t: "threw", name, message, at? }  at: "01-derivatives.ts:43"
 *                    { t: "unreadable", message }        the result is not plain data
 * Every line begins `{"t":"<type>"`; a line of any other form or type, either way, ends the
 * process (the grader's side: ./link-thread.cjs and ./link.ts; this side: `receive`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { decode, encode } from "./codec";

const IN = 0;
const OUT = 3;
const chunk = Buffer.alloc(1 << 16);
let pending = "";

function send(message: unknown): void {
  const line = Buffer.from(`${JSON.stringify(message)}\n`);
  for (let off = 0; off < line.length;) off += fs.writeSync(OUT, line, off);
}

/** The next request, read synchronously (a callback's answer arrives while a call is running). */
function receive(): { t: string; [k: string]: unknown } {
  for (;;) {
    const nl = pending.indexOf("\n");
    if (nl >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      return JSON.parse(line) as { t: string };
    }
    const n = fs.readSync(IN, chunk, 0, chunk.length, null);
    if (n === 0) process.exit(0); // the grader is gone
    pending += chunk.toString("utf8", 0, n);
  }
}

const handles = new WeakMap<object, number>();

/** A function of the grader's, called through the protocol. */
function callback(id: number): (...args: unknown[]) => unknown {
  const f = (...args: unknown[]) => {
    send({ t: "cb", id, args: encode(args, "callback arguments") });
    const reply = receive();
    if (reply.t === "ret") return decode(reply.value);
    if (reply.t !== "raise") process.exit(2); // not the protocol: the grader would not say it
    throw new Error(typeof reply.message === "string" ? reply.message : "the callback failed");
  };
  handles.set(f, id);
  return f;
}

/** "01-derivatives.ts:43": the first place in an exercise file the stack `stack` passes. */
function placeIn(stack: unknown): string | undefined {
  if (typeof stack !== "string") return undefined;
  const m = /[\\/]exercises[\\/](\d\d-[\w-]+\.ts):(\d+)/.exec(stack);
  return m ? `${m[1]}:${m[2]}` : undefined;
}

function describe(e: unknown): { name: string; message: string; at?: string } {
  const err = (e !== null && typeof e === "object" ? e : {}) as {
    name?: unknown;
    message?: unknown;
    stack?: unknown;
  };
  let at: string | undefined;
  try {
    at = placeIn(err.stack);
  } catch {
    at = undefined; // a stack that throws when read says nothing
  }
  return {
    name: typeof err.name === "string" ? err.name : typeof e,
    message: typeof err.message === "string" ? err.message : String(e),
    ...(at ? { at } : {}),
  };
}

function main(): void {
  const file = process.argv[2];
  // the exercise files carry inline source maps (./compile.ts): stacks then name the lines of
  // the student's TypeScript, which a thrown error's feedback shows
  process.setSourceMapsEnabled(true);
  let mod: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path.resolve(__dirname, "..", file)) as Record<string, unknown>;
  } catch (e) {
    send({ t: "failed", message: describe(e).message });
    return;
  }
  send({ t: "loaded", exports: Object.keys(mod).filter((k) => typeof mod[k] === "function") });
  for (;;) {
    const req = receive();
    if (req.t !== "call" || typeof req.fn !== "string") process.exit(2); // not the protocol
    const args = decode(req.args, { callback }) as unknown[];
    let value: unknown;
    try {
      value = (mod[req.fn] as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      send({ t: "threw", ...describe(e) });
      continue;
    }
    try {
      const after = encode(args, "arguments", { handle: (f) => handles.get(f) ?? -1 });
      const changed = JSON.stringify(after) !== JSON.stringify(req.args);
      send({ t: "done", value: encode(value, "the result"), after: changed ? after : undefined });
    } catch (e) {
      send({ t: "unreadable", message: describe(e).message });
    }
  }
}

main();
