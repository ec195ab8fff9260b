/** Gradient clipping, as torch.nn.utils.clip_grad_norm_ / clip_grad_value_, in place. */
import { scaledNorm } from "../numbers/vector";
import { checkNumber, OptkitError, type Vec } from "../util/check";
import type { ParamArrays } from "./optimizers/optimizer";

function eachArray(grads: ParamArrays, f: (g: Vec) => void): void {
  if (ArrayBuffer.isView(grads)) f(grads);
  else for (const g of grads) f(g);
}

/**
 * Clip by total norm (PyTorch): N = ||(||g^(1)||, ..., ||g^(k)||)||, the 2-norm of all arrays
 * together (computed as PyTorch does: the norm of the per-array norms); every entry is
 * scaled by min(1, maxNorm / (N + 1e-6)). Returns N, the norm before clipping. Unlike PyTorch
 * (whose default is to go on and spread NaN), a non-finite norm throws.
 */
export function clipGradNorm(grads: ParamArrays, maxNorm: number): number {
  checkNumber("maxNorm", maxNorm, { min: 0 });
  let sq = 0;
  eachArray(grads, (g) => {
    let gg = 0;
    for (let i = 0; i < g.length; i++) gg += g[i] * g[i];
    const n = Math.sqrt(gg);
    sq += n * n;
  });
  let norm = Math.sqrt(sq);
  if (norm === Infinity) {
    // the squares overflowed: the norm of finite entries may still be a float64
    const arrays: Vec[] = [];
    eachArray(grads, (g) => arrays.push(g));
    norm = scaledNorm(arrays);
  }
  if (!Number.isFinite(norm)) {
    throw new OptkitError("grads", `expected a finite total norm, got ${norm}`);
  }
  const coef = Math.min(1, maxNorm / (norm + 1e-6));
  if (coef < 1) {
    eachArray(grads, (g) => {
      for (let i = 0; i < g.length; i++) g[i] *= coef;
    });
  }
  return norm;
}

/** Clip by value (PyTorch): g_i <- min(max(g_i, -clipValue), clipValue). */
export function clipGradValue(grads: ParamArrays, clipValue: number): void {
  checkNumber("clipValue", clipValue, { min: 0 });
  eachArray(grads, (g) => {
    for (let i = 0; i < g.length; i++) g[i] = Math.min(Math.max(g[i], -clipValue), clipValue);
  });
}
