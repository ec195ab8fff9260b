import { describe, expect, it } from "vitest";
import { basename } from "path";
import { listNotebooks, readNotebook, text } from "../../runtime/notebooks/nbformat";
import { KERNEL_NAME, ROOT } from "../../runtime/kernel/spec";

// Notebooks are stored clean: no outputs, the course kernel, and no cell that is meant to fail
// (after a failing cell tslab aborts the next ones, so "Run All" would stop there).
const notebooks = listNotebooks(ROOT);

describe("notebook hygiene", () => {
  it("finds the course notebooks, starting with the welcome tour", () => {
    expect(notebooks.map((p) => basename(p))).toContain("00-welcome.ipynb");
  });

  for (const path of notebooks) {
    describe(basename(path), () => {
      const nb = readNotebook(path);
      it("is stored without outputs or execution counts", () => {
        const dirty = nb.cells
          .map((c, i) => ({ c, i: i + 1 }))
          .filter(({ c }) => c.cell_type === "code" && ((c.outputs ?? []).length > 0 || c.execution_count != null))
          .map(({ i }) => i);
        expect(dirty, `cells with outputs: ${dirty.join(", ")}`).toEqual([]);
      });
      it('imports the course\'s API from "./lib" only, never from its folders', () => {
        const deep = nb.cells
          .filter((c) => c.cell_type === "code")
          .flatMap((c) => [...text(c.source).matchAll(/from\s+"(\.\/lib\/[^"]*)"/g)].map((m) => m[1]));
        expect(deep).toEqual([]);
      });
      it("uses the course kernel", () => {
        const spec = nb.metadata.kernelspec as { name?: string } | undefined;
        expect(spec?.name).toBe(KERNEL_NAME);
      });
      it("has no cell meant to fail", () => {
        const failing = nb.cells
          .map((c, i) => ({ c, i: i + 1 }))
          .filter(({ c }) => {
            const tags = (c.metadata.tags as string[] | undefined) ?? [];
            return tags.includes("raises-exception") || /^\s*throw\b/m.test(text(c.source));
          })
          .map(({ i }) => i);
        expect(failing, `cells meant to fail: ${failing.join(", ")}`).toEqual([]);
      });
      it("starts with a title and ends with markdown", () => {
        expect(nb.cells[0]?.cell_type).toBe("markdown");
        expect(text(nb.cells[0]?.source ?? "")).toMatch(/^# /);
      });
    });
  }
});
