/**
 * Stub and solution must export exactly the same functions with exactly the same signatures.
 * The check is at the type level (`npm run typecheck` fails on a mismatch); the runtime part
 * checks that both modules export the same names.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import * as ex1 from "../../exercises/01-derivatives";
import * as ex2 from "../../exercises/02-gradient-descent";
import * as ex3 from "../../exercises/03-newton";
import * as ex4 from "../../exercises/04-momentum-adam";
import * as ex5 from "../../exercises/05-sgd-mnist";
import * as sol1 from "../../solutions/01-derivatives";
import * as sol2 from "../../solutions/02-gradient-descent";
import * as sol3 from "../../solutions/03-newton";
import * as sol4 from "../../solutions/04-momentum-adam";
import * as sol5 from "../../solutions/05-sgd-mnist";

describe("exercise stubs and solutions", () => {
  it("have identical signatures", () => {
    expectTypeOf<typeof sol1>().toEqualTypeOf<typeof ex1>();
    expectTypeOf<typeof sol2>().toEqualTypeOf<typeof ex2>();
    expectTypeOf<typeof sol3>().toEqualTypeOf<typeof ex3>();
    expectTypeOf<typeof sol4>().toEqualTypeOf<typeof ex4>();
    expectTypeOf<typeof sol5>().toEqualTypeOf<typeof ex5>();
  });

  it("export the same names; every stub throws NotImplementedError naming itself, except the questions (all null) and the written answers (all empty)", () => {
    const pairs = [
      [ex1, sol1],
      [ex2, sol2],
      [ex3, sol3],
      [ex4, sol4],
      [ex5, sol5],
    ] as const;
    for (const [ex, sol] of pairs) {
      expect(Object.keys(sol).sort()).toEqual(Object.keys(ex).sort());
      for (const [name, fn] of Object.entries(ex)) {
        expect(typeof fn).toBe("function");
        if (name.endsWith("Quiz")) {
          const answers = (fn as () => Record<string, unknown>)();
          expect(Object.keys(answers).length).toBeGreaterThan(0);
          expect(Object.values(answers).every((v) => v === null)).toBe(true);
          continue;
        }
        if (name.endsWith("Written")) {
          const answers = (fn as () => Record<string, unknown>)();
          expect(Object.keys(answers).length).toBeGreaterThan(0);
          expect(Object.values(answers).every((v) => v === "")).toBe(true);
          continue;
        }
        expect(() => (fn as () => unknown)()).toThrow(`${name} is not implemented yet`);
      }
    }
  });
});
