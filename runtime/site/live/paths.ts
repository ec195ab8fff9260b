/** Import paths in the live course, relative to the course root as in the kernel. */

/** `spec` imported from the folder `from` (both relative to the course root), normalised. */
export function resolveSpec(spec: string, from: string): string {
  if (!spec.startsWith(".")) return spec; // a package, e.g. mathjs
  const out = from ? from.split("/") : [];
  for (const part of spec.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out
    .join("/")
    .replace(/\.(ts|js)$/, "")
    .replace(/\/index$/, "");
}
