/**
 * grade:batch's warm graders (grader/runner/warm.ts): one per job for the whole class, all
 * running the suites of one pristine copy of the grading kit, which is checked against the kit's
 * manifest before every submission (as each submission's own workspace is). Each submission is
 * compiled from its own workspace and graded with its own seed and time limit, as before.
 * OPTKIT_GRADE_WARM=0 grades each submission in a fresh grader process instead
 * (grader/runner/run.ts), as does any run the warm grader cannot answer.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { GradingManifest } from "../../grader/runner/manifest";
import { runSuites, type RunOptions, type RunResult } from "../../grader/runner/run";
import { WarmRunner } from "../../grader/runner/warm";
import { verifyKit } from "../kit";
import { prepareWorkspace } from "./workspace";

export class WarmGraders {
  private readonly runners: WarmRunner[];

  private constructor(
    private readonly root: string,
    private readonly manifest: GradingManifest,
    jobs: number,
  ) {
    this.runners = Array.from({ length: jobs }, () => new WarmRunner(root, jobs > 1 ? 1 : 2));
  }

  /** Warm graders in `<out>/warm` for `jobs` jobs; null where they are switched off. */
  static create(
    kitDir: string,
    out: string,
    nodeModules: string,
    manifest: GradingManifest,
    jobs: number,
  ): WarmGraders | null {
    if (process.env.OPTKIT_GRADE_WARM === "0") return null;
    const root = path.join(out, "warm");
    prepareWorkspace(kitDir, root, nodeModules, { exercises: new Map() });
    return new WarmGraders(root, manifest, jobs);
  }

  /** How job `job` grades the workspace `work` (a copy of the kit with one submission). */
  runner(job: number, work: string): (opts: RunOptions) => Promise<RunResult> {
    return async (opts) => {
      verifyKit(this.root, this.manifest); // the suites that grade are these
      const source = path.relative(this.root, path.join(work, opts.target));
      return (await this.runners[job].run(opts, source)) ?? runSuites(opts);
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.close()));
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
