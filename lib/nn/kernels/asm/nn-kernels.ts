// The WebAssembly SIMD128 kernels of the MNIST fast path, in AssemblyScript.
// Build: `npm run build:wasm` (compiles this file and regenerates lib/nn/kernels/wasm-bytes.ts).
//
// Every array is float32, row-major, and passed as a byte offset into linear memory (the host
// allocates the arrays and a scratch area; this module has no allocator). A dense layer has
// inputs X (batch x nIn), weights W (nIn x nOut: row i holds the weights leaving input i),
// bias b (nOut) and outputs Y = f(X W + b) (batch x nOut).
// Activation codes: 0 identity, 1 ReLU, 2 sigmoid, 3 tanh.
//
// The two big products, Y = X W and dW = X^T dZ, are sums over the nonzero entries of X only:
// about 81% of MNIST's pixels are 0, and ReLU zeroes about half of a hidden layer. The nonzeros
// are first listed (row by row for Y, column by column for dW); each listed x then adds x times a
// row of W (or of dZ) to a tile of 32 outputs kept in eight v128 registers, so every vector loaded
// feeds one multiply-add and every output is stored once. Dense inputs simply list every entry.

// f(v) for one value.
function act(v: f32, code: i32): f32 {
  if (code == 1) return v < 0 ? 0 : v; // ReLU; NaN stays NaN
  if (code == 2) return 1 / (1 + Mathf.exp(-v));
  if (code == 3) return <f32>Math.tanh(<f64>v);
  return v;
}

// f'(z) through the stored output x = f(z).
function slope(x: f32, code: i32): f32 {
  if (code == 1) return x > 0 ? 1 : 0;
  if (code == 2) return x * (1 - x);
  if (code == 3) return 1 - x * x;
  return 1;
}

// out[0..n) = init[0..n) (or 0 when init is 0) + sum_k val[k] * rows[k][0..n), where rows[k] is
// the byte address base + off[k]; `count` entries. Tiles of 32, then 4, then single outputs.
function accumulateRows(
  out: usize,
  init: usize,
  base: usize,
  off: usize,
  val: usize,
  count: i32,
  n: i32,
): void {
  const bytes = (<usize>n) << 2;
  const end = (<usize>count) << 2;
  let o: usize = 0;
  for (; o + 128 <= bytes; o += 128) {
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    let a4 = f32x4.splat(0);
    let a5 = f32x4.splat(0);
    let a6 = f32x4.splat(0);
    let a7 = f32x4.splat(0);
    if (init != 0) {
      const p = init + o;
      a0 = v128.load(p);
      a1 = v128.load(p, 16);
      a2 = v128.load(p, 32);
      a3 = v128.load(p, 48);
      a4 = v128.load(p, 64);
      a5 = v128.load(p, 80);
      a6 = v128.load(p, 96);
      a7 = v128.load(p, 112);
    }
    for (let k: usize = 0; k < end; k += 4) {
      const s = v128.load32_splat(val + k);
      const p = base + <usize>load<i32>(off + k) + o;
      a0 = f32x4.add(a0, f32x4.mul(s, v128.load(p)));
      a1 = f32x4.add(a1, f32x4.mul(s, v128.load(p, 16)));
      a2 = f32x4.add(a2, f32x4.mul(s, v128.load(p, 32)));
      a3 = f32x4.add(a3, f32x4.mul(s, v128.load(p, 48)));
      a4 = f32x4.add(a4, f32x4.mul(s, v128.load(p, 64)));
      a5 = f32x4.add(a5, f32x4.mul(s, v128.load(p, 80)));
      a6 = f32x4.add(a6, f32x4.mul(s, v128.load(p, 96)));
      a7 = f32x4.add(a7, f32x4.mul(s, v128.load(p, 112)));
    }
    const q = out + o;
    v128.store(q, a0);
    v128.store(q, a1, 16);
    v128.store(q, a2, 32);
    v128.store(q, a3, 48);
    v128.store(q, a4, 64);
    v128.store(q, a5, 80);
    v128.store(q, a6, 96);
    v128.store(q, a7, 112);
  }
  for (; o + 16 <= bytes; o += 16) {
    let a = init != 0 ? v128.load(init + o) : f32x4.splat(0);
    for (let k: usize = 0; k < end; k += 4) {
      const p = base + <usize>load<i32>(off + k) + o;
      a = f32x4.add(a, f32x4.mul(v128.load32_splat(val + k), v128.load(p)));
    }
    v128.store(out + o, a);
  }
  for (; o < bytes; o += 4) {
    let a: f32 = init != 0 ? load<f32>(init + o) : 0;
    for (let k: usize = 0; k < end; k += 4) {
      a += load<f32>(val + k) * load<f32>(base + <usize>load<i32>(off + k) + o);
    }
    store<f32>(out + o, a);
  }
}

