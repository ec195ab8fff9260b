/**
 * The command-line walk the course's scripts share: `handle(arg, value)` sees each argument in
 * turn; calling `value()` consumes the next one as the option's value, and fails with
 * "`--out` needs a value" when there is none.
 */
export function walkArgs(argv: string[], handle: (arg: string, value: () => string) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    handle(arg, () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    });
  }
}
