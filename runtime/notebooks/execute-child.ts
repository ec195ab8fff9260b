/**
 * One notebook for `npm run test:notebooks -- --in-process`, in a process of its own, as in a fresh
 * kernel (tslab's executor is one per process): run every code cell in order and write the
 * executed copy to the given path. Usage: execute-child.ts <notebook.ipynb> <out.ipynb>
 */
import { writeFileSync } from "fs";
import { ROOT } from "../kernel/spec";
import { executeNotebook } from "./inprocess";

const [notebook, out] = process.argv.slice(2);
executeNotebook(notebook, ROOT).then(
  (nb) => writeFileSync(out, JSON.stringify(nb, null, 1) + "\n"),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  },
);
