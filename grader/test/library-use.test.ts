/**
 * What the compiler reads from an exercise file's syntax: which exported functions the course
 * library answers (refused, with the import named) and which exercises call which.
 */
import { describe, expect, it } from "vitest";
import { exerciseUses } from "../sandbox/library-use";

const isLibrary = (spec: string) => spec.startsWith("../lib");
const uses = (src: string) => exerciseUses(src, "02-x.ts", isLibrary);

describe("exerciseUses", () => {
  it("refuses an export that uses a library function, directly or through a helper", () => {
    const r = uses(`import { NotImplementedError, dot } from "../lib/util/exercise";
import { linearDecayLR as lin } from "../lib";
const helper = (t: number) => lin(1, 0.1, 10)(t);
export function linearDecay(t: number): number { return helper(t); }
export function own(a: Float64Array): number { return dot(a, a); }
export function todo(): never { throw new NotImplementedError("todo"); }`);
    expect([...r.refused.keys()]).toEqual(["linearDecay"]);
    expect(r.refused.get("linearDecay")).toMatch(
      /^linearDecay uses the course library's linearDecayLR \(imported from "\.\.\/lib", line 2\)/,
    );
  });

  it("refuses namespace uses beyond the allowed names, and a whole namespace passed around", () => {
    const r = uses(`import * as L from "../lib";
export function a(x: Float64Array): number { return L.dot(x, x); }
export function b(t: number): number { return L.stepLR(1, 2, 0.5)(t); }
export function c(): unknown { return L; }`);
    expect([...r.refused.keys()]).toEqual(["b", "c"]);
    expect(r.refused.get("c")).toMatch(/the course library as a whole/);
  });

  it("refuses every export of a file that loads a module at run time or re-exports the library", () => {
    expect(
      uses(`export function a(): unknown { return require("../lib"); }
export function b(): number { return 1; }`).refused.size,
    ).toBe(2);
    expect(
      uses(`export function a(): number { return 1; }
export { adamStep } from "../lib";`).refused.size,
    ).toBe(1);
    expect(
      uses(`import type { Schedule } from "../lib";
export function a(s: Schedule): number { return s(0); }`).refused.size,
    ).toBe(0);
  });

  it("finds which exported functions call which, through helpers too", () => {
    const r = uses(`export function adamStep(): number { return 1; }
const decay = () => adamStep();
export function adamwStep(): number { return decay(); }
export function other(): number { return 2; }`);
    expect(Object.fromEntries(r.calls)).toEqual({ adamwStep: ["adamStep"] });
  });
});
