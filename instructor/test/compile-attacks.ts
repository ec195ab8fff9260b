/**
 * Submissions of notebook 01 that the student's own tools refuse, or that write to the grader's
 * channel, each otherwise the reference solution (so any point they keep is a point their flaw
 * should have cost): graded through grade:batch in compile-attacks.test.ts and through the
 * Gradescope autograder in release-check.sh.
 *   syntax       a stray `}`: tsc says TS1128; scores 0
 *   typed        one type error: graded (full points), the error listed and counted
 *   flood-import its import writes lines outside the protocol for 30 s; scores 0
 *   flood-call   centralDifference writes such lines for 7 s (limit 3 s); that exercise scores 0
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

/** Lines of the protocol's form but of a type it does not define, for `ms` (long lines: the
 * grader takes longer to read one than the submission to write it). */
export function floodFor(ms: number): string {
  return (
    "{ const line = JSON.stringify({ t: 'progress', data: new Array(20000).fill(0) }) + '\\n'; " +
    `const t0 = Date.now(); while (Date.now() - t0 < ${ms}) fs.writeSync(3, line); }`
  );
}

export const TYPE_ERROR = 'export const typeErrorHere: number = "not a number";';

function swap(src: string, from: string, to: string): string {
  if (!src.includes(from)) throw new Error(`fixture: cannot find ${from}`);
  return src.replace(from, to);
}

/**
 * The solution of `name` ("01-derivatives") as a student hands it in: in exercises/, where it
 * cannot import its types from the stub (they would be its own), so it declares them itself,
 * as the stub does.
 */
export function studentSolution(course: string, name: string): string {
  const sol = fs.readFileSync(path.join(course, "solutions", `${name}.ts`), "utf8");
  const stub = fs.readFileSync(path.join(course, "exercises", `${name}.ts`), "utf8");
  const file = ts.createSourceFile("stub.ts", stub, ts.ScriptTarget.ES2022, true);
  const types = file.statements
    .filter((s) => ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s))
    .map((s) => s.getText(file));
  const own = new RegExp(`import type \\{[^}]*\\} from "\\.\\./exercises/${name}";\\n`, "g");
  return `${sol.replace(own, "")}\n${types.join("\n")}\n`;
}

/** name -> source of exercises/01-derivatives.ts, made from `course`'s solution. */
export function compileAttackSources(course: string): Record<string, string> {
  const sol = studentSolution(course, "01-derivatives");
  const body = "  return (f(x + h) - f(x - h)) / (2 * h);";
  const withFs = (src: string) => `import * as fs from "node:fs";\n${src}`;
  return {
    syntax: swap(sol, body, `${body}\n  }`),
    typed: `${sol}\n${TYPE_ERROR}\n`,
    "flood-import": withFs(`${floodFor(30_000)}\n${sol}`),
    "flood-call": withFs(swap(sol, body, `  ${floodFor(7000)}\n${body}`)),
  };
}

/** Write each as a submission folder of `dir` (`<dir>/<name>/exercises/01-derivatives.ts`). */
export function writeCompileAttacks(dir: string, course: string): string[] {
  const sources = compileAttackSources(course);
  for (const [name, text] of Object.entries(sources)) {
    const file = path.join(dir, name, "exercises", "01-derivatives.ts");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return Object.keys(sources);
}
