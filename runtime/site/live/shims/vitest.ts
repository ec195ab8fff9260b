/**
 * What `vitest` is for the grading suites in the browser: a small collector of `describe`/`it`
 * (with each test's `meta`, where the points are) and hooks, and `expect` made as vitest makes
 * it, from chai and @vitest/expect. The page's worker imports a suite, then runs the collected
 * tests (live/grading.ts); both meet in `globalThis.optkitGradingSuite`.
 */
import * as chai from "chai";
import {
  getState,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
  type ExpectStatic,
} from "@vitest/expect";

type Fn = () => unknown;

export interface CollectedTest {
  /** names from the outermost describe to the test */
  names: string[];
  meta: Record<string, unknown>;
  fn: Fn;
}

export interface CollectedSuite {
  /** the suite's path from the course root, e.g. "grader/suites/01-derivatives.grading.ts" */
  file: string;
  /** the suite's own `expect` (its state names the running test for the reference outputs) */
  expect?: Expect;
  tests: CollectedTest[];
  beforeAll: Fn[];
  afterAll: Fn[];
}

function suite(): CollectedSuite {
  const s = (globalThis as { optkitGradingSuite?: CollectedSuite }).optkitGradingSuite;
  if (!s) throw new Error("no grading suite is being collected");
  return s;
}

const path: string[] = [];

export function describe(name: string, body: () => void): void {
  path.push(name);
  try {
    body();
  } finally {
    path.pop();
  }
}

export function it(
  name: string,
  optsOrFn: { meta?: Record<string, unknown> } | Fn,
  maybeFn?: Fn,
): void {
  const fn = typeof optsOrFn === "function" ? optsOrFn : maybeFn;
  const meta = typeof optsOrFn === "function" ? {} : (optsOrFn.meta ?? {});
  if (!fn) throw new Error(`it("${name}"): no test function`);
  suite().tests.push({ names: [...path, name], meta, fn });
}
export const test = it;

export function beforeAll(fn: Fn): void {
  suite().beforeAll.push(fn);
}

export function afterAll(fn: Fn): void {
  suite().afterAll.push(fn);
}

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** vitest's `expect`, as vitest builds it (chai's expect counting assertions in its state). */
export type Expect = ExpectStatic;

export const expect = ((value: unknown, message?: string) => {
  const { assertionCalls } = getState(expect);
  setState({ assertionCalls: assertionCalls + 1 }, expect);
  return chai.expect(value, message);
}) as unknown as Expect;
Object.assign(expect, chai.expect);
expect.getState = () => getState(expect);
expect.setState = (state) => setState(state, expect);
const collecting = (globalThis as { optkitGradingSuite?: CollectedSuite }).optkitGradingSuite;
if (collecting) collecting.expect = expect;
