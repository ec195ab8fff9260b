/**
 * Symbolic derivatives with mathjs: from an expression string such as "x^2 * sin(y)" to
 * compiled value, gradient and Hessian functions, plus the simplified derivative expressions
 * as strings and LaTeX for display. Derivatives are exact, but evaluation goes through mathjs:
 * use it to check and to show, not in hot loops.
 */
import type { EvalFunction, FunctionNode, MathNode, SymbolNode } from "mathjs";
import { checkFinite, checkLength, describe, OptkitError, type Vec } from "../util/check";
import { matrix, type Matrix } from "../numbers/matrix";
import { mathjs } from "../util/mathjs";

/** Simplified derivative expressions, as mathjs strings and as LaTeX. */
export interface SymbolicDerivatives {
  readonly gradient: string[];
  readonly hessian: string[][];
  readonly gradientLatex: string[];
  readonly hessianLatex: string[][];
}

function parse(expr: string): MathNode {
  try {
    return mathjs().parse(expr);
  } catch (e) {
    throw new OptkitError("expr", `cannot parse "${expr}": ${(e as Error).message}`);
  }
}

/**
 * Throws unless every free symbol of `node` is a variable or a mathjs constant (pi, e, ...) and
 * every function it calls is one of mathjs's (sin, exp, ...): an unknown one would otherwise
 * pass differentiation (its derivative can vanish) and fail only on evaluation.
 */
function checkSymbols(expr: string, node: MathNode, vars: readonly string[]): void {
  const math = mathjs() as unknown as Record<string, unknown>;
  for (const call of node.filter((n) => n.type === "FunctionNode") as FunctionNode[]) {
    const name = call.fn.type === "SymbolNode" ? call.fn.name : call.fn.toString();
    if (typeof math[name] !== "function") {
      throw new OptkitError(
        "expr",
        `"${expr}" calls ${name}(), which is not a mathjs function (expected e.g. sin, cos, exp, log, sqrt, abs)`,
      );
    }
  }
  const symbols = node.filter((n, path) => n.type === "SymbolNode" && path !== "fn");
  for (const s of symbols as SymbolNode[]) {
    const known = vars.includes(s.name) || typeof math[s.name] === "number";
    if (!known) {
      throw new OptkitError("vars", `"${expr}" uses "${s.name}", not among [${vars.join(", ")}]`);
    }
  }
}

/** d node / d v, unsimplified (simplifying is slow; it is done only for display). */
function diff(expr: string, node: MathNode, v: string): MathNode {
  try {
    return mathjs().derivative(node, v, { simplify: false });
  } catch (e) {
    const msg = (e as Error).message;
    throw new OptkitError("expr", `cannot differentiate "${expr}" with respect to ${v}: ${msg}`);
  }
}

/** A function R^n -> R given by a mathjs expression in the variables `vars` (in that order). */
export class SymbolicFunction {
  readonly dim: number;
  private readonly node: MathNode;
  private readonly gradNodes: MathNode[];
  private readonly hessNodes: MathNode[][];
  private readonly f: EvalFunction;
  private readonly g: EvalFunction[];
  private readonly H: EvalFunction[][];
  private shown: SymbolicDerivatives | null = null;

  /** Parses `expr` and differentiates it twice (H_ij = d^2 f / dx_i dx_j, j <= i, mirrored). */
  constructor(
    readonly expr: string,
    readonly vars: readonly string[],
  ) {
    if (typeof expr !== "string" || expr.trim() === "") {
      throw new OptkitError(
        "expr",
        `expected an expression such as "x^2 + y", got ${describe(expr)}`,
      );
    }
    if (!Array.isArray(vars) || !vars.every((v) => typeof v === "string")) {
      throw new OptkitError(
        "vars",
        `expected an array of variable names such as ["x", "y"], got ${describe(vars)}`,
      );
    }
    if (vars.length === 0 || new Set(vars).size !== vars.length) {
      throw new OptkitError("vars", `expected distinct variable names, got [${vars.join(", ")}]`);
    }
    this.dim = vars.length;
    this.node = parse(expr);
    checkSymbols(expr, this.node, vars);
    this.gradNodes = vars.map((v) => diff(expr, this.node, v));
    this.hessNodes = this.gradNodes.map((gi, i) =>
      vars.slice(0, i + 1).map((v) => diff(expr, gi, v)),
    );
    this.f = this.node.compile();
    this.g = this.gradNodes.map((n) => n.compile());
    this.H = this.hessNodes.map((row) => row.map((n) => n.compile()));
  }

