/**
 * Compile-time proof that each browser module offers what the module it replaces in the bundle
 * offers (`npm run typecheck` fails otherwise). Never bundled, never run.
 */
import type * as DataFiles from "../../../../lib/data/files";
import type * as GradeCheck from "../../../../lib/util/grade-check";
import type * as Tslab from "../../../../lib/util/tslab";
import type * as Target from "../../../../grader/harness/target";
import type * as BrowserDataFiles from "./data-files";
import type * as BrowserGradeCheck from "./grade-check";
import type * as BrowserTarget from "./grading-target";
import type * as BrowserTslab from "./tslab";

type Same<Replaced, Browser extends Replaced> = Browser;

export type Conformance = [
  Same<typeof DataFiles, typeof BrowserDataFiles>,
  Same<Pick<typeof GradeCheck, "check">, typeof BrowserGradeCheck>,
  Same<typeof Tslab, typeof BrowserTslab>,
  Same<typeof Target, typeof BrowserTarget>,
  Same<Tslab.DisplayMessage, BrowserTslab.DisplayMessage>,
  Same<GradeCheck.CheckResult, BrowserGradeCheck.CheckResult>,
];
