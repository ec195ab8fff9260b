/**
 * Wrong answers written as students would: each is the reference solution with one text swap
 * (sometimes two lines of the same idea). The course's standard is that a plausible wrong answer
 * loses most of its exercise's points; `grader/test/plausible-bugs.test.ts` grades a few of these
 * in `npm test` and `grader/test/plausible-bugs-table.ts` grades them all and prints the table.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PlausibleBug } from "./plausible-bug";
import { WRONG_DERIVATIONS } from "./plausible-bugs-derivations";
import { SLIPS } from "./plausible-bugs-slips";

export type { PlausibleBug } from "./plausible-bug";

export const BUGS: readonly PlausibleBug[] = [...SLIPS, ...WRONG_DERIVATIONS];

/** Which exercises each exercise calls (its result changes with theirs). */
const CALLS: Readonly<Record<string, readonly string[]>> = {
  gradientDescent: ["gdStep"],
  backtrackingLineSearch: ["gdStep"],
  newtonStep: ["solveLinear"],
  dampedNewton: ["solveLinear"],
  safeguardedNewton: ["newtonStep", "solveLinear"],
  adamwStep: ["adamStep"],
  softmaxCrossEntropy: ["softmax"],
  mlpLossAndGradient: ["denseForward", "denseBackward", "softmaxCrossEntropy", "softmax"],
  logisticHessian: ["sigmoidDerivative"],
  weightedCrossEntropy: ["softmax"],
  softmaxSquaredErrorGradient: ["softmax"],
  sgdEpoch: ["shuffledBatches"],
};

const touches = (a: PlausibleBug, b: PlausibleBug) =>
  a.exercise === b.exercise || (CALLS[a.exercise] ?? []).includes(b.exercise);

/**
 * Bugs of one notebook split into groups that can share one copy of the solution file: no two
 * in a group touch the same exercise or one the other's exercise calls.
 */
export function groupBugs(bugs: readonly PlausibleBug[]): PlausibleBug[][] {
  const groups: PlausibleBug[][] = [];
  for (const b of bugs) {
    const g = groups.find(
      (members) =>
        members[0].notebook === b.notebook &&
        members.every((m) => !touches(m, b) && !touches(b, m)),
    );
    if (g) g.push(b);
    else groups.push([b]);
  }
  return groups;
}

/** The solution file of the group's notebook with every bug of the group applied. */
export function bugSource(root: string, group: readonly PlausibleBug[]): string {
  let src = fs.readFileSync(path.join(root, "solutions", `${group[0].notebook}.ts`), "utf8");
  for (const b of group) {
    for (const [from, to] of b.swaps) {
      const at = src.indexOf(from);
      if (at < 0 || src.indexOf(from, at + 1) >= 0) {
        throw new Error(`plausible bug "${b.name}": the text to swap is not found exactly once`);
      }
      src = src.slice(0, at) + to + src.slice(at + from.length);
    }
  }
  return src;
}
