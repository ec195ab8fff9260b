/**
 * Comparing the numbers a live page prints with those recorded when the site was built: one
 * unit of the last printed digit allowed, durations left out, and the cells whose numbers
 * depend on the engine's last bits named.
 */
/**
 * Cells whose numbers depend on the last bit of Math.exp, pow, sin, cos and log, which differ
 * between Node's V8 and Chromium's for a few percent of arguments (measured by the check's
 * author), amplified beyond the printed digits, or are ratios of timings; named by a phrase of
 * their code.
 */
export const ENGINE_SENSITIVE: Record<string, { phrase: string; why: string }[]> = {
  "01-derivatives": [{ phrase: "smallest error", why: "the minimum of a rounding-error curve" }],
  "03-newton": [
    { phrase: "after 1 Newton step", why: "a relative error at the level of rounding, 1e-15" },
    { phrase: "log-log slope from d = 200 to d = 800", why: "slopes of timings: they vary by run" },
  ],
  "04-momentum-adam": [
    { phrase: "AdamW, lr 0.03", why: "20,000 AdamW steps on Rosenbrock and banana" },
    {
      phrase: "f after 2000 steps, with the bias correction",
      why: "Adam hopping around the minimum with a tiny ε: f at step 2000 is a snapshot of chaos",
    },
  ],
  "05-sgd-mnist": [
    { phrase: "times a B = 32 step", why: "a ratio of two timings: it varies from run to run" },
    { phrase: "GD had done", why: "GD's steps within SGD's time: timings again" },
  ],
};

/** The numbers of a text as printed, without durations ("1.2 s", "35 ms"). */
export function numbersOf(text: string): string[] {
  const timeless = text.replace(/-?\d+(\.\d+)?\s*(ms|s|µs|seconds?)\b/g, "");
  return timeless.match(/-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/gi) ?? [];
}

/** One unit in the last printed digit of `s`, e.g. 0.001 for "7.739", 1e-11 for "4.67e-12". */
function lastDigit(s: string): number {
  const [mantissa, exp = "0"] = s.toLowerCase().split("e");
  const decimals = mantissa.includes(".") ? mantissa.split(".")[1].length : 0;
  return 10 ** (Number(exp) - decimals);
}

/** Differences between recorded and live numbers, cell by cell (one unit of the last digit allowed). */
export function compareNumbers(recorded: string[], live: string[], skip: number[]): string[] {
  const out: string[] = [];
  recorded.forEach((text, i) => {
    if (skip.includes(i)) return;
    const [a, b] = [numbersOf(text), numbersOf(live[i] ?? "")];
    if (a.length !== b.length) {
      out.push(`cell ${i + 1}: ${a.length} numbers recorded, ${b.length} printed live`);
      return;
    }
    const k = a.findIndex(
      (x, j) =>
        Math.abs(Number(x) - Number(b[j])) > 1.0001 * Math.max(lastDigit(x), lastDigit(b[j])),
    );
    if (k >= 0) out.push(`cell ${i + 1}: number ${k + 1} was ${a[k]}, live ${b[k]}`);
  });
  return out;
}
