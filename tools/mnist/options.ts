/**
 * The command line of `npm run train:mnist`, checked in full before any work starts: an unknown
 * option or a bad value is a `UsageError` whose one-line message names the option, the value and
 * what is allowed, e.g. `--batch: expected an integer from 1 to 60000, got 1e7`.
 */
import { parseArgs } from "node:util";
import { ACTIVATIONS, type Activation, type KernelPath } from "../../lib/nn";
import { usageText, type OptionSpec } from "../../lib/util/cli-args";

export const OPTIMIZERS = ["sgd", "momentum", "adam", "adamw", "rmsprop", "adagrad"] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
export const SCHEDULES = ["constant", "cosine", "step"] as const;
export const KERNEL_PATHS: readonly KernelPath[] = ["wasm", "ts", "reference"];
/** Training images in MNIST: no batch can be larger. */
export const MAX_BATCH = 60000;

/** The options of `npm run train:mnist`, declared once: the parser and USAGE come from here. */
export const TRAIN_OPTIONS = {
  epochs: { type: "string", value: "N", help: "epochs, an integer >= 1 [5]" },
  optimizer: { type: "string", value: "NAME", help: `${OPTIMIZERS.join(" | ")} [adam]` },
  lr: {
    type: "string",
    value: "X",
    help: "learning rate > 0 [1e-3 for adam, adamw, rmsprop; 0.1 otherwise]",
  },
  momentum: {
    type: "string",
    value: "X",
    help: "momentum in [0, 1), with --optimizer momentum only [0.9]",
  },
  batch: { type: "string", value: "N", help: `batch size, 1..${MAX_BATCH} [64]` },
  hidden: { type: "string", value: "N[,N...]", help: "hidden layer widths, each 1..4096 [128]" },
  activation: { type: "string", value: "NAME", help: `${ACTIVATIONS.join(" | ")} [relu]` },
  schedule: { type: "string", value: "NAME", help: `${SCHEDULES.join(" | ")} [constant]` },
  clip: { type: "string", value: "X", help: "clip the gradient's norm at X > 0 [off]" },
  seed: { type: "string", value: "N", help: "an integer >= 0 [0]" },
  path: {
    type: "string",
    value: "NAME",
    help: `kernels: ${KERNEL_PATHS.join(" | ")} [the fastest available]`,
  },
  "drop-last": { type: "boolean", help: "skip each epoch's last partial batch" },
  json: { type: "boolean", help: "print the history as JSON at the end" },
  help: { type: "boolean", help: "this text" },
} as const satisfies Record<string, OptionSpec>;

export const USAGE = usageText("npm run train:mnist -- [options]", TRAIN_OPTIONS);

/** A bad command line: `message` is the one line to print. */
export class UsageError extends Error {
  constructor(option: string, value: string | undefined, allowed: string) {
    const got = value === undefined ? "no value" : value === "" ? '""' : value;
    super(`${option}: expected ${allowed}, got ${got}`);
    this.name = "UsageError";
  }
}

export interface TrainCli {
  epochs: number;
  optimizer: OptimizerName;
  lr: number;
  momentum: number;
  batchSize: number;
  hidden: number[];
  activation: Activation;
  schedule: (typeof SCHEDULES)[number];
  clip: number | undefined;
  seed: number;
  path: KernelPath | undefined;
  dropLast: boolean;
  json: boolean;
  help: boolean;
}

type Name = keyof typeof TRAIN_OPTIONS;
const NAMES = Object.keys(TRAIN_OPTIONS) as Name[];
const isFlag = (name: string) => TRAIN_OPTIONS[name as Name]?.type === "boolean";

/**
 * A decimal number written in full ("0.1", "1e-3", "64"): Number() alone would read "" and " "
 * as 0, and "0x80" or "0b11" as 128 and 3, which no one means on this command line.
 */
function numeric(text: string): number {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : NaN;
}

function integer(option: string, text: string, min: number, max = Infinity): number {
  const x = numeric(text);
  if (!Number.isInteger(x) || x < min || x > max) {
    const range = max === Infinity ? `>= ${min}` : `from ${min} to ${max}`;
    throw new UsageError(option, text, `an integer ${range}`);
  }
  return x;
}

function oneOf<T extends string>(option: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UsageError(option, text, `one of ${allowed.join(", ")}`);
  }
  return text as T;
}

/** node:util's parseArgs errors, in the one-line form of the others. */
function usageFromParseArgs(e: Error & { code?: string }): UsageError {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? "";
  const name = quoted.split(/[ =]/)[0];
  const all = NAMES.map((o) => `--${o}`).join(", ");
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return new UsageError(name, "an unknown option", `one of ${all}`);
  }
  if (e.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return new UsageError(quoted, "a value without an option", `options of the form --name value`);
  }
  if (isFlag(name.replace(/^--/, ""))) {
    return new UsageError(name, "a value", "no value (it is a flag)");
  }
  return new UsageError(
    name,
    undefined,
    `a value after it (${name}=VALUE for one that starts with -)`,
  );
}

/** Parse and check `argv` (the arguments after the script's name). Throws `UsageError`. */
export function parseTrainArgs(argv: readonly string[]): TrainCli {
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: TRAIN_OPTIONS,
      strict: true,
      allowPositionals: false,
    });
    values = parsed.values as Record<string, string | boolean | undefined>;
  } catch (e) {
    throw usageFromParseArgs(e as Error & { code?: string });
  }
  const str = (name: Name) => values[name] as string | undefined;
  const optimizer = oneOf("--optimizer", str("optimizer") ?? "adam", OPTIMIZERS);
  const adaptive = optimizer === "adam" || optimizer === "adamw" || optimizer === "rmsprop";
  const positive = (name: "lr" | "clip", text: string): number => {
    const x = numeric(text);
    if (!(Number.isFinite(x) && x > 0)) throw new UsageError(`--${name}`, text, "a number > 0");
    return x;
  };
  const momentumText = str("momentum");
  if (momentumText !== undefined && optimizer !== "momentum") {
    throw new UsageError("--momentum", momentumText, "it only with --optimizer momentum");
  }
  const momentum = numeric(momentumText ?? "0.9");
  if (!(momentum >= 0 && momentum < 1)) {
    throw new UsageError("--momentum", momentumText, "a number in [0, 1)");
  }
  const hiddenText = str("hidden") ?? "128";
  const hidden = hiddenText.split(",").map((w) => {
    const x = numeric(w);
    if (!Number.isInteger(x) || x < 1 || x > 4096) {
      throw new UsageError("--hidden", hiddenText, "widths separated by commas, each 1..4096");
    }
    return x;
  });
  const clipText = str("clip");
  const pathText = str("path");
  return {
    epochs: integer("--epochs", str("epochs") ?? "5", 1),
    optimizer,
    lr: positive("lr", str("lr") ?? (adaptive ? "1e-3" : "0.1")),
    momentum,
    batchSize: integer("--batch", str("batch") ?? "64", 1, MAX_BATCH),
    hidden,
    activation: oneOf("--activation", str("activation") ?? "relu", ACTIVATIONS),
    schedule: oneOf("--schedule", str("schedule") ?? "constant", SCHEDULES),
    clip: clipText === undefined ? undefined : positive("clip", clipText),
    seed: integer("--seed", str("seed") ?? "0", 0, 2 ** 32 - 1),
    path: pathText === undefined ? undefined : oneOf("--path", pathText, KERNEL_PATHS),
    dropLast: values["drop-last"] === true,
    json: values.json === true,
    help: values.help === true,
  };
}
