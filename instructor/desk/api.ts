/**
 * The desk's HTTP API over the gradebook's written/ folder (./store.ts):
 *   GET  /api/state   every question with its rubric and its answers (anonymous ids, marks,
 *                     open regrade requests)
 *   PUT  /api/rubric  { question, base, items }            -> the rubric, or 409 and the current
 *   PUT  /api/mark    { question, student, base, mark }    -> the mark, or 409 and the current
 * A write must come from the desk's own page (its Host and Origin), as JSON.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readRegrades } from "./merge";
import {
  anonId,
  Conflict,
  gradebookSalt,
  readAnswers,
  readMarks,
  readQuestions,
  readRubrics,
  saveMark,
  saveRubric,
  type Mark,
  type MarkInput,
  type Rubric,
  type RubricItem,
} from "./store";

export interface DeskAnswer {
  /** the anonymous id (the name too, with --names) */
  student: string;
  label: string;
  answer: string;
  mark: Mark | null;
  regrades: string[];
}

export interface DeskQuestion {
  id: string;
  file: string;
  text: string;
  points: number;
  reference: string;
  rubric: Rubric;
  answers: DeskAnswer[];
}

/** Everything the page shows; answers in the order of their anonymous ids (not of names). */
export function deskState(gradebook: string, names: boolean): DeskQuestion[] {
  const salt = gradebookSalt(gradebook);
  const answers = readAnswers(gradebook);
  const marks = readMarks(gradebook);
  const rubrics = readRubrics(gradebook);
  const regrades = readRegrades(gradebook);
  const students = Object.keys(answers).map((name) => ({ name, id: anonId(salt, name) }));
  students.sort((a, b) => a.id.localeCompare(b.id));
  return readQuestions(gradebook).map((q) => ({
    ...q,
    rubric: rubrics[q.id] ?? { version: 0, items: [] },
    answers: students.map(({ name, id }) => ({
      student: id,
      label: names ? `${id} (${name})` : id,
      answer: answers[name]?.[q.id] ?? "",
      mark: marks[q.id]?.[id] ?? null,
      regrades: regrades
        .filter((r) => r.question === q.id && r.student.toLowerCase() === name.toLowerCase())
        .map((r) => r.reason),
    })),
  }));
}

const MAX_BODY = 1_000_000;

async function readBody(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new Error("the request is too large");
    chunks.push(c as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null;

function rubricItems(x: unknown): RubricItem[] {
  if (!Array.isArray(x)) throw new Error("items must be a list");
  return x.map((i) => {
    if (!isObj(i) || typeof i.id !== "string" || typeof i.comment !== "string") {
      throw new Error("each item needs an id, points and a comment");
    }
    return { id: i.id, points: Number(i.points), comment: i.comment };
  });
}

function markInput(x: unknown): MarkInput {
  if (!isObj(x) || !Array.isArray(x.items)) throw new Error("mark: expected { items, ... }");
  const o = x.override;
  return {
    items: x.items.map(String),
    comment: typeof x.comment === "string" ? x.comment : "",
    adjustment: Number(x.adjustment ?? 0),
    ...(isObj(o) ? { override: { points: Number(o.points), reason: String(o.reason ?? "") } } : {}),
  };
}

/** Answer one API request; false when the path is not the API's. */
export async function handleApi(
  gradebook: string,
  names: boolean,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? "/", origin);
  if (!url.pathname.startsWith("/api/")) return false;
  if (req.method === "GET" && url.pathname === "/api/state") {
    send(res, 200, deskState(gradebook, names));
    return true;
  }
  if (req.method !== "PUT") {
    send(res, 405, { error: `${req.method} ${url.pathname} is not allowed` });
    return true;
  }
  // another site open in the grader's browser may not write here
  const from = req.headers.origin;
  if ((from && from !== origin) || !req.headers["content-type"]?.startsWith("application/json")) {
    send(res, 403, { error: "writes come from the desk's page, as JSON" });
    return true;
  }
  try {
    const body = await readBody(req);
    if (!isObj(body) || typeof body.question !== "string" || typeof body.base !== "number") {
      throw new Error("expected { question, base, ... }");
    }
    if (url.pathname === "/api/rubric") {
      send(res, 200, saveRubric(gradebook, body.question, body.base, rubricItems(body.items)));
    } else if (url.pathname === "/api/mark" && typeof body.student === "string") {
      const mark = markInput(body.mark);
      send(res, 200, saveMark(gradebook, body.question, body.student, body.base, mark));
    } else {
      send(res, 404, { error: `no ${url.pathname} (or no student)` });
    }
  } catch (e) {
    if (e instanceof Conflict) send(res, 409, { error: e.message, current: e.current });
    else send(res, 400, { error: (e as Error).message });
  }
  return true;
}
