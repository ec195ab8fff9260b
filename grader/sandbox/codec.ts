/**
 * A lossless JSON encoding of plain data: numbers (also NaN, the infinities and -0), typed arrays
 * (as base64 of their bytes, bit-exact), arrays, plain objects, strings, booleans, null and
 * undefined. It records the reference outputs of the solutions, and it is the only language
 * spoken between the grader and the process that runs a submission (grader/runner/sandbox):
 * there, a function handed to an exercise travels as a numbered handle (`{ $fn: 3 }`), and the
 * function itself stays with the grader. Other objects cannot be encoded; decoding accepts any
 * JSON and never calls anything the data names.
 */

type Encoded = null | boolean | number | string | Encoded[] | { [k: string]: Encoded };

const TYPED = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Uint8Array,
  Int8Array,
  Int16Array,
  Uint16Array,
} as const;
type TypedName = keyof typeof TYPED;

/** How functions travel: `handle` numbers a function when encoding; `callback` rebuilds one. */
export interface FunctionCodec {
  handle?: (f: (...args: unknown[]) => unknown) => number;
  callback?: (id: number) => (...args: unknown[]) => unknown;
}

export function encode(value: unknown, where = "value", fns: FunctionCodec = {}): Encoded {
  if (typeof value === "function" && fns.handle) {
    return { $fn: fns.handle(value as (...args: unknown[]) => unknown) };
  }
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") {
    if (Number.isFinite(value) && !Object.is(value, -0)) return value;
    return { $number: Object.is(value, -0) ? "-0" : String(value) };
  }
  if (ArrayBuffer.isView(value)) {
    const type = value.constructor.name;
    if (!(type in TYPED)) throw new Error(`${where}: cannot record a ${type}`);
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return { $typed: type, base64: bytes.toString("base64") };
  }
  if (Array.isArray(value)) return value.map((v, i) => encode(v, `${where}[${i}]`, fns));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, Encoded> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encode(v, `${where}.${k}`, fns);
    // keys starting with $ are ours; a value that uses one is wrapped so it decodes unchanged
    return Object.keys(out).some((k) => k.startsWith("$")) ? { $object: out } : out;
  }
  throw new Error(`${where}: cannot record a ${typeof value}`);
}

export function decode(data: unknown, fns: FunctionCodec = {}): unknown {
  if (data === null || typeof data !== "object") return data;
  if (Array.isArray(data)) return data.map((v) => decode(v, fns));
  const o = data as Record<string, unknown>;
  if (o.$undefined === true) return undefined;
  if (typeof o.$number === "string") return o.$number === "-0" ? -0 : Number(o.$number);
  if (typeof o.$fn === "number" && fns.callback) return fns.callback(o.$fn);
  if (typeof o.$typed === "string" && typeof o.base64 === "string") {
    if (!Object.hasOwn(TYPED, o.$typed))
      throw new Error(`cannot decode a ${o.$typed.slice(0, 40)}`);
    const bytes = Buffer.from(o.base64, "base64");
    const Ctor = TYPED[o.$typed as TypedName];
    const copy = new Uint8Array(bytes); // aligned, owned buffer
    return new Ctor(copy.buffer, 0, copy.byteLength / Ctor.BYTES_PER_ELEMENT);
  }
  // a wrapped object's own keys are data, even when they look like ours
  const fields = o.$object !== null && typeof o.$object === "object" ? o.$object : o;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, decode(v, fns)]));
}

/** A cheap fingerprint of the numbers in a call's arguments: their count and their sum. */
export function fingerprint(value: unknown): [number, number] {
  let count = 0;
  let sum = 0;
  const walk = (v: unknown): void => {
    if (typeof v === "number") {
      if (Number.isFinite(v)) sum += v;
      count++;
    } else if (ArrayBuffer.isView(v)) {
      const a = v as unknown as ArrayLike<number>;
      for (let i = 0; i < a.length; i++) walk(Number(a[i]));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  return [count, sum];
}
