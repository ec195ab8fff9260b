/**
 * A scalar reverse-mode autodiff engine in the spirit of micrograd.
 *
 * Every operation creates a new `Value` holding its result (`data`) and, for each input,
 * the local derivative d out / d input, written right next to the forward rule.
 * `backward()` visits the graph in reverse topological order and applies the chain rule:
 * input.grad += (d out / d input) * out.grad.
 */
import { OptkitError } from "../util/check";

/** One input of an operation with its local derivative d out / d input. */
interface Edge {
  readonly input: Value;
  readonly local: number;
}

/** One row of `Value.nodes()`: a node of the graph with its value and adjoint. */
export interface GraphNode {
  readonly id: number;
  readonly label: string;
  readonly op: string;
  readonly data: number;
  readonly grad: number;
  readonly inputs: number[];
}

let nextId = 0;
const lift = (v: Value | number): Value => (v instanceof Value ? v : new Value(v));

/** A scalar in a computation graph: `data` forward, `grad` = d(output)/d(this) after backward. */
export class Value {
  /** The adjoint d out / d this, filled in by `out.backward()`. */
  grad = 0;
  readonly id = nextId++;

  constructor(
    readonly data: number,
    public label = "",
    readonly op = "",
    private readonly edges: readonly Edge[] = [],
  ) {
    if (!Number.isFinite(data)) {
      throw new OptkitError(op || "data", `expected a finite value, got ${data}`);
    }
  }

  /** A node computed by `op` from `edges` (inputs with local derivatives). */
  private static node(op: string, data: number, ...edges: [Value, number][]): Value {
    const out = new Value(
      data,
      "",
      op,
      edges.map(([input, local]) => ({ input, local })),
    );
    for (const { input, local } of out.edges) {
      if (!Number.isFinite(local)) {
        throw new OptkitError(op, `derivative is ${local} at input ${input.data}`);
      }
    }
    return out;
  }

  /** a + b; d/da = 1, d/db = 1. */
  add(other: Value | number): Value {
    const b = lift(other);
    return Value.node("+", this.data + b.data, [this, 1], [b, 1]);
  }

  /** a * b; d/da = b, d/db = a. */
  mul(other: Value | number): Value {
    const b = lift(other);
    return Value.node("*", this.data * b.data, [this, b.data], [b, this.data]);
  }

  /** a^n for a constant exponent n; d/da = n a^(n-1). */
  pow(n: number): Value {
    return Value.node(`^${n}`, this.data ** n, [this, n * this.data ** (n - 1)]);
  }

  /** -a = a * (-1). */
  neg(): Value {
    return this.mul(-1);
  }

  /** a - b = a + (-b). */
  sub(other: Value | number): Value {
    return this.add(lift(other).neg());
  }

  /** a / b; d/da = 1/b, d/db = -a/b^2. */
  div(other: Value | number): Value {
    const b = lift(other);
    const q = this.data / b.data;
    return Value.node("/", q, [this, 1 / b.data], [b, -q / b.data]);
  }

  /** e^a; d/da = e^a. */
  exp(): Value {
    const e = Math.exp(this.data);
    return Value.node("exp", e, [this, e]);
  }

  /** ln a (a > 0); d/da = 1/a. */
  log(): Value {
    if (!(this.data > 0))
      throw new OptkitError("log", `expected a positive input, got ${this.data}`);
    return Value.node("log", Math.log(this.data), [this, 1 / this.data]);
  }

  /** tanh a; d/da = 1 - tanh(a)^2. */
  tanh(): Value {
    const t = Math.tanh(this.data);
    return Value.node("tanh", t, [this, 1 - t * t]);
  }

  /** sigma(a) = 1 / (1 + e^-a), computed without overflow; d/da = sigma (1 - sigma). */
  sigmoid(): Value {
    const a = this.data;
    const s = a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    return Value.node("sigmoid", s, [this, s * (1 - s)]);
  }

  /** relu(a) = max(0, a); d/da = 1 if a > 0 else 0 (the subgradient 0 at a = 0). */
  relu(): Value {
    return Value.node("relu", Math.max(0, this.data), [this, this.data > 0 ? 1 : 0]);
  }

  /**
   * All nodes this value depends on, each after its inputs (a topological order, itself last).
   * Depth-first search with an explicit stack, so long chains cannot overflow the call stack.
   */
  topo(): Value[] {
    const order: Value[] = [];
    const seen = new Set<Value>([this]);
    const stack = [{ v: this as Value, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.v.edges.length) {
        const input = top.v.edges[top.next++].input;
        if (!seen.has(input)) {
          seen.add(input);
          stack.push({ v: input, next: 0 });
        }
      } else {
        order.push(top.v);
        stack.pop();
      }
    }
    return order;
  }

  /**
   * Reverse mode: zero every grad, set d out / d out = 1, then for each node in reverse
   * topological order push its adjoint to its inputs: input.grad += local * node.grad.
   */
  backward(): void {
    const order = this.topo();
    for (const v of order) v.grad = 0;
    this.grad = 1;
    for (const v of order.reverse()) {
      for (const e of v.edges) e.input.grad += e.local * v.grad;
    }
  }

  /** The graph as a table, inputs before outputs: id, label, op, data, grad, input ids. */
  nodes(): GraphNode[] {
    return this.topo().map((v) => ({
      id: v.id,
      label: v.label,
      op: v.op,
      data: v.data,
      grad: v.grad,
      inputs: v.edges.map((e) => e.input.id),
    }));
  }
}