  /** Evaluate a compiled expression at x; throws unless the result is a finite real number. */
  private at(what: string, fn: EvalFunction, x: Vec): number {
    checkLength("x", x, this.dim);
    checkFinite("x", x);
    const scope: Record<string, number> = {};
    this.vars.forEach((v, i) => (scope[v] = x[i]));
    const y: unknown = fn.evaluate(scope);
    if (typeof y !== "number" || !Number.isFinite(y)) {
      const point = `(${Array.from(x).join(", ")})`;
      throw new OptkitError("x", `${what} of "${this.expr}" is ${String(y)} at ${point}`);
    }
    return y;
  }

  /** f(x). */
  value(x: Vec): number {
    return this.at("the value", this.f, x);
  }

  /** grad f(x)_i = d f / d x_i (vars[i]). */
  grad(x: Vec): Float64Array {
    return Float64Array.from(this.g, (gi, i) => this.at(`d/d${this.vars[i]}`, gi, x));
  }

  /** Hessian H_ij = d^2 f / dx_i dx_j, symmetric. */
  hessian(x: Vec): Matrix {
    const n = this.dim;
    const H = matrix(n, n);
    this.H.forEach((row, i) =>
      row.forEach((hij, j) => {
        const v = this.at(`d2/d${this.vars[i]}d${this.vars[j]}`, hij, x);
        H.data[i * n + j] = H.data[j * n + i] = v;
      }),
    );
    return H;
  }

  /** The expression itself in LaTeX. */
  get latex(): string {
    return this.node.toTex();
  }

  /** Gradient and Hessian expressions for display, simplified on first use (see `tidy`). */
  derivatives(): SymbolicDerivatives {
    return (this.shown ??= new DerivativeStrings(this.gradNodes, this.hessNodes));
  }
}

/**
 * Expressions with more nodes than this are displayed unsimplified: mathjs's simplify slows
 * steeply with size (about a second at 250 nodes, minutes at a thousand).
 */
export const MAX_SIMPLIFY_NODES = 300;

/** simplify(node) if it has at most MAX_SIMPLIFY_NODES nodes, else node unchanged. */
function tidy(node: MathNode): MathNode {
  let size = 0;
  node.traverse(() => size++);
  return size <= MAX_SIMPLIFY_NODES ? mathjs().simplify(node) : node;
}

/** Display strings; the gradient and the Hessian are each simplified only when first read. */
class DerivativeStrings implements SymbolicDerivatives {
  private g: MathNode[] | null = null;
  private h: MathNode[][] | null = null;

  constructor(
    private readonly gradNodes: MathNode[],
    private readonly hessLower: MathNode[][],
  ) {}

  private grads(): MathNode[] {
    return (this.g ??= this.gradNodes.map(tidy));
  }

  private hess(): MathNode[][] {
    if (this.h) return this.h;
    const low = this.hessLower.map((row) => row.map(tidy));
    return (this.h = low.map((_, i) => low.map((_, j) => (j <= i ? low[i][j] : low[j][i]))));
  }

  get gradient(): string[] {
    return this.grads().map((n) => n.toString());
  }
  get gradientLatex(): string[] {
    return this.grads().map((n) => n.toTex());
  }
  get hessian(): string[][] {
    return this.hess().map((row) => row.map((n) => n.toString()));
  }
  get hessianLatex(): string[][] {
    return this.hess().map((row) => row.map((n) => n.toTex()));
  }
}

/** `symbolic("x^2 * sin(y)", ["x", "y"])`: value, gradient and Hessian of an expression. */
export function symbolic(expr: string, vars: readonly string[]): SymbolicFunction {
  return new SymbolicFunction(expr, vars);
}
