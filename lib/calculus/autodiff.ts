/**
 * Helpers on top of the `Value` engine: sums and the gradient of a function of a vector.
 */
import { checkFinite, checkFunction, OptkitError } from "../util/check";
import { Value } from "./value";

/** sum_i v_i as one chain of additions (0 for an empty list). */
export function sumValues(values: readonly (Value | number)[]): Value {
  return values.reduce<Value>((s, v) => s.add(v), new Value(0));
}

/**
 * f(x) and grad f(x) by reverse mode: wrap x_i as leaves `x[i]`, build f, call backward(),
 * read the leaves' adjoints d f / d x_i.
 */
export function valueAndGrad(
  f: (x: Value[]) => Value,
  x: ArrayLike<number>,
): { value: number; grad: Float64Array } {
  checkFunction("f", f);
  checkFinite("x", x);
  const leaves = Array.from(x, (xi, i) => new Value(xi, `x[${i}]`));
  const out = f(leaves);
  if (!(out instanceof Value)) throw new OptkitError("f", "expected f to return a Value");
  out.backward();
  return { value: out.data, grad: Float64Array.from(leaves, (v) => v.grad) };
}
