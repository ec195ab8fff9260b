/**
 * mathjs, loaded on first use. It is the heaviest dependency of the library (about a second to
 * load), and only symbolic derivatives and spectra need it, so `import ... from "./lib"` does not
 * pay for it: the first call of `symbolic(...)` or `eigenvaluesSymmetric(...)` does.
 */
import type * as MathJs from "mathjs";
import { createRequire } from "module";

let loaded: typeof MathJs | null = null;

/** The mathjs module, required the first time this is called. */
export function mathjs(): typeof MathJs {
  return (loaded ??= createRequire(__filename)("mathjs") as typeof MathJs);
}
