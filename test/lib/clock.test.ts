import { describe, expect, it } from "vitest";
import { cpuMilliseconds, msPerCall } from "../../lib/util/clock";

/** Work that takes time in proportion to n. */
function work(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i);
  return s;
}

describe("cpuMilliseconds and msPerCall", () => {
  it("the CPU clock advances with work and not while the process sleeps", async () => {
    const t0 = cpuMilliseconds();
    await new Promise((r) => setTimeout(r, 100));
    const slept = cpuMilliseconds() - t0;
    const t1 = cpuMilliseconds();
    work(2e7);
    const worked = cpuMilliseconds() - t1;
    expect(slept).toBeLessThan(50);
    expect(worked).toBeGreaterThan(1);
  });

  it("ten times the work takes several times as long per call", () => {
    const small = msPerCall(() => work(1e4), { minMs: 10 });
    const large = msPerCall(() => work(1e5), { minMs: 10 });
    expect(large / small).toBeGreaterThan(4);
    expect(large / small).toBeLessThan(25);
  });
});