// List the nonzeros of x[0..n): for each, off[k] = i * stride and val[k] = x[i]; returns their
// count. Blocks of 16 zeros (common: the borders of a digit) are skipped with one SIMD test; inside
// a block every entry is written and the count advances only past a nonzero (no branch).
function listNonzeros(x: usize, n: i32, off: usize, val: usize, stride: usize): i32 {
  const z = f32x4.splat(0);
  const bytes = (<usize>n) << 2;
  const n16 = (<usize>(n & ~15)) << 2;
  let k: usize = 0;
  let i: usize = 0;
  for (; i < n16; i += 64) {
    const m01 = v128.or(f32x4.ne(v128.load(x + i), z), f32x4.ne(v128.load(x + i, 16), z));
    const m23 = v128.or(f32x4.ne(v128.load(x + i, 32), z), f32x4.ne(v128.load(x + i, 48), z));
    if (!v128.any_true(v128.or(m01, m23))) continue;
    for (let j: usize = 0; j < 64; j += 4) {
      const v = load<f32>(x + i + j);
      store<i32>(off + k, <i32>(((i + j) >> 2) * stride));
      store<f32>(val + k, v);
      k += v != 0 ? 4 : 0;
    }
  }
  for (; i < bytes; i += 4) {
    const v = load<f32>(x + i);
    store<i32>(off + k, <i32>((i >> 2) * stride));
    store<f32>(val + k, v);
    k += v != 0 ? 4 : 0;
  }
  return <i32>(k >> 2);
}

// Y = f(X W + b). Scratch: 8 nIn bytes (the nonzeros of one row of X).
export function denseForward(
  X: usize,
  W: usize,
  b: usize,
  Y: usize,
  batch: i32,
  nIn: i32,
  nOut: i32,
  code: i32,
  scratch: usize,
): void {
  const off = scratch;
  const val = scratch + ((<usize>nIn) << 2);
  const wrow = (<usize>nOut) << 2;
  for (let r = 0; r < batch; r++) {
    const x = X + <usize>r * ((<usize>nIn) << 2);
    const nnz = listNonzeros(x, nIn, off, val, wrow);
    const y = Y + <usize>r * wrow;
    accumulateRows(y, b, W, off, val, nnz, nOut);
    if (code != 0) {
      for (let o: usize = 0; o < wrow; o += 4) store<f32>(y + o, act(load<f32>(y + o), code));
    }
  }
}

