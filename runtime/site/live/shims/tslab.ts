/**
 * The live course's stand-in for lib/util/tslab.ts, with the same interface: the display writer
 * of the cell that is running, which the worker sets before each cell (and clears after it).
 */

/** One display output: a MIME bundle, optionally with an id that later updates replace. */
export interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** Sends a display output; `update` replaces the output with the same display id. */
export type DisplayWriter = (msg: DisplayMessage, update: boolean) => void;

let current: DisplayWriter | null = null;

/** The worker's writer for the running cell. */
export function setDisplayWriter(write: DisplayWriter | null): void {
  current = write;
}

/** The running cell's display writer, else null. */
export function kernelDisplay(): DisplayWriter | null {
  return current;
}
