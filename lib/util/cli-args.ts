/**
 * Command lines of the course's scripts: `node:util`'s parseArgs in strict mode, so a typo is
 * an error, never silently ignored. `runCommand` turns a `UsageError` (unknown option, missing
 * or bad value) into one line naming it, the usage text, and exit code 2; any other failure
 * into one line and exit code 1.
 */
import { parseArgs } from "node:util";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** One option of a command, declared once: how it parses and how the usage text shows it. */
export interface OptionSpec {
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
  /** the value's placeholder in the usage text, e.g. "<csv>" (string options) */
  value?: string;
  /** what the option does, with its default in parentheses */
  help?: string;
}

type Options = Record<string, OptionSpec>;

/**
 * The usage text of a command, generated from its options: `synopsis` first, then one line per
 * option (`--name <value>  help`), so the text cannot drift from what the parser accepts.
 */
export function usageText(synopsis: string, options: Options): string {
  const heads = Object.entries(options).map(
    ([name, o]) =>
      `--${name}${o.short ? `, -${o.short}` : ""}${o.type === "string" ? ` ${o.value ?? "<value>"}` : ""}`,
  );
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  const lines = Object.values(options).map((o, i) => {
    const help = (o.help ?? "").split("\n");
    const rest = help.slice(1).map((h) => `\n  ${" ".repeat(width)}${h}`);
    return `  ${heads[i].padEnd(width)}${help[0]}${rest.join("")}`.trimEnd();
  });
  return `usage: ${synopsis}\n${lines.join("\n")}`;
}

/** Parse `argv` strictly against `options` (their help texts are ignored); positionals are allowed. */
export function parseCommandLine<const O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    // parseArgs's own message names the option; its advice about "--" is noise here
    throw new UsageError((e instanceof Error ? e.message : String(e)).split(". To specify")[0]);
  }
}

/** A numeric option: undefined when absent, else a finite number accepted by `ok`. */
export function numberOption(
  name: string,
  raw: string | undefined,
  ok: (x: number) => boolean,
  expected: string,
): number | undefined {
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(x) || !ok(x)) {
    throw new UsageError(`--${name} ${raw}: expected ${expected}`);
  }
  return x;
}

/** Run a script's `main` with the course's exit codes (2: usage, 1: failure). */
export function runCommand(name: string, usage: string, main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      console.error(`${name}: ${message}`);
      if (e instanceof UsageError) {
        console.error(`\n${usage.trim()}`);
        process.exit(2);
      }
      process.exit(1);
    });
}
