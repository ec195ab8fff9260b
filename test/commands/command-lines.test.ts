// Command lines check every option before any work starts: a bad value prints one line naming
// the option, the value and what is allowed, and the command exits 2 (nothing loaded, no header).
import { spawnSync } from "child_process";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { usageText } from "../../lib/util/cli-args";
import { ROOT } from "../../runtime/kernel/spec";
import { parseTrainArgs, UsageError } from "../../tools/mnist/options";

/** Run a script as `npm run` does (ts-node, type checks skipped for speed). */
function run(script: string, args: string[]) {
  const r = spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", join(ROOT, script), ...args],
    { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function usage(argv: string[]): string {
  try {
    parseTrainArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${argv.join(" ")}`);
}

describe("train:mnist's options", () => {
  it("refuses bad values in one line: option, value, what is allowed", () => {
    expect(usage(["--batch", "1e7"])).toBe("--batch: expected an integer from 1 to 60000, got 1e7");
    expect(usage(["--clip", "abc"])).toBe("--clip: expected a number > 0, got abc");
    expect(usage(["--epochs", "0"])).toBe("--epochs: expected an integer >= 1, got 0");
    expect(usage(["--epochs", "0", "--clip", "abc"])).toBe(
      "--epochs: expected an integer >= 1, got 0",
    );
    expect(usage(["--epochs", "3", "--clip", "abc"])).toBe(
      "--clip: expected a number > 0, got abc",
    );
    expect(usage(["--lr", ""])).toBe('--lr: expected a number > 0, got ""');
    expect(usage(["--optimizer", "adamax"])).toBe(
      "--optimizer: expected one of sgd, momentum, adam, adamw, rmsprop, adagrad, got adamax",
    );
    expect(usage(["--hidden", "128,0"])).toBe(
      "--hidden: expected widths separated by commas, each 1..4096, got 128,0",
    );
    expect(usage(["--momentum", "0.5"])).toBe(
      "--momentum: expected it only with --optimizer momentum, got 0.5",
    );
    // Number() reads these as 128 and 3: refused, not taken for a number the user did not write
    expect(usage(["--hidden", "0x80"])).toBe(
      "--hidden: expected widths separated by commas, each 1..4096, got 0x80",
    );
    expect(usage(["--epochs", "0b11"])).toBe("--epochs: expected an integer >= 1, got 0b11");
    expect(parseTrainArgs(["--lr", "2e-3", "--batch", "128"])).toMatchObject({
      lr: 2e-3,
      batchSize: 128,
    });
  });

  it("refuses unknown options, missing values and stray words", () => {
    expect(usage(["--epoch", "8"])).toMatch(
      /^--epoch: expected one of --epochs, --optimizer, .*, --help, got an unknown option$/,
    );
    expect(usage(["--lr"])).toMatch(/^--lr: expected a value after it .*, got no value$/);
    expect(usage(["8"])).toBe(
      "8: expected options of the form --name value, got a value without an option",
    );
  });

  it("reads a good command line, with the documented defaults", () => {
    const cli = parseTrainArgs(["--epochs", "8", "--optimizer", "sgd", "--clip", "1.5"]);
    expect(cli).toMatchObject({ epochs: 8, optimizer: "sgd", lr: 0.1, clip: 1.5, batchSize: 64 });
    expect(parseTrainArgs([])).toMatchObject({ epochs: 5, optimizer: "adam", lr: 1e-3 });
  });

  it("exits 2 before loading anything", () => {
    const r = run("tools/mnist/train.ts", ["--batch", "1e7"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("--batch: expected an integer from 1 to 60000, got 1e7\n");
    expect(r.stdout).toBe(""); // no header: MNIST was not loaded, the net was not built
  });
});

describe("train:mnist reports a run that blows up", () => {
  it("SGD with lr 1e3: one line naming the step and learning rate, and exit 1 (it was exit 0)", () => {
    const r = run("tools/mnist/train.ts", ["--optimizer", "sgd", "--lr", "1e3", "--epochs", "1"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^training diverged: the mini-batch loss rose to \S+, far above its start \S+ after step 0 with learning rate 1000 \(epoch 1\); try a smaller learning rate or gradient clipping\n$/,
    );
    expect(r.stdout).not.toMatch(/train loss/); // no epoch line reported as if it had trained
  });
});

describe("npm start's --port", () => {
  it("refuses a port that is not a number instead of picking another one", () => {
    const r = run("runtime/start.ts", ["--port", "abc"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("--port: expected an integer from 1 to 65535, got abc\n");
    expect(r.stdout).toBe("");
    const none = run("runtime/start.ts", ["--static", "--port"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe("--port: expected an integer from 1 to 65535, got no value\n");
  });
});

describe("npm run grade's --target", () => {
  it("refuses a folder that does not exist, with --watch too, before grading anything", () => {
    for (const args of [
      ["--target", "solution"],
      ["--watch", "--target", "solution"],
    ]) {
      const r = run("grader/runner/grade.ts", args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^grade: --target solution: no such folder in the course/);
      expect(r.stdout).toBe("");
    }
  });
});

describe("npm run grade:mutation", () => {
  it("refuses a misspelt option instead of ignoring it (--ful is not --full)", () => {
    const r = run("instructor/mutation/mutation.ts", ["--ful"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^grade:mutation: Unknown option '--ful'\n\nusage: npm run grade:mutation/,
    );
    expect(r.stderr).toContain("--full     ignore the incremental results");
  });
});

describe("usageText", () => {
  it("lists every declared option once, with its value and help, aligned", () => {
    const text = usageText("npm run x -- <folder> [options]", {
      out: { type: "string", value: "<folder>", help: "where (build/x)" },
      force: { type: "boolean", help: "again\nand again" },
    });
    expect(text).toBe(
      "usage: npm run x -- <folder> [options]\n" +
        "  --out <folder>  where (build/x)\n" +
        "  --force         again\n" +
        "                  and again",
    );
  });
});
