/**
 * Written answers between the batch and the desk: `grade:batch` collects the questions and every
 * student's answers into written/ (collectWritten), and its publish stage turns the desk's marks
 * into one test record per question and student (writtenRecords): kind "question", visibility
 * "after_published", so sealed feedback counts them and published feedback shows the mark, the
 * rubric's comments, the grader's comment, an override's reason and the reference explanation.
 * Regrade requests are read from written/regrades.csv (student,question,reason).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { TestRecord } from "../../grader/runner/meta";
import { readCsv } from "../csv";
import {
  anonId,
  gradebookSalt,
  markPoints,
  readMarks,
  readQuestions,
  readRubrics,
  writeJson,
  writtenDir,
  type Answers,
} from "./store";
import { courseQuestions, writtenAnswers, type WrittenQuestion } from "./written";

/** Write written/questions.json and written/answers.json; returns how many answers are filled. */
export function collectWritten(
  root: string,
  only: string[],
  subs: { student: string; exercises: Map<string, string> }[],
  gradebook: string,
): { questions: WrittenQuestion[]; answered: number } {
  const questions = courseQuestions(root, only);
  const answers: Answers = {};
  let answered = 0;
  for (const s of subs) {
    const mine: Record<string, string> = {};
    for (const q of questions) {
      const f = s.exercises.get(q.file);
      const text = f ? (writtenAnswers(f).get(q.id) ?? "") : "";
      mine[q.id] = text;
      if (text.trim()) answered++;
    }
    answers[s.student] = mine;
  }
  gradebookSalt(gradebook);
  writeJson(path.join(writtenDir(gradebook), "questions.json"), questions);
  writeJson(path.join(writtenDir(gradebook), "answers.json"), answers);
  return { questions, answered };
}

/** Is this test record a written answer's mark (from writtenRecords)? */
export const isWrittenRecord = (t: TestRecord): boolean =>
  t.kind === "question" && t.file.startsWith("exercises/") && t.name.startsWith("written: ");

/** The test records of a student's written answers as marked at the desk (none: no questions). */
export function writtenRecords(gradebook: string, student: string): TestRecord[] {
  const questions = readQuestions(gradebook);
  if (questions.length === 0) return [];
  const salt = gradebookSalt(gradebook);
  const marks = readMarks(gradebook);
  const rubrics = readRubrics(gradebook);
  const id = anonId(salt, student);
  return questions.map((q) => {
    const mark = marks[q.id]?.[id];
    const rubric = rubrics[q.id];
    const points = mark ? markPoints(mark, rubric, q.points) : 0;
    const comments = mark
      ? [
          ...mark.items.flatMap((i) => {
            const item = rubric?.items.find((x) => x.id === i);
            return item ? [`${item.comment} (${item.points >= 0 ? "+" : ""}${item.points})`] : [];
          }),
          ...(mark.comment ? [mark.comment] : []),
          ...(mark.adjustment ? [`adjusted by ${mark.adjustment}`] : []),
          ...(mark.override ? [`Regrade: ${mark.override.reason}`] : []),
        ]
      : ["not graded yet"];
    return {
      file: `exercises/${q.file}`,
      exercise: q.id.split(".")[0],
      name: `written: ${q.text}`,
      kind: "question",
      visibility: "after_published",
      maxPoints: q.points,
      points,
      status: !mark ? "not run" : points >= q.points ? "passed" : "failed",
      message: comments.join("; "),
      durationMs: 0,
      explanation: q.reference ? `Reference: ${q.reference}` : undefined,
    } satisfies TestRecord;
  });
}

export interface RegradeRequest {
  student: string;
  question: string;
  reason: string;
}

/** written/regrades.csv (student,question,reason), as received; none when there is no file. */
export function readRegrades(gradebook: string): RegradeRequest[] {
  const f = path.join(writtenDir(gradebook), "regrades.csv");
  if (!fs.existsSync(f)) return [];
  const { header, rows } = readCsv(f);
  if (header.join(",") !== "student,question,reason") {
    throw new Error(`${f}:1: expected the header "student,question,reason"`);
  }
  return rows.map(({ line, fields }) => {
    const [student = "", question = "", reason = ""] = fields;
    if (!student || !question) throw new Error(`${f}:${line}: expected student,question,reason`);
    return { student, question, reason };
  });
}
