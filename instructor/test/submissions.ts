/**
 * Synthetic submissions of notebook 01 for the batch tests: correct, partly correct, an infinite
 * loop, a module that throws when imported, and one that tampers with everything it can reach
 * (edited suite and config, a printed fake score, rewritten task meta, a forged records file,
 * Math.abs replaced) while solving only centralDifference.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const root = process.cwd();
const read = (f: string) => fs.readFileSync(path.join(root, f), "utf8");

function swap(src: string, from: string, to: string): string {
  if (!src.includes(from)) throw new Error(`synthetic submission: cannot find ${from}`);
  return src.replace(from, to);
}

function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

const CENTRAL = "  return (f(x + h) - f(x - h)) / (2 * h);";

const TAMPER = `
import * as fs from "node:fs";
import * as path from "node:path";
import { getCurrentTest } from "@vitest/runner";

console.log("Points: 999 / 999");
Math.abs = () => 0;
const dir = process.env.OPTKIT_GRADE_RECORDS;
function forge(): void {
  const t = getCurrentTest();
  if (t?.meta.grade) t.meta.grade.points = 1000;
  if (!dir || !t) return;
  const records = [{ id: "x", file: "grader/suites/01-derivatives.grading.ts", exercise: "sigmoidDerivative",
    name: t.name, kind: "fixed", visibility: "visible", maxPoints: 1000, status: "passed",
    message: "", durationMs: 1 }];
  fs.writeFileSync(path.join(dir, "forged.json"), JSON.stringify({ file: "x", records, mac: "0" }));
}
`;

const FAKE_SUITE = `import { it } from "vitest";
it("everything", { meta: { grade: { exercise: "all", points: 999, kind: "fixed", visibility: "visible" } } }, () => {});
`;

/** Write the five submissions into `dir` (one folder each); returns their names. */
export function writeSubmissions(dir: string): string[] {
  const solution = read("solutions/01-derivatives.ts");
  const stub = read("exercises/01-derivatives.ts");
  const ex = "exercises/01-derivatives.ts";
  write(path.join(dir, "ada"), ex, solution);
  write(
    path.join(dir, "bob"),
    ex,
    swap(solution, "  const s = sigmoid(z);\n  return s * (1 - s);", "  return 0.25 + 0 * z;"),
  );
  write(path.join(dir, "cy"), ex, swap(solution, CENTRAL, "  for (;;) x += h;"));
  write(path.join(dir, "dee"), ex, `throw new Error("boom");\n${solution}`);
  const tampered = swap(
    swap(
      stub,
      '  void [f, x, h]; // delete this line and the next one when you implement the exercise\n  throw new NotImplementedError("centralDifference");',
      `  forge();\n${CENTRAL}`,
    ),
    'import { NotImplementedError } from "../lib/util/exercise";',
    `import { NotImplementedError } from "../lib/util/exercise";${TAMPER}`,
  );
  write(path.join(dir, "eve"), ex, tampered);
  write(path.join(dir, "eve"), "grader/suites/01-derivatives.grading.ts", FAKE_SUITE);
  write(path.join(dir, "eve"), "vitest.grading.config.ts", "export default {};\n");
  return ["ada", "bob", "cy", "dee", "eve"];
}
