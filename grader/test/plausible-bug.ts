/** One plausible wrong answer, and the shorthand the lists of them are written in. */
export interface PlausibleBug {
  /** the notebook module, e.g. "02-gradient-descent" */
  notebook: string;
  /** the exercise whose points the bug should cost */
  exercise: string;
  /** what the student did, in a few words */
  name: string;
  /** [text of the solution, text the student wrote instead] */
  swaps: [string, string][];
}

export const bug = (
  notebook: string,
  exercise: string,
  name: string,
  ...swaps: [string, string][]
) => ({
  notebook,
  exercise,
  name,
  swaps,
});

export const N1 = "01-derivatives";
export const N2 = "02-gradient-descent";
export const N3 = "03-newton";
export const N4 = "04-momentum-adam";
export const N5 = "05-sgd-mnist";
