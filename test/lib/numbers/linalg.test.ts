import { describe, expect, it } from "vitest";
import {
  cholesky,
  choleskySolve,
  conditionNumber,
  eigenvaluesSymmetric,
  fromRows,
  identity,
  matmul,
  matrix,
  matvec,
  NotPositiveDefiniteError,
  OptkitError,
  solve,
  toRows,
  transpose,
} from "../../../lib";
import { relErr } from "../optim/close";

describe("matrices", () => {
  it("multiplies, transposes and builds identities (hand-computed)", () => {
    const A = fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(toRows(transpose(A))).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(toRows(matmul(A, transpose(A)))).toEqual([
      [14, 32],
      [32, 77],
    ]);
    expect(Array.from(matvec(A, Float64Array.of(1, 0, -1)))).toEqual([-2, -2]);
    expect(toRows(matmul(identity(2), A))).toEqual(toRows(A));
  });
  it("rejects bad shapes, naming the argument", () => {
    expect(() => matrix(2, 2, [1, 2, 3])).toThrow("data: expected length 4, got 3");
    expect(() => fromRows([[1, 2], [3]])).toThrow("rows[1]: expected length 2, got 1");
    const A = matrix(2, 3);
    expect(() => matvec(A, new Float64Array(2))).toThrow("x: expected length 3, got 2");
    expect(() => matmul(A, A)).toThrow(/^B: expected 3 rows/);
  });
});

describe("solve (LU with partial pivoting)", () => {
  it("solves a 3x3 system with a known solution", () => {
    // Strang's example: x = (1, 1, 2) gives b = (5, -2, 9) by hand.
    const A = fromRows([
      [2, 1, 1],
      [4, -6, 0],
      [-2, 7, 2],
    ]);
    expect(relErr(solve(A, Float64Array.of(5, -2, 9)), [1, 1, 2])).toBeLessThan(1e-14);
  });
  it("pivots: a zero and a tiny leading entry", () => {
    const P = fromRows([
      [0, 1],
      [1, 0],
    ]);
    expect(Array.from(solve(P, Float64Array.of(2, 3)))).toEqual([3, 2]);
    // Without pivoting, 1 - 1e20 swamps the second row and x_1 comes out 0.
    const T = fromRows([
      [1e-20, 1],
      [1, 1],
    ]);
    expect(relErr(solve(T, Float64Array.of(1, 2)), [1, 1])).toBeLessThan(1e-15);
  });
  it("throws for singular, non-square, mismatched or non-finite input", () => {
    const S = fromRows([
      [1, 2],
      [2, 4],
    ]);
    expect(() => solve(S, Float64Array.of(1, 1))).toThrow(/^A: matrix is singular/);
    expect(() => solve(matrix(2, 3), Float64Array.of(1, 1))).toThrow(
      "A: expected a square matrix, got 2 x 3",
    );
    expect(() => solve(identity(2), Float64Array.of(1))).toThrow("b: expected length 2, got 1");
    expect(() => solve(identity(2), Float64Array.of(1, NaN))).toThrow(/^b: expected finite/);
    expect(() => solve(matrix(1, 1, [Infinity]), Float64Array.of(1))).toThrow(
      /^A: expected finite/,
    );
  });
});

describe("cholesky", () => {
  const A = fromRows([
    [4, 12, -16],
    [12, 37, -43],
    [-16, -43, 98],
  ]);
  it("factors the textbook example into integer L", () => {
    expect(toRows(cholesky(A))).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
  });
  it("solves A x = b", () => {
    const x = Float64Array.of(1, -2, 0.5);
    expect(relErr(choleskySolve(cholesky(A), matvec(A, x)), x)).toBeLessThan(1e-12);
  });
  it("throws NotPositiveDefiniteError for indefinite, semidefinite and asymmetric matrices", () => {
    const cases = [
      [
        [1, 2],
        [2, 1],
      ],
      [
        [1, 1],
        [1, 1],
      ],
      [
        [2, 1],
        [0, 2],
      ],
    ];
    for (const rows of cases) {
      const err = (() => {
        try {
          cholesky(fromRows(rows));
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(NotPositiveDefiniteError);
      expect(err).toBeInstanceOf(OptkitError);
      expect((err as Error).message).toMatch(/^A: expected a (positive definite|symmetric)/);
    }
    expect(() => cholesky(fromRows([[-1]]))).toThrow(NotPositiveDefiniteError);
  });
  it("reports non-square input as a plain shape error", () => {
    expect(() => cholesky(matrix(1, 2))).toThrow("A: expected a square matrix, got 1 x 2");
  });
});

describe("spectra (mathjs)", () => {
  it("finds eigenvalues and condition numbers of symmetric matrices", () => {
    const A = fromRows([
      [2, 1],
      [1, 2],
    ]);
    expect(relErr(eigenvaluesSymmetric(A), [1, 3])).toBeLessThan(1e-14);
    expect(conditionNumber(A)).toBeCloseTo(3, 12);
    // 3x3 Hilbert matrix: kappa_2 = 524.0567775860644 (published value).
    const H = fromRows([0, 1, 2].map((i) => [0, 1, 2].map((j) => 1 / (i + j + 1))));
    expect(relErr([conditionNumber(H)], [524.0567775860644])).toBeLessThan(1e-10);
    expect(
      conditionNumber(
        fromRows([
          [1, 0],
          [0, 0],
        ]),
      ),
    ).toBe(Infinity);
  });
  it("rejects an asymmetric matrix", () => {
    const A = fromRows([
      [1, 2],
      [3, 4],
    ]);
    expect(() => eigenvaluesSymmetric(A)).toThrow("A: expected a symmetric matrix");
  });
});
