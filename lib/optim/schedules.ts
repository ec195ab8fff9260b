/**
 * Learning-rate schedules: functions t -> eta_t with t = 0, 1, 2, ... the number of steps taken
 * (so eta_0 is the rate of the first step). Where torch.optim.lr_scheduler has the same schedule,
 * eta_t equals the lr PyTorch's scheduler gives after t calls of `scheduler.step()` (its closed
 * form).
 */
import { checkNumber, checkOptions, describe, OptkitError } from "../util/check";

/** The learning rate at step t (t = 0, 1, 2, ...). */
export type Schedule = (t: number) => number;

function checkStep(t: number): void {
  checkNumber("t", t, { min: 0, integer: true });
}

/** Constant: eta_t = eta0. */
export function constantLR(eta0: number): Schedule {
  checkNumber("eta0", eta0, { min: 0 });
  return (t) => (checkStep(t), eta0);
}

/** Step decay (PyTorch StepLR): eta_t = eta0 gamma^floor(t / stepSize), gamma [0.1]. */
export function stepLR(eta0: number, stepSize: number, gamma = 0.1): Schedule {
  checkNumber("eta0", eta0, { min: 0 });
  checkNumber("stepSize", stepSize, { min: 1, integer: true });
  checkNumber("gamma", gamma, { min: 0 });
  return (t) => (checkStep(t), eta0 * gamma ** Math.floor(t / stepSize));
}

/**
 * Multi-step decay (PyTorch MultiStepLR): eta_t = eta0 gamma^(number of milestones <= t),
 * gamma [0.1]; milestones increasing.
 */
export function multiStepLR(eta0: number, milestones: readonly number[], gamma = 0.1): Schedule {
  checkNumber("eta0", eta0, { min: 0 });
  checkNumber("gamma", gamma, { min: 0 });
  if (!Array.isArray(milestones)) {
    throw new OptkitError("milestones", `expected an array of steps, got ${describe(milestones)}`);
  }
  milestones.forEach((m, i) => {
    checkNumber(`milestones[${i}]`, m, { min: 1, integer: true });
    if (i > 0 && m <= milestones[i - 1]) {
      throw new OptkitError(
        "milestones",
        `expected increasing steps, got ${milestones.join(", ")}`,
      );
    }
  });
  const ms = milestones.slice();
  return (t) => {
    checkStep(t);
    let k = 0;
    while (k < ms.length && ms[k] <= t) k++;
    return eta0 * gamma ** k;
  };
}

/**
 * Exponential decay (PyTorch ExponentialLR): eta_t = eta0 gamma^t. The form
 * eta0 e^{-k t} (notebook 02, section 7) is the same schedule with gamma = e^{-k}.
 */
export function exponentialLR(eta0: number, gamma: number): Schedule {
  checkNumber("eta0", eta0, { min: 0 });
  checkNumber("gamma", gamma, { min: 0 });
  return (t) => (checkStep(t), eta0 * gamma ** t);
}

/**
 * Inverse-time decay: eta_t = eta0 / (1 + rho t). (The recursion
 * alpha_{t+1} = alpha_t / (1 + rho t) decays faster; this is the closed form. Notebook 02,
 * section 7, compares the schedules.)
 */
export function inverseTimeLR(eta0: number, rho: number): Schedule {
  checkNumber("eta0", eta0, { min: 0 });
  checkNumber("rho", rho, { min: 0 });
  return (t) => (checkStep(t), eta0 / (1 + rho * t));
}

/**
 * PyTorch LinearLR: eta_t = eta0 (s + (e - s) min(t, T) / T) with startFactor s [1/3],
 * endFactor e [1], totalIters T [5].
 */
export function linearLR(
  eta0: number,
  opts: { startFactor?: number; endFactor?: number; totalIters?: number } = {},
): Schedule {
  checkOptions("linearLR", opts, ["startFactor", "endFactor", "totalIters"]);
  const { startFactor = 1 / 3, endFactor = 1, totalIters = 5 } = opts;
  checkNumber("eta0", eta0, { min: 0 });
  checkNumber("startFactor", startFactor, { min: 0 });
  checkNumber("endFactor", endFactor, { min: 0 });
  checkNumber("totalIters", totalIters, { min: 1, integer: true });
  return (t) => {
    checkStep(t);
    return (
      eta0 * (startFactor + ((endFactor - startFactor) * Math.min(t, totalIters)) / totalIters)
    );
  };
}

