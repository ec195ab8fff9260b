/**
 * `console.log`'s formatting in the worker, close to Node's `util.format` / `util.inspect` for
 * what cells print: strings as they are, numbers, arrays, typed arrays, plain objects, Maps,
 * Sets and errors, `%s %d %i %f %o %O %j` in a first string argument, and an object's
 * `[Symbol.for("nodejs.util.inspect.custom")]` when it has one.
 */

const CUSTOM = Symbol.for("nodejs.util.inspect.custom");

function quote(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
}

function key(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k);
}

function list(items: string[], open: string, close: string): string {
  if (items.length === 0) return `${open}${close}`;
  const flat = `${open} ${items.join(", ")} ${close}`;
  if (flat.length <= 72 && !flat.includes("\n")) return flat;
  return `${open}\n${items.map((i) => "  " + i.replace(/\n/g, "\n  ")).join(",\n")}\n${close}`;
}

/** One value as Node's inspect would show it (approximately), `depth` levels deep. */
export function inspect(v: unknown, depth = 2, seen: object[] = []): string {
  if (typeof v === "string") return seen.length ? quote(v) : v;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "symbol" || typeof v === "boolean" || v === undefined) return String(v);
  if (v === null) return "null";
  if (typeof v === "function") return `[Function: ${v.name || "(anonymous)"}]`;
  const o = v as Record<string | symbol, unknown>;
  if (typeof o[CUSTOM] === "function") return String((o[CUSTOM] as () => unknown)());
  if (seen.includes(o)) return "[Circular]";
  if (v instanceof Error) return v.stack ?? `${v.name}: ${v.message}`;
  if (v instanceof Date) return v.toISOString();
  const inner = [...seen, o];
  const at = (x: unknown) => inspect(x, depth - 1, inner);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const arr = v as unknown as ArrayLike<number>;
    const shown = Array.from({ length: Math.min(arr.length, 100) }, (_, i) => at(arr[i]));
    if (arr.length > 100) shown.push(`... ${arr.length - 100} more items`);
    return `${v.constructor.name}(${arr.length}) ${list(shown, "[", "]")}`;
  }
  if (depth < 0) return Array.isArray(v) ? "[Array]" : "[Object]";
  if (Array.isArray(v)) {
    const shown = v.slice(0, 100).map(at);
    if (v.length > 100) shown.push(`... ${v.length - 100} more items`);
    return list(shown, "[", "]");
  }
  if (v instanceof Map) {
    const items = [...v].map(([k, x]) => `${at(k)} => ${at(x)}`);
    return `Map(${v.size}) ${list(items, "{", "}")}`;
  }
  if (v instanceof Set) return `Set(${v.size}) ${list([...v].map(at), "{", "}")}`;
  const items = Object.keys(o).map((k) => `${key(k)}: ${at(o[k])}`);
  const name = Object.getPrototypeOf(o)?.constructor?.name;
  const prefix = name && name !== "Object" ? `${name} ` : "";
  return prefix + list(items, "{", "}");
}

/** The text `console.log(...args)` prints (without the newline). */
export function format(args: unknown[]): string {
  if (typeof args[0] === "string" && args.length > 1 && /%[sdifoOjc%]/.test(args[0])) {
    let rest = args.slice(1);
    const head = args[0].replace(/%([sdifoOjc%])/g, (all, c: string) => {
      if (c === "%") return "%";
      if (rest.length === 0) return all;
      const [x] = rest;
      rest = rest.slice(1);
      if (c === "s") return typeof x === "string" ? x : inspect(x, 1);
      if (c === "d" || c === "i") return String(c === "i" ? Math.trunc(Number(x)) : Number(x));
      if (c === "f") return String(Number(x));
      if (c === "j") return JSON.stringify(x);
      if (c === "c") return "";
      return inspect(x, 4);
    });
    return [head, ...rest.map((x) => inspect(x))].join(" ");
  }
  return args.map((x) => inspect(x)).join(" ");
}
