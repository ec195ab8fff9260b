import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { Session } from "../../runtime/notebooks/inprocess";
import { text } from "../../runtime/notebooks/nbformat";
import { ROOT } from "../../runtime/kernel/spec";

const dir = join(ROOT, "build", "session-test");
const stdout = (outs: Awaited<ReturnType<Session["run"]>>["outputs"]) =>
  outs.map((o) => (o.output_type === "stream" ? text(o.text) : "")).join("");

describe("the course kernel's code path (in process)", () => {
  const session = new Session(ROOT);
  afterAll(() => {
    session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports the library as a folder, ./lib", async () => {
    const r = await session.run(`import { checkNumber } from "./lib";\nconsole.log(checkNumber("x", 2));`);
    expect(r.ok).toBe(true);
    expect(stdout(r.outputs)).toBe("2\n");
  });

  it("picks up an edited file on the next import cell, without a rebuild", async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "answer.ts");
    writeFileSync(file, "export const answer = 1;\n");
    const first = await session.run(`import { answer } from "./build/session-test/answer";\nconsole.log(answer);`);
    expect(stdout(first.outputs)).toBe("1\n");
    writeFileSync(file, "export const answer = 2;\n");
    await new Promise((r) => setTimeout(r, 1500)); // tslab polls files for changes
    const second = await session.run(`import { answer } from "./build/session-test/answer";\nconsole.log(answer);`);
    expect(stdout(second.outputs)).toBe("2\n");
  });

  it("reports a type error as error output, not silence", async () => {
    const r = await session.run(`const n: number = "three";`);
    expect(r.ok).toBe(false);
    const err = r.outputs.map((o) => (o.output_type === "stream" && o.name === "stderr" ? text(o.text) : "")).join("");
    expect(err).toMatch(/not assignable/);
  });
});
