/**
 * The one place lib/ touches tslab's internals: the display writer of the cell that is running.
 * tslab exposes no public API for a display that can be updated in place, so this reads its
 * private `lastWriteDisplayData` from `tslab/dist/jupyter`. Anything else that runs cells (the
 * live course in the browser) provides a module with this same interface instead.
 */
import { createRequire } from "module";
import { join } from "path";

/** One display output: a MIME bundle, optionally with an id that later updates replace. */
export interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** Sends a display output; `update` replaces the output with the same display id. */
export type DisplayWriter = (msg: DisplayMessage, update: boolean) => void;

const req = createRequire(join(process.cwd(), "index.js"));

/** The running cell's display writer inside the tslab kernel, else null (a script, a test). */
export function kernelDisplay(): DisplayWriter | null {
  try {
    const jupyter = req("tslab/dist/jupyter") as { lastWriteDisplayData?: DisplayWriter | null };
    return typeof jupyter.lastWriteDisplayData === "function" ? jupyter.lastWriteDisplayData : null;
  } catch {
    return null;
  }
}
