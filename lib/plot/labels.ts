/**
 * Readable plot labels. Plot titles, axis titles and legend entries are plain text, so the
 * course writes math in them with Unicode (η, κ, ‖·‖, x², pₙ) rather than TeX or ASCII
 * spellings; these turn numbers and indices into sub- and superscripts, e.g.
 * `x${subscript(k)}` for x₀, x₁, ... and `10${superscript(-8)}` for 10⁻⁸.
 */
import { OptkitError } from "../util/check";

const SUB: Record<string, string> = {
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
  "+": "₊",
  "-": "₋",
  "−": "₋",
  "=": "₌",
  "(": "₍",
  ")": "₎",
  a: "ₐ",
  e: "ₑ",
  h: "ₕ",
  i: "ᵢ",
  j: "ⱼ",
  k: "ₖ",
  l: "ₗ",
  m: "ₘ",
  n: "ₙ",
  o: "ₒ",
  p: "ₚ",
  r: "ᵣ",
  s: "ₛ",
  t: "ₜ",
  u: "ᵤ",
  v: "ᵥ",
  x: "ₓ",
};
const SUP: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
  "−": "⁻",
  "=": "⁼",
  "(": "⁽",
  ")": "⁾",
  i: "ⁱ",
  n: "ⁿ",
  t: "ᵗ",
  x: "ˣ",
  p: "ᵖ",
};

function convert(what: string, value: number | string, table: Record<string, string>): string {
  const s = String(value);
  return Array.from(s, (ch) => {
    const out = table[ch];
    if (out === undefined) {
      throw new OptkitError("value", `no Unicode ${what} for "${ch}" in "${s}"`);
    }
    return out;
  }).join("");
}

/** `value` in Unicode subscripts: digits, + − = ( ) and the letters that have one. */
export function subscript(value: number | string): string {
  return convert("subscript", value, SUB);
}

/** `value` in Unicode superscripts: digits, + − = ( ) and i, n, t, x, p. */
export function superscript(value: number | string): string {
  return convert("superscript", value, SUP);
}
