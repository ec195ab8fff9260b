/**
 * Written questions and answers, read as text with the TypeScript parser: a student's file is
 * never run to read them. A notebook's exercise file declares `export interface XWritten` (one
 * string property per question, its doc comment "[points] question") and `export function
 * xWritten(): XWritten { return { key: "answer" }; }`; the solution file's function holds the
 * reference explanation. A question's id is "<function>.<key>", e.g. "newtonWritten.whyDampNewton".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

export interface WrittenQuestion {
  id: string;
  /** the exercise file, e.g. "02-gradient-descent.ts" */
  file: string;
  text: string;
  points: number;
  reference: string;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A string literal, or a `+` of them (the way a long answer gets wrapped); else null. */
function literalText(e: ts.Expression): string | null {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isParenthesizedExpression(e)) return literalText(e.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = literalText(e.left);
    const r = literalText(e.right);
    return l === null || r === null ? null : l + r;
  }
  return null;
}

/** key -> answer of every exported `...Written` function's returned object literal. */
export function writtenAnswers(file: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (fn: ts.FunctionDeclaration) => {
    const name = fn.name?.text ?? "";
    const ret = fn.body?.statements.find(ts.isReturnStatement)?.expression;
    const obj = ret && ts.isParenthesizedExpression(ret) ? ret.expression : ret;
    if (!obj || !ts.isObjectLiteralExpression(obj)) return;
    for (const p of obj.properties) {
      if (!ts.isPropertyAssignment(p) || !p.name) continue;
      const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : null;
      if (key === null) continue;
      const text = literalText(p.initializer);
      out.set(
        `${name}.${key}`,
        text ?? `(not a plain string, shown as written) ${p.initializer.getText()}`,
      );
    }
  };
  for (const s of parse(file).statements) {
    if (ts.isFunctionDeclaration(s) && s.name?.text.endsWith("Written")) visit(s);
  }
  return out;
}

function docText(node: ts.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .map((d) => (typeof d.comment === "string" ? d.comment : ""))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The written questions of one exercise file, with the reference from its solution file. */
export function fileQuestions(exerciseFile: string, solutionFile: string): WrittenQuestion[] {
  const reference = fs.existsSync(solutionFile) ? writtenAnswers(solutionFile) : new Map();
  const out: WrittenQuestion[] = [];
  for (const s of parse(exerciseFile).statements) {
    if (!ts.isInterfaceDeclaration(s) || !s.name.text.endsWith("Written")) continue;
    const fn = lowerFirst(s.name.text);
    for (const m of s.members) {
      if (!ts.isPropertySignature(m) || !ts.isIdentifier(m.name)) continue;
      const doc = docText(m);
      const points = /^\[(\d+(?:\.\d+)?)\]\s*/.exec(doc);
      if (!points) {
        throw new Error(`${exerciseFile}: ${fn}.${m.name.text} has no "[points]" in its comment`);
      }
      const id = `${fn}.${m.name.text}`;
      out.push({
        id,
        file: path.basename(exerciseFile),
        text: doc.slice(points[0].length),
        points: Number(points[1]),
        reference: reference.get(id) ?? "",
      });
    }
  }
  return out;
}

const EXERCISE_FILE = /^\d\d-[\w-]+\.ts$/;

/** Every written question of the course at `root`, of the files whose names contain an `only`. */
export function courseQuestions(root: string, only: string[] = []): WrittenQuestion[] {
  const dir = path.join(root, "exercises");
  return fs
    .readdirSync(dir)
    .filter((f) => EXERCISE_FILE.test(f) && (only.length === 0 || only.some((o) => f.includes(o))))
    .sort()
    .flatMap((f) => fileQuestions(path.join(dir, f), path.join(root, "solutions", f)));
}