// dW = X^T dZ (nIn x nOut) and db = column sums of dZ.
// Scratch: 4 nIn + 8 batch nIn bytes (the nonzeros of X column by column).
export function denseGradW(
  dZ: usize,
  X: usize,
  dW: usize,
  db: usize,
  batch: i32,
  nIn: i32,
  nOut: i32,
  scratch: usize,
): void {
  const grow = (<usize>nOut) << 2;
  const xrow = (<usize>nIn) << 2;
  for (let o: usize = 0; o < grow; o += 4) {
    let s: f32 = 0;
    for (let r = 0; r < batch; r++) s += load<f32>(dZ + <usize>r * grow + o);
    store<f32>(db + o, s);
  }
  // the nonzeros of X column by column: column i owns `batch` slots from i * batch (a row adds
  // at most one entry per column); cnt[i] counts them. Zero blocks of 16 are skipped, and inside a
  // block every entry is written, advancing the count only past a nonzero (no branch).
  const cnt = scratch;
  const off = scratch + ((<usize>nIn) << 2);
  const val = off + ((<usize>batch * <usize>nIn) << 2);
  const z = f32x4.splat(0);
  const n16 = (<usize>(nIn & ~15)) << 2;
  memory.fill(cnt, 0, (<usize>nIn) << 2);
  for (let r = 0; r < batch; r++) {
    const x = X + <usize>r * xrow;
    const g = <i32>(<usize>r * grow);
    let i: usize = 0;
    for (; i < xrow; i += 64) {
      const block = i < n16 ? <usize>64 : xrow - i;
      if (block == 64) {
        const m01 = v128.or(f32x4.ne(v128.load(x + i), z), f32x4.ne(v128.load(x + i, 16), z));
        const m23 = v128.or(f32x4.ne(v128.load(x + i, 32), z), f32x4.ne(v128.load(x + i, 48), z));
        if (!v128.any_true(v128.or(m01, m23))) continue;
      }
      for (let j: usize = 0; j < block; j += 4) {
        const v = load<f32>(x + i + j);
        const c = load<i32>(cnt + i + j);
        const slot = (i + j) * <usize>batch + ((<usize>c) << 2);
        store<i32>(off + slot, g);
        store<f32>(val + slot, v);
        store<i32>(cnt + i + j, c + (v != 0 ? 1 : 0));
      }
    }
  }
  for (let i: usize = 0; i < xrow; i += 4) {
    const col = i * <usize>batch;
    accumulateRows(dW + i * <usize>nOut, 0, dZ, off + col, val + col, load<i32>(cnt + i), nOut);
  }
}

// dX = (dZ W^T) * f'(X) elementwise, X the stored outputs of the previous layer:
// row r of dX is f'(x_r) * sum over nonzero dz_ro of dz_ro (row o of W^T). W^T is written to the
// scratch first, so each term adds a contiguous row. Scratch: 4 nIn nOut + 8 nOut bytes.
export function denseGradX(
  dZ: usize,
  X: usize,
  W: usize,
  dX: usize,
  batch: i32,
  nIn: i32,
  nOut: i32,
  code: i32,
  scratch: usize,
): void {
  const grow = (<usize>nOut) << 2;
  const xrow = (<usize>nIn) << 2;
  const wt = scratch;
  const off = wt + <usize>nIn * grow;
  const val = off + grow;
  for (let i: usize = 0; i < <usize>nIn; i++) {
    for (let o: usize = 0; o < <usize>nOut; o++) {
      store<f32>(wt + o * xrow + (i << 2), load<f32>(W + i * grow + (o << 2)));
    }
  }
  const n4 = (<usize>(nIn & ~3)) << 2;
  for (let r = 0; r < batch; r++) {
    const d = dX + <usize>r * xrow;
    const x = X + <usize>r * xrow;
    const nnz = listNonzeros(dZ + <usize>r * grow, nOut, off, val, xrow);
    accumulateRows(d, 0, wt, off, val, nnz, nIn);
    if (code == 0) continue;
    let i: usize = 0;
    for (; i < n4; i += 16) {
      const xv = v128.load(x + i);
      const g = v128.load(d + i);
      let out = g;
      if (code == 1) out = v128.and(g, f32x4.gt(xv, f32x4.splat(0)));
      else if (code == 2) out = f32x4.mul(g, f32x4.mul(xv, f32x4.sub(f32x4.splat(1), xv)));
      else out = f32x4.mul(g, f32x4.sub(f32x4.splat(1), f32x4.mul(xv, xv)));
      v128.store(d + i, out);
    }
    for (; i < xrow; i += 4) store<f32>(d + i, load<f32>(d + i) * slope(load<f32>(x + i), code));
  }
}

// y += alpha x over n values (a plain SGD step is p += (-lr) g).
export function axpy(y: usize, x: usize, alpha: f32, n: i32): void {
  const a = f32x4.splat(alpha);
  const bytes = (<usize>n) << 2;
  const nv = (<usize>(n & ~3)) << 2;
  for (let i: usize = 0; i < nv; i += 16) {
    v128.store(y + i, f32x4.add(v128.load(y + i), f32x4.mul(a, v128.load(x + i))));
  }
  for (let i = nv; i < bytes; i += 4)
    store<f32>(y + i, load<f32>(y + i) + alpha * load<f32>(x + i));
}
