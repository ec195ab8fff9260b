/**
 * The course's standard for its suites: a plausible wrong answer loses most of its exercise's
 * points. A handful of the wrong answers in ./plausible-bugs.ts (those an earlier weighting let
 * keep more than half), graded with the public and hidden suites; one grading run per notebook
 * covers several exercises. `npx ts-node grader/test/plausible-bugs-table.ts` grades them all.
 */
import { describe, expect, it } from "vitest";
import { BUGS, groupBugs, type PlausibleBug } from "./plausible-bugs";
import { gradeBugs } from "./plausible-bugs-table";

const CHOSEN: readonly string[] = [
  "sigmoidDerivative: overflows for large |z|",
  "numericalGradient: perturbs x in place",
  "logisticLossAndGradient: loss overflows (ln of a rounded sigma)",
  "gradientDescent: generic divergence error",
  "backtrackingLineSearch: any decrease (drops c)",
  "cosineAnnealing: no floor after T",
  "dampedNewton: no steepest-descent fallback uphill",
  "newtonRoot: no error when it does not converge",
  "sgdStep: Nesterov as plain momentum",
];

const key = (b: PlausibleBug) => `${b.exercise}: ${b.name}`;
const chosen = CHOSEN.map((k) => {
  const b = BUGS.find((x) => key(x) === k);
  if (!b) throw new Error(`no plausible bug "${k}"`);
  return b;
});
const notebooks = [...new Set(chosen.map((b) => b.notebook))];

describe("plausible wrong answers lose most of their exercise's points", () => {
  it("the chosen bugs of a notebook fit in one grading run", () => {
    for (const nb of notebooks) {
      expect(groupBugs(chosen.filter((b) => b.notebook === nb))).toHaveLength(1);
    }
  });

  it.each(notebooks)(
    "%s: each chosen bug keeps at most half of its exercise's points",
    async (nb) => {
      const kept = await gradeBugs(
        process.cwd(),
        chosen.filter((b) => b.notebook === nb),
      );
      for (const k of kept) {
        // the exercise's tests ran (a missing exercise would make "0 of 0" pass)
        expect(k.max, k.exercise).toBeGreaterThan(0);
        const what = `${k.exercise} (${k.name}) keeps ${k.kept}/${k.max}`;
        expect(2 * k.kept, what).toBeLessThanOrEqual(k.max);
      }
    },
    120_000,
  );
});
