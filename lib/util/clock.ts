/**
 * Timing for the notebooks' cost measurements. `cpuMilliseconds()` is this process's CPU time
 * (user + system) where the runtime reports it (Node: the kernel, `npm run test:notebooks`), else the
 * wall clock (a browser's worker: the live course). CPU time counts only the time the work ran,
 * so a measurement holds on a machine busy with other programs, where wall time can grow
 * tenfold; on an idle machine the two agree for single-threaded work.
 *
 * Taught in notebooks/03-newton.ipynb ("The cost of a step") and notebooks/05-sgd-mnist.ipynb
 * (GD against SGD: the cost of one gradient).
 */

interface CpuProcess {
  cpuUsage?: () => { user: number; system: number };
}

/** Milliseconds of CPU time (or, where the runtime has no CPU clock, of wall time). */
export function cpuMilliseconds(): number {
  const proc = (globalThis as { process?: CpuProcess }).process;
  if (typeof proc?.cpuUsage === "function") {
    const u = proc.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  return performance.now();
}

/**
 * Milliseconds per call of `f`: each round calls it until `minMs` of time has passed, and the
 * fastest of `rounds` rounds is returned (less noise from other work and from the clock's tick).
 */
export function msPerCall(
  f: () => unknown,
  opts: { minMs?: number; rounds?: number } = {},
): number {
  const { minMs = 20, rounds = 3 } = opts;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    let reps = 0;
    const start = cpuMilliseconds();
    let now = start;
    do {
      f();
      reps++;
      now = cpuMilliseconds();
    } while (now - start < minMs);
    best = Math.min(best, (now - start) / reps);
  }
  return best;
}
