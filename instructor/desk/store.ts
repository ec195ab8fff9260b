/**
 * The grading desk's storage: plain JSON files in the gradebook's written/ folder, diffable and
 * meant for the instructor's version control.
 *
 * - questions.json, answers.json: written by `grade:batch` (the questions with their points and
 *   reference; each student's answers by question id).
 * - salt.txt: this gradebook's secret salt; a student's anonymous id is a hash of it and the
 *   student's name, stable across runs, so graders see ids, never names.
 * - rubrics.json: question id -> { version, items: [{ id, points, comment }] }. An item's points
 *   are credit; a mark lists the items applied, so editing an item changes every mark holding it.
 * - marks.json: question id -> anonymous id -> { version, items, comment, adjustment, override }.
 *   Points = the applied items' sum + adjustment, kept within [0, the question's points]; an
 *   override (the answer to a regrade request) replaces them, with its reason.
 *
 * Every write names the version it was based on (0: none yet) and is refused with a Conflict
 * when the stored one has moved on (compare-and-set): two graders never overwrite each other.
 * Reads and writes are synchronous and files are replaced by rename, so the desk's one process
 * applies each write whole, in order.
 */
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { WrittenQuestion } from "./written";

export interface RubricItem {
  id: string;
  points: number;
  comment: string;
}
export interface Rubric {
  version: number;
  items: RubricItem[];
}
export interface Override {
  points: number;
  reason: string;
}
export interface Mark {
  version: number;
  /** ids of the rubric items applied */
  items: string[];
  comment: string;
  adjustment: number;
  override?: Override;
}
export type Rubrics = Record<string, Rubric>;
export type Marks = Record<string, Record<string, Mark>>;
/** student -> question id -> answer */
export type Answers = Record<string, Record<string, string>>;

/** A write based on a version that is no longer the stored one. */
export class Conflict extends Error {
  constructor(
    readonly what: string,
    readonly current: Rubric | Mark | null,
  ) {
    super(`${what} changed since you loaded it (now version ${current?.version ?? 0}); reload`);
  }
}

export const writtenDir = (gradebook: string): string => path.join(gradebook, "written");

function readJson<T>(file: string, empty: T): T {
  if (!fs.existsSync(file)) return empty;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/** Replace `file` whole (a reader never sees half a file); keys sorted for stable diffs. */
export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + "\n");
  fs.renameSync(tmp, file);
}

const file = (gradebook: string, name: string) => path.join(writtenDir(gradebook), name);

export const readQuestions = (g: string): WrittenQuestion[] =>
  readJson<WrittenQuestion[]>(file(g, "questions.json"), []);
export const readAnswers = (g: string): Answers => readJson<Answers>(file(g, "answers.json"), {});
export const readRubrics = (g: string): Rubrics => readJson<Rubrics>(file(g, "rubrics.json"), {});
export const readMarks = (g: string): Marks => readJson<Marks>(file(g, "marks.json"), {});

/** The gradebook's salt, created the first time it is asked for. */
export function gradebookSalt(g: string): string {
  const f = file(g, "salt.txt");
  if (!fs.existsSync(f)) {
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, randomBytes(16).toString("hex") + "\n", { flag: "wx" });
  }
  return fs.readFileSync(f, "utf8").trim();
}

/** A student's anonymous id in this gradebook: "s-" and 10 hex digits. */
export function anonId(salt: string, student: string): string {
  return "s-" + createHash("sha256").update(`${salt}\0${student}`).digest("hex").slice(0, 10);
}

function checkBase(what: string, current: { version: number } | undefined, base: number): void {
  if (!Number.isInteger(base) || base < 0) throw new Error(`${what}: bad base version ${base}`);
  if ((current?.version ?? 0) !== base) throw new Conflict(what, (current as never) ?? null);
}

function checkQuestion(g: string, question: string): WrittenQuestion {
  const q = readQuestions(g).find((x) => x.id === question);
  if (!q) throw new Error(`no written question ${JSON.stringify(question)} in this gradebook`);
  return q;
}

/** Replace a question's rubric, if it is still at version `base`; returns the stored rubric. */
export function saveRubric(g: string, question: string, base: number, items: RubricItem[]): Rubric {
  checkQuestion(g, question);
  const ids = new Set<string>();
  for (const it of items) {
    if (!/^[\w-]{1,40}$/.test(it.id) || ids.has(it.id)) throw new Error(`bad item id ${it.id}`);
    if (!Number.isFinite(it.points)) throw new Error(`item ${it.id}: points must be a number`);
    ids.add(it.id);
  }
  const all = readRubrics(g);
  checkBase(`the rubric of ${question}`, all[question], base);
  const rubric = { version: base + 1, items: items.map((i) => ({ ...i, comment: i.comment })) };
  all[question] = rubric;
  writeJson(file(g, "rubrics.json"), all);
  return rubric;
}

export type MarkInput = Omit<Mark, "version">;

/** Replace one student's mark on one question, if it is still at version `base`. */
export function saveMark(
  g: string,
  question: string,
  student: string,
  base: number,
  input: MarkInput,
): Mark {
  checkQuestion(g, question);
  if (!/^s-[0-9a-f]{10}$/.test(student)) throw new Error(`bad anonymous id ${student}`);
  if (!Number.isFinite(input.adjustment)) throw new Error("the adjustment must be a number");
  if (input.override && !input.override.reason.trim()) {
    throw new Error("an override needs its reason: the student reads it");
  }
  const all = readMarks(g);
  const mine = (all[question] ??= {});
  checkBase(`the mark of ${student} on ${question}`, mine[student], base);
  const mark: Mark = {
    version: base + 1,
    items: [...new Set(input.items)],
    comment: input.comment,
    adjustment: input.adjustment,
    ...(input.override ? { override: input.override } : {}),
  };
  mine[student] = mark;
  writeJson(file(g, "marks.json"), all);
  return mark;
}

/** A mark's points under its question's current rubric. */
export function markPoints(mark: Mark, rubric: Rubric | undefined, max: number): number {
  if (mark.override) return mark.override.points;
  const items = rubric?.items ?? [];
  const sum = mark.items.reduce((s, id) => s + (items.find((i) => i.id === id)?.points ?? 0), 0);
  return Math.round(Math.min(max, Math.max(0, sum + mark.adjustment)) * 1e4) / 1e4;
}
