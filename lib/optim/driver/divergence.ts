/**
 * When a run has diverged: one rule for `minimize`, `minimizeStochastic` and `trainMlp`.
 *
 * A run diverges at the first step after which its loss J (or a parameter) is not finite, or
 * J has risen far above where it started:
 *
 *   J_t > J_0 + factor * max(|J_0|, 1)        (factor = `divergenceFactor` [1e4])
 *
 * The run then stops, flagged, with the step t (counted from 0, the step whose update led to
 * the bad value), its learning rate and a sentence saying so; nothing after it is recorded.
 * A loss that blows up while staying finite (1e12 on MNIST with too large a learning rate) is
 * caught this way long before it overflows. `divergenceFactor: Infinity` keeps only the
 * non-finite test.
 *
 * A classifier can also blow up and then collapse: its loss spikes, then settles back near
 * log(classes) with every prediction the same class. `trainMlp` therefore also stops after an
 * epoch whose training accuracy is at chance (at most 1.5 / classes) if a mini-batch loss of
 * that epoch rose above `collapseLimit` = J_0 + 10 max(|J_0|, 1). A run that merely learns
 * slowly (chance accuracy, loss near J_0) is not flagged.
 */
import { checkNumber } from "../../util/check";

/** Why and where a run stopped as diverged. */
export interface Divergence {
  /** the step t (from 0) whose update led to the bad loss or parameters */
  step: number;
  /** the learning rate of that step */
  lr: number;
  /** the loss that stopped the run (NaN when the parameters themselves became non-finite) */
  loss: number;
  /** one sentence: what happened, after which step, with which learning rate */
  reason: string;
}

/** The default `divergenceFactor`: J may rise to J_0 + 1e4 max(|J_0|, 1) before the run stops. */
export const DIVERGENCE_FACTOR = 1e4;

/** The test of the rule above for one run, fixed by its starting loss J_0. */
export class DivergenceCheck {
  /** the largest loss that still counts as not diverged */
  readonly limit: number;
  /** the loss above which a run that ends an epoch at chance accuracy has collapsed */
  readonly collapseLimit: number;

  constructor(
    readonly start: number,
    factor: number | undefined,
  ) {
    const f = factor ?? DIVERGENCE_FACTOR;
    if (f !== Infinity) checkNumber("divergenceFactor", f, { min: 0 });
    this.limit = start + f * Math.max(Math.abs(start), 1);
    this.collapseLimit = start + 10 * Math.max(Math.abs(start), 1);
  }

  /**
   * The divergence record if the loss `loss` after step `step` (taken with learning rate `lr`)
   * breaks the rule, else null. `problem` states a failure found by the caller instead (e.g.
   * "the gradient became non-finite"); `what` names the loss in the sentence.
   */
  test(
    step: number,
    lr: number,
    loss: number,
    problem?: string,
    what = "the loss",
  ): Divergence | null {
    if (problem === undefined) {
      if (!Number.isFinite(loss)) problem = `${what} became ${loss}`;
      else if (loss > this.limit) {
        const [now, was] = [loss.toPrecision(3), this.start.toPrecision(3)];
        problem = `${what} rose to ${now}, far above its start ${was}`;
      } else return null;
    }
    return this.record(step, lr, loss, problem);
  }

  /** The divergence record of a failure `problem` found after step `step`. */
  record(step: number, lr: number, loss: number, problem: string): Divergence {
    const reason = `${problem} after step ${step} with learning rate ${lr}`;
    return { step, lr, loss, reason };
  }
}
