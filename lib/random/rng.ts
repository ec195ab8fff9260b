/**
 * The one seeded random generator of the course, on seedrandom's ARC4 generator.
 * The same seed gives the same stream in every runtime; nothing here calls Math.random.
 */
import seedrandom from "seedrandom";
import { checkNumber, OptkitError } from "../util/check";

/** A seed: numbers and strings are both turned into the string `String(seed)`. */
export type Seed = string | number;

/** A seeded stream of random numbers. */
export class Rng {
  private readonly prng: seedrandom.PRNG;
  /** The second normal of the last Marsaglia pair, or null when none is cached. */
  private spare: number | null = null;

  constructor(readonly seed: Seed) {
    if (typeof seed !== "string" && !Number.isFinite(seed)) {
      throw new OptkitError("seed", `expected a string or a finite number, got ${seed}`);
    }
    this.prng = seedrandom(String(seed));
  }

  /** u ~ U[a, b): a + (b - a) u0 with u0 uniform in [0, 1) (53 random bits). */
  uniform(a = 0, b = 1): number {
    if (!(a <= b && Number.isFinite(b - a))) {
      throw new OptkitError("b", `expected finite a <= b, got a = ${a}, b = ${b}`);
    }
    return a + (b - a) * this.prng();
  }

  /** n draws of U[a, b). */
  uniforms(n: number, a = 0, b = 1): Float64Array {
    checkNumber("n", n, { min: 0, max: 2 ** 32 - 1, integer: true });
    return Float64Array.from({ length: n }, () => this.uniform(a, b));
  }

  /**
   * z ~ N(mean, std^2) by the Marsaglia polar method: draw (u, v) uniform in the square
   * [-1, 1]^2 until s = u^2 + v^2 lies in (0, 1); then u m and v m with m = sqrt(-2 ln(s) / s)
   * are two independent N(0, 1) draws. The second is cached and returned by the next call.
   */
  normal(mean = 0, std = 1): number {
    if (!(Number.isFinite(mean) && std >= 0 && Number.isFinite(std))) {
      throw new OptkitError("std", `expected a finite mean and std >= 0, got ${mean}, ${std}`);
    }
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.prng() - 1;
      v = 2 * this.prng() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return mean + std * u * m;
  }

  /** n draws of N(mean, std^2), e.g. initial parameters p0 ~ N(0, 1). */
  normals(n: number, mean = 0, std = 1): Float64Array {
    checkNumber("n", n, { min: 0, max: 2 ** 32 - 1, integer: true });
    return Float64Array.from({ length: n }, () => this.normal(mean, std));
  }

  /**
   * An independent generator seeded by "seed/label": the same for a given seed and label,
   * however many numbers this generator has drawn (e.g. one stream for init, one for batches).
   */
  derive(label: string | number): Rng {
    return new Rng(`${String(this.seed)}/${label}`);
  }

  /** A uniform integer in {0, ..., n - 1}: floor(n u0). */
  int(n: number): number {
    checkNumber("n", n, { min: 1, integer: true });
    return Math.floor(n * this.prng());
  }

  /**
   * Fisher-Yates shuffle, in place: for i = n-1 down to 1, swap a[i] with a[j], j uniform
   * in {0, ..., i}. Every one of the n! orders is equally likely. Returns `a`.
   */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }

  /** A uniformly random permutation sigma of {0, ..., n - 1} (Fisher-Yates on the identity). */
  permutation(n: number): Int32Array {
    checkNumber("n", n, { min: 0, max: 2 ** 31, integer: true });
    return this.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  }
}

/** A new generator for `seed`: `rng(42).normal()`. */
export function rng(seed: Seed): Rng {
  return new Rng(seed);
}

/** Use `r` if it is already a generator, else seed a new one (for "a seed or a generator"). */
export function asRng(r: Seed | Rng): Rng {
  return r instanceof Rng ? r : new Rng(r);
}
