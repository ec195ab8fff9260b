/** Declaring graded tests (points, kind, visibility in the task meta) and seeded case data. */
import { describe, it } from "vitest";
import seedrandom from "seedrandom";
import type { CaseKind, GradeMeta, Visibility } from "../runner/meta";
import { GradeFailure, Unusable, valuePaired } from "./failure";
import { HINTS } from "./hints";

export interface CaseOptions {
  visibility?: Visibility;
  /**
   * A check of a correct answer on valid input, run before the case itself. A test of an error,
   * a message or a property (which a submission that only throws, or a trivial answer, can
   * pass) earns its points only together with one; `expectThrows` refuses to run without it.
   */
  withValue?: () => void;
}

export interface ExerciseCases {
  fixed(name: string, points: number, fn: () => void, opts?: CaseOptions): void;
  random(name: string, points: number, fn: () => void, opts?: CaseOptions): void;
  edge(name: string, points: number, fn: () => void, opts?: CaseOptions): void;
  /**
   * One conceptual question: shown (with its points, result and `explanation`, one sentence)
   * only after the due date, so that resubmitting cannot probe the answer.
   */
  question(name: string, points: number, explanation: string, fn: () => void): void;
}

/**
 * Group the graded cases of one exercise; each case carries its points in the task meta, and
 * the exercise's hint (harness/hints.ts), which the reports show when the exercise fails.
 */
export function exercise(name: string, body: (cases: ExerciseCases) => void): void {
  const hint = HINTS[name];
  const meta = (kind: CaseKind, points: number, visibility: Visibility): GradeMeta => ({
    exercise: name,
    points,
    kind,
    visibility,
    ...(hint ? { hint } : {}),
  });
  const add =
    (kind: CaseKind) =>
    (caseName: string, points: number, fn: () => void, opts: CaseOptions = {}) => {
      const grade = meta(kind, points, opts.visibility ?? "visible");
      const { withValue } = opts;
      it(`${kind}: ${caseName}`, { meta: { grade } }, withValue ? paired(withValue, fn) : fn);
    };
  const question = (caseName: string, points: number, explanation: string, fn: () => void) => {
    const grade = { ...meta("question", points, "after_due_date"), explanation };
    it(`question: ${caseName}`, { meta: { grade } }, fn);
  };
  describe(name, () =>
    body({ fixed: add("fixed"), random: add("random"), edge: add("edge"), question }),
  );
}

/** `fn` run after `withValue`, which must pass first (see `CaseOptions.withValue`). */
function paired(withValue: () => void, fn: () => void): () => void {
  return () => {
    try {
      withValue();
    } catch (e) {
      if (!(e instanceof GradeFailure) || e instanceof Unusable) throw e;
      throw new GradeFailure(
        `${e.message} (this test counts only with a correct answer on valid input)`,
      );
    }
    valuePaired(true);
    try {
      fn();
    } finally {
      valuePaired(false);
    }
  };
}

/** A seeded source of test data: uniform, normal (Box-Muller) and integer draws. */
export class CaseRng {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = seedrandom(seed);
  }
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  vector(n: number, scale = 1): Float64Array {
    return Float64Array.from({ length: n }, () => scale * this.normal());
  }
  /** A function returning the generator's next uniform draws (for exercises that take an rng). */
  uniformSource(): () => number {
    return () => this.next();
  }
}

/**
 * The run's seed (OPTKIT_GRADE_SEED): empty for students' self-checks, whose seeded cases are
 * the same on every run (and recorded in a release); a fresh secret per submission when an
 * instructor grades for the record, so no recorded output can serve as an answer key.
 */
export const RUN_SEED = process.env.OPTKIT_GRADE_SEED ?? "";

/** The rng for case `i` of an exercise: each case reproducible on its own (given the seed). */
export function caseRng(exerciseName: string, i: number): CaseRng {
  const seed = RUN_SEED ? `${RUN_SEED}:` : "";
  return new CaseRng(`optkit-grading:${seed}${exerciseName}:${i}`);
}
