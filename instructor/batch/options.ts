/**
 * The command line of `npm run grade:batch`, declared once: the parser and the usage text are
 * both made from `BATCH_OPTIONS`.
 */
import { numberOption, parseCommandLine, usageText, UsageError } from "../../lib/util/cli-args";
import { DEFAULT_THRESHOLD } from "../similarity/similarity";
import { MISSING_AS, type MissingAs } from "./roster";

/** A string option that must be one of `allowed` (undefined when absent). */
function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} ${raw}: expected one of ${allowed.join(", ")}`);
  }
  return raw as T;
}

export interface BatchOptions {
  root: string;
  submissions: string;
  out: string;
  timeLimitMs?: number;
  jobs?: number;
  due?: Date;
  only?: string[];
  force?: boolean;
  /** grade with the kit already in <out>/kit as it is, even if the course changed since */
  frozenKit?: boolean;
  /** time limit of one call of a student's function [3 s] */
  callLimitMs?: number;
  /** time limit of importing a student's module [20 s, at most half the time limit] */
  importLimitMs?: number;
  /** CSV of student,submitted_at exported from the LMS: decides lateness when given */
  submittedAt?: string;
  /** CSV of student,due: a due date of the student's own */
  extensions?: string;
  /** percent of the total per started day late, and the most it can take */
  latePenalty?: number;
  lateCap?: number;
  /** CSV of student,id,name,email[,section,login]: writes canvas.csv and lms.csv too */
  roster?: string;
  /** the assignment's name in canvas.csv ["optkit"] */
  assignment?: string;
  /** what canvas.csv and lms.csv give a student with no submission ["blank"] */
  missing?: MissingAs;
  /** compare the submissions pairwise: similarity.csv and similarity.html */
  similarity?: boolean;
  /** the least similarity listed [DEFAULT_THRESHOLD] */
  similarityThreshold?: number;
  /** write the full feedback (hidden tests, answers): refused before the last due date */
  publish?: boolean;
  /** publish even before the due date */
  publishEarly?: boolean;
  log?: (line: string) => void;
}

export const BATCH_OPTIONS = {
  out: {
    type: "string",
    value: "<folder>",
    help: "gradebook, feedback and results (build/gradebook)",
  },
  due: { type: "string", value: "<ISO time>", help: "the due date" },
  "submitted-at": {
    type: "string",
    value: "<csv>",
    help: "student,submitted_at exported from the LMS: decides lateness",
  },
  extensions: {
    type: "string",
    value: "<csv>",
    help: "student,due: a due date of a student's own",
  },
  "late-penalty": {
    type: "string",
    value: "<pct>",
    help: "percent of the total per started day late (0)",
  },
  "late-cap": { type: "string", value: "<pct>", help: "the most a late penalty takes (100)" },
  roster: {
    type: "string",
    value: "<csv>",
    help: "student,id,name,email[,section,login]: also canvas.csv and lms.csv",
  },
  assignment: {
    type: "string",
    value: "<name>",
    help: "the assignment's column in canvas.csv (optkit)",
  },
  missing: {
    type: "string",
    value: "<blank|zero>",
    help: 'a roster student without a submission in canvas.csv and lms.csv: blank\n(Canvas\'s "not graded", yours to decide; the default) or zero',
  },
  similarity: {
    type: "boolean",
    help:
      "similarity.csv and .html: every pair compared per exercise file\n" +
      "(with Dolos; install it once: npm run grade:similarity-install)",
  },
  "similarity-threshold": {
    type: "string",
    value: "<x>",
    help: `the least similarity listed, from 0 to 1 (${DEFAULT_THRESHOLD})`,
  },
  "time-limit": { type: "string", value: "<s>", help: "per submission (300)" },
  jobs: { type: "string", value: "<n>", help: "submissions graded at once (the number of cores)" },
  only: {
    type: "string",
    multiple: true,
    value: "<substr>",
    help: "only the suites whose names contain it (repeatable)",
  },
  force: { type: "boolean", help: "re-grade every submission" },
  "frozen-kit": {
    type: "boolean",
    help: "keep the last run's grading kit even if the course changed",
  },
  publish: {
    type: "boolean",
    help:
      "the full feedback: hidden tests, results, answers (refused until\n" +
      "every due date has passed; without it, feedback is sealed)",
  },
  "publish-early": { type: "boolean", help: "publish even before the due date" },
} as const;

export const USAGE = usageText(
  "npm run grade:batch -- <submissions folder> [options]",
  BATCH_OPTIONS,
);

const percent = (x: number) => x >= 0 && x <= 100;

export function parseBatchArgs(argv: string[], root: string): BatchOptions {
  const { values: v, positionals } = parseCommandLine(argv, BATCH_OPTIONS);
  if (positionals.length !== 1) throw new UsageError("expected one submissions folder");
  const seconds = numberOption(
    "time-limit",
    v["time-limit"],
    (x) => x > 0,
    "a positive number of seconds",
  );
  const o: BatchOptions = {
    root,
    submissions: positionals[0],
    out: v.out ?? "build/gradebook",
    only: v.only ?? [],
    force: v.force,
    frozenKit: v["frozen-kit"],
    publish: v.publish,
    publishEarly: v["publish-early"],
    submittedAt: v["submitted-at"],
    extensions: v.extensions,
    roster: v.roster,
    assignment: v.assignment,
    missing: oneOf("missing", v.missing, MISSING_AS),
    similarity: v.similarity,
    similarityThreshold: numberOption(
      "similarity-threshold",
      v["similarity-threshold"],
      (x) => x >= 0 && x <= 1,
      "a similarity from 0 to 1",
    ),
    timeLimitMs: seconds === undefined ? undefined : 1000 * seconds,
    jobs: numberOption(
      "jobs",
      v.jobs,
      (x) => Number.isInteger(x) && x >= 1,
      "a whole number of at least 1",
    ),
    latePenalty: numberOption(
      "late-penalty",
      v["late-penalty"],
      percent,
      "a percentage from 0 to 100",
    ),
    lateCap: numberOption("late-cap", v["late-cap"], percent, "a percentage from 0 to 100"),
  };
  if (o.similarityThreshold !== undefined && !o.similarity) {
    throw new UsageError("--similarity-threshold needs --similarity");
  }
  if (v.due !== undefined) {
    o.due = new Date(v.due);
    if (Number.isNaN(o.due.getTime())) throw new UsageError(`--due ${v.due}: expected an ISO date`);
  }
  return o;
}
