import { expect, it } from "vitest";
import { join } from "path";
import { executeNotebook } from "../../scripts/notebooks/inprocess";
import { findProblems, formatProblem } from "../../scripts/notebooks/nbformat";
import { ROOT } from "../../scripts/kernel/spec";

/**
 * The smoke test of one notebook: it runs top to bottom in a fresh in-process tslab session
 * (the kernel's compiler and executor, without Jupyter) with no error output. One test file per
 * notebook lets vitest spread them over the cores. `npm run notebooks` does this in real Jupyter.
 */
export function smokeTest(file: string): void {
  it(`${file} executes top to bottom with no error output`, async () => {
    const nb = await executeNotebook(join(ROOT, "notebooks", file), ROOT);
    const problems = findProblems(nb).map((p) => formatProblem(file, p));
    expect(problems.join("\n\n")).toBe("");
    const code = nb.cells.filter((c) => c.cell_type === "code");
    expect(code.every((c) => c.execution_count != null)).toBe(true);
  }, 180_000);
}
