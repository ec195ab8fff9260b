import { describe, expect, it } from "vitest";
import { basename } from "path";
import { executeNotebook } from "../../scripts/notebooks/inprocess";
import { findProblems, formatProblem, listNotebooks } from "../../scripts/notebooks/nbformat";
import { ROOT } from "../../scripts/kernel/spec";

// Every notebook runs top to bottom in a fresh in-process tslab session (the kernel's compiler
// and executor, without Jupyter) with no error output. `npm run notebooks` does the same in
// real Jupyter.
describe("notebooks execute top to bottom", () => {
  for (const path of listNotebooks(ROOT)) {
    it(basename(path), async () => {
      const nb = await executeNotebook(path, ROOT);
      const problems = findProblems(nb).map((p) => formatProblem(basename(path), p));
      expect(problems.join("\n\n")).toBe("");
      const code = nb.cells.filter((c) => c.cell_type === "code");
      expect(code.every((c) => c.execution_count != null)).toBe(true);
    }, 180_000);
  }
});
