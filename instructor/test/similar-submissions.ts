/**
 * Synthetic submissions of exercises/01-derivatives.ts for the similarity tests, made as a
 * student makes one: the course's stub with its placeholder bodies replaced. The bodies come
 * from the reference solution or from the independent solutions in fixtures/similarity/; a
 * copier's version renames the solution's identifiers and moves every function to the end of
 * the file, in reverse order.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const root = process.cwd();
export const EXERCISE = "01-derivatives.ts";
export const read = (rel: string) => fs.readFileSync(path.join(root, rel), "utf8");
export const STUB = () => read(`exercises/${EXERCISE}`);

export interface Declaration {
  name: string;
  exported: boolean;
  text: string;
}

/** The top-level functions, classes and one-line constants of a Prettier-formatted file. */
export function declarations(src: string): Declaration[] {
  const lines = src.split("\n");
  const out: Declaration[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(export )?(function|class|const) (\w+)/.exec(lines[i]);
    if (!m) continue;
    let end = i;
    if (m[2] === "const") while (!lines[end].endsWith(";")) end++;
    else while (lines[end] !== "}") end++;
    out.push({ name: m[3], exported: !!m[1], text: lines.slice(i, end + 1).join("\n") });
    i = end;
  }
  return out;
}

/** The stub with the exported functions of `impl` in place of its placeholders (or, with
 * `moveToEnd`, its placeholders removed and everything appended in reverse order), and the
 * helpers of `impl` appended. */
export function fill(impl: Declaration[], moveToEnd = false): string {
  let text = STUB();
  const stubbed = new Map(declarations(text).map((d) => [d.name, d.text]));
  const appended: string[] = [];
  for (const d of impl) {
    const placeholder = stubbed.get(d.name);
    if (!d.exported || !placeholder) appended.push(d.text);
    else if (moveToEnd) {
      text = text.replace(placeholder, "");
      appended.push(d.text);
    } else text = text.replace(placeholder, d.text);
  }
  if (moveToEnd) appended.reverse();
  return `${text.trimEnd()}\n\n${appended.join("\n\n")}\n`;
}

/** Whole-word renames. */
export function rename(text: string, names: Record<string, string>): string {
  return Object.entries(names).reduce(
    (t, [from, to]) => t.replace(new RegExp(`\\b${from}\\b`, "g"), to),
    text,
  );
}

/** What a copier changes: local names (the exported API stays, or the grader fails it). */
export const COPIER_RENAMES = {
  worst: "maxErr",
  plus: "xUp",
  minus: "xDown",
  dz: "delta",
  dk: "upstream",
  adjoint: "bar",
  values: "vals",
  sigmoid: "logistic",
  softplus: "softRelu",
  node: "entry",
  err: "e",
  tape: "nodes",
};

export const solution = () => declarations(read(`solutions/${EXERCISE}`));
export const fixture = (name: string) =>
  declarations(read(`instructor/test/fixtures/similarity/${name}.ts`));

export function write(dir: string, student: string, text: string): void {
  fs.mkdirSync(path.join(dir, student, "exercises"), { recursive: true });
  fs.writeFileSync(path.join(dir, student, "exercises", EXERCISE), text);
}

/** `n` submissions mixing the three solutions function by function (a seeded choice), some
 * with the copier's renames, every tenth an untouched stub: a class to time the report on. */
export function writeClass(dir: string, n: number): void {
  const sources = [solution(), fixture("functional"), fixture("imperative")];
  const helpers = sources.flat().filter((d) => !d.exported);
  const names = [...new Set(sources[0].filter((d) => d.exported).map((d) => d.name))];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let s = 0; s < n; s++) {
    const student = `student-${String(s).padStart(3, "0")}`;
    if (s % 10 === 9) {
      write(dir, student, STUB());
      continue;
    }
    const chosen = names.map((name) => {
      const from = sources[Math.floor(next() * sources.length)];
      return from.find((d) => d.name === name)!;
    });
    const text = fill([...chosen, ...helpers], next() < 0.3);
    write(dir, student, next() < 0.5 ? rename(text, COPIER_RENAMES) : text);
  }
}