/**
 * Linear decay (notebook 02, section 7): alpha_t = (1 - t/rho) alpha0 + (t/rho) alphaRho for t <= rho,
 * then alphaRho. (PyTorch: LinearLR with startFactor 1, endFactor alphaRho/alpha0, totalIters rho.)
 */
export function linearDecayLR(alpha0: number, alphaRho: number, rho: number): Schedule {
  checkNumber("alpha0", alpha0, { min: 0 });
  checkNumber("alphaRho", alphaRho, { min: 0 });
  checkNumber("rho", rho, { min: 1, integer: true });
  return (t) => {
    checkStep(t);
    const f = Math.min(t, rho) / rho;
    return (1 - f) * alpha0 + f * alphaRho;
  };
}

/**
 * Cosine annealing (PyTorch CosineAnnealingLR, closed form):
 * eta_t = etaMin + (eta0 - etaMin)(1 + cos(pi t / T)) / 2, etaMin [0]. Like PyTorch's, it keeps
 * following the cosine after t = T (back up towards eta0); use T = the number of steps.
 */
export function cosineAnnealingLR(eta0: number, T: number, etaMin = 0): Schedule {
  checkNumber("eta0", eta0, { min: 0 });
  checkNumber("T", T, { min: 1, integer: true });
  checkNumber("etaMin", etaMin, { min: 0 });
  return (t) => (checkStep(t), etaMin + ((eta0 - etaMin) * (1 + Math.cos((Math.PI * t) / T))) / 2);
}

/**
 * Linear warmup: eta_t = eta0 (s + (1 - s) min(t, W) / W) over W = warmupSteps, from
 * startFactor s [1/3, as PyTorch's LinearLR] to eta0, then constant.
 */
export function linearWarmupLR(eta0: number, warmupSteps: number, startFactor = 1 / 3): Schedule {
  return linearLR(eta0, { startFactor, endFactor: 1, totalIters: warmupSteps });
}

/**
 * Schedules one after another (PyTorch SequentialLR): schedules[i] runs from milestones[i - 1]
 * (0 for i = 0), restarted at its own t = 0, i.e. eta_t = schedules[i](t - milestones[i - 1]).
 */
export function sequentialLR(
  schedules: readonly Schedule[],
  milestones: readonly number[],
): Schedule {
  if (schedules.length === 0) throw new OptkitError("schedules", "expected at least one schedule");
  if (milestones.length !== schedules.length - 1) {
    throw new OptkitError(
      "milestones",
      `expected ${schedules.length - 1} milestones for ${schedules.length} schedules, got ${milestones.length}`,
    );
  }
  multiStepLR(1, milestones); // validates: positive, increasing integers
  const ss = schedules.slice();
  const ms = milestones.slice();
  return (t) => {
    checkStep(t);
    let k = 0;
    while (k < ms.length && ms[k] <= t) k++;
    return ss[k](k === 0 ? t : t - ms[k - 1]);
  };
}

/**
 * Warmup then cosine: `linearWarmupLR(eta0, warmupSteps, startFactor)` for t < warmupSteps,
 * then `cosineAnnealingLR(eta0, totalSteps - warmupSteps, etaMin)` restarted at t = warmupSteps.
 */
export function warmupCosineLR(
  eta0: number,
  warmupSteps: number,
  totalSteps: number,
  opts: { etaMin?: number; startFactor?: number } = {},
): Schedule {
  checkOptions("warmupCosineLR", opts, ["etaMin", "startFactor"]);
  checkNumber("warmupSteps", warmupSteps, { min: 1, integer: true });
  checkNumber("totalSteps", totalSteps, { min: warmupSteps + 1, integer: true });
  return sequentialLR(
    [
      linearWarmupLR(eta0, warmupSteps, opts.startFactor),
      cosineAnnealingLR(eta0, totalSteps - warmupSteps, opts.etaMin),
    ],
    [warmupSteps],
  );
}
