// The WebAssembly SIMD128 kernels of the MNIST fast path, in AssemblyScript.
// Build: `npm run build:wasm` (compiles this file and regenerates lib/nn/kernels/wasm-bytes.ts).
//
// Every array is float32, row-major, and passed as a byte offset into linear memory (the host
// allocates the arrays; this module has no allocator). A dense layer has inputs X (batch x nIn),
// weights W (nOut x nIn: one row per output unit), bias b (nOut) and outputs Y (batch x nOut).
// Activation codes: 0 identity, 1 ReLU, 2 sigmoid, 3 tanh.
//
// Register blocking: each inner loop keeps a tile of sums in v128 locals (8 of them, leaving
// registers for the loads) so every vector loaded feeds several multiply-adds:
// forward 4 rows x 2 outputs (dot products along nIn), dW 2 outputs x 16 inputs (sums along the
// batch), dX 1 row x 16 inputs (sums along nOut). Edges fall back to narrower loops.

// f(v) for one value.
function act(v: f32, code: i32): f32 {
  if (code == 1) return v < 0 ? 0 : v; // ReLU; NaN stays NaN
  if (code == 2) return 1 / (1 + Mathf.exp(-v));
  if (code == 3) return <f32>Math.tanh(<f64>v);
  return v;
}

// g * f'(z) for four values, with f'(z) written through the stored output x = f(z).
function slope4(g: v128, x: v128, code: i32): v128 {
  if (code == 1) return v128.and(g, f32x4.gt(x, f32x4.splat(0)));
  if (code == 2) return f32x4.mul(g, f32x4.mul(x, f32x4.sub(f32x4.splat(1), x)));
  if (code == 3) return f32x4.mul(g, f32x4.sub(f32x4.splat(1), f32x4.mul(x, x)));
  return g;
}

function slope1(g: f32, x: f32, code: i32): f32 {
  if (code == 1) return x > 0 ? g : 0;
  if (code == 2) return g * x * (1 - x);
  if (code == 3) return g * (1 - x * x);
  return g;
}

function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

// sum_i x[i] w[i] for i < n (SIMD body, scalar tail).
function dot(x: usize, w: usize, n: i32): f32 {
  const nv = (<usize>(n & ~3)) << 2;
  let acc = f32x4.splat(0);
  for (let i: usize = 0; i < nv; i += 16) {
    acc = f32x4.add(acc, f32x4.mul(v128.load(x + i), v128.load(w + i)));
  }
  let s = hsum(acc);
  for (let i = nv; i < (<usize>n) << 2; i += 4) s += load<f32>(x + i) * load<f32>(w + i);
  return s;
}

// Y = f(X W^T + b), bias and activation fused into the store.
export function denseForward(
  X: usize,
  W: usize,
  b: usize,
  Y: usize,
  batch: i32,
  nIn: i32,
  nOut: i32,
  code: i32,
): void {
  const row = (<usize>nIn) << 2;
  const yrow = (<usize>nOut) << 2;
  const nv = (<usize>(nIn & ~3)) << 2;
  let r = 0;
  for (; r + 4 <= batch; r += 4) {
    const x0 = X + <usize>r * row;
    const x1 = x0 + row;
    const x2 = x1 + row;
    const x3 = x2 + row;
    const y0 = Y + <usize>r * yrow;
    let o = 0;
    for (; o + 2 <= nOut; o += 2) {
      const w0 = W + <usize>o * row;
      const w1 = w0 + row;
      let a00 = f32x4.splat(0);
      let a01 = f32x4.splat(0);
      let a10 = f32x4.splat(0);
      let a11 = f32x4.splat(0);
      let a20 = f32x4.splat(0);
      let a21 = f32x4.splat(0);
      let a30 = f32x4.splat(0);
      let a31 = f32x4.splat(0);
      for (let i: usize = 0; i < nv; i += 16) {
        const v0 = v128.load(w0 + i);
        const v1 = v128.load(w1 + i);
        let x = v128.load(x0 + i);
        a00 = f32x4.add(a00, f32x4.mul(x, v0));
        a01 = f32x4.add(a01, f32x4.mul(x, v1));
        x = v128.load(x1 + i);
        a10 = f32x4.add(a10, f32x4.mul(x, v0));
        a11 = f32x4.add(a11, f32x4.mul(x, v1));
        x = v128.load(x2 + i);
        a20 = f32x4.add(a20, f32x4.mul(x, v0));
        a21 = f32x4.add(a21, f32x4.mul(x, v1));
        x = v128.load(x3 + i);
        a30 = f32x4.add(a30, f32x4.mul(x, v0));
        a31 = f32x4.add(a31, f32x4.mul(x, v1));
      }
      const b0 = load<f32>(b + ((<usize>o) << 2));
      const b1 = load<f32>(b + ((<usize>o) << 2), 4);
      let s00 = hsum(a00) + b0;
      let s01 = hsum(a01) + b1;
      let s10 = hsum(a10) + b0;
      let s11 = hsum(a11) + b1;
      let s20 = hsum(a20) + b0;
      let s21 = hsum(a21) + b1;
      let s30 = hsum(a30) + b0;
      let s31 = hsum(a31) + b1;
      for (let i = nv; i < row; i += 4) {
        const v0 = load<f32>(w0 + i);
        const v1 = load<f32>(w1 + i);
        s00 += load<f32>(x0 + i) * v0;
        s01 += load<f32>(x0 + i) * v1;
        s10 += load<f32>(x1 + i) * v0;
        s11 += load<f32>(x1 + i) * v1;
        s20 += load<f32>(x2 + i) * v0;
        s21 += load<f32>(x2 + i) * v1;
        s30 += load<f32>(x3 + i) * v0;
        s31 += load<f32>(x3 + i) * v1;
      }
      const y = y0 + ((<usize>o) << 2);
      store<f32>(y, act(s00, code));
      store<f32>(y, act(s01, code), 4);
      store<f32>(y + yrow, act(s10, code));
      store<f32>(y + yrow, act(s11, code), 4);
      store<f32>(y + 2 * yrow, act(s20, code));
      store<f32>(y + 2 * yrow, act(s21, code), 4);
      store<f32>(y + 3 * yrow, act(s30, code));
      store<f32>(y + 3 * yrow, act(s31, code), 4);
    }
    for (; o < nOut; o++) {
      const w = W + <usize>o * row;
      const bo = load<f32>(b + ((<usize>o) << 2));
      for (let k: usize = 0; k < 4; k++) {
        store<f32>(y0 + k * yrow + ((<usize>o) << 2), act(dot(x0 + k * row, w, nIn) + bo, code));
      }
    }
  }
  for (; r < batch; r++) {
    const x = X + <usize>r * row;
    for (let o = 0; o < nOut; o++) {
      const s = dot(x, W + <usize>o * row, nIn) + load<f32>(b + ((<usize>o) << 2));
      store<f32>(Y + <usize>r * yrow + ((<usize>o) << 2), act(s, code));
    }
  }
}

// dW = dZ^T X (nOut x nIn) and db = column sums of dZ.
export function denseGradW(
  dZ: usize,
  X: usize,
  dW: usize,
  db: usize,
  batch: i32,
  nIn: i32,
  nOut: i32,
): void {
  const row = (<usize>nIn) << 2;
  const grow = (<usize>nOut) << 2;
  for (let o = 0; o < nOut; o++) {
    let s: f32 = 0;
    for (let r = 0; r < batch; r++) s += load<f32>(dZ + <usize>r * grow + ((<usize>o) << 2));
    store<f32>(db + ((<usize>o) << 2), s);
  }
  const n16 = (<usize>(nIn & ~15)) << 2;
  const n4 = (<usize>(nIn & ~3)) << 2;
  let o = 0;
  for (; o + 2 <= nOut; o += 2) {
    const g = dZ + ((<usize>o) << 2);
    const d0 = dW + <usize>o * row;
    const d1 = d0 + row;
    let i: usize = 0;
    for (; i < n16; i += 64) {
      let a0 = f32x4.splat(0);
      let a1 = f32x4.splat(0);
      let a2 = f32x4.splat(0);
      let a3 = f32x4.splat(0);
      let c0 = f32x4.splat(0);
      let c1 = f32x4.splat(0);
      let c2 = f32x4.splat(0);
      let c3 = f32x4.splat(0);
      let x = X + i;
      let gp = g;
      for (let r = 0; r < batch; r++) {
        const g0 = v128.load32_splat(gp);
        const g1 = v128.load32_splat(gp, 4);
        const v0 = v128.load(x);
        const v1 = v128.load(x, 16);
        const v2 = v128.load(x, 32);
        const v3 = v128.load(x, 48);
        a0 = f32x4.add(a0, f32x4.mul(g0, v0));
        a1 = f32x4.add(a1, f32x4.mul(g0, v1));
        a2 = f32x4.add(a2, f32x4.mul(g0, v2));
        a3 = f32x4.add(a3, f32x4.mul(g0, v3));
        c0 = f32x4.add(c0, f32x4.mul(g1, v0));
        c1 = f32x4.add(c1, f32x4.mul(g1, v1));
        c2 = f32x4.add(c2, f32x4.mul(g1, v2));
        c3 = f32x4.add(c3, f32x4.mul(g1, v3));
        x += row;
        gp += grow;
      }
      v128.store(d0 + i, a0);
      v128.store(d0 + i, a1, 16);
      v128.store(d0 + i, a2, 32);
      v128.store(d0 + i, a3, 48);
      v128.store(d1 + i, c0);
      v128.store(d1 + i, c1, 16);
      v128.store(d1 + i, c2, 32);
      v128.store(d1 + i, c3, 48);
    }
    for (; i < n4; i += 16) {
      let a0 = f32x4.splat(0);
      let c0 = f32x4.splat(0);
      for (let r = 0; r < batch; r++) {
        const gp = g + <usize>r * grow;
        const v = v128.load(X + <usize>r * row + i);
        a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(gp), v));
        c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(gp, 4), v));
      }
      v128.store(d0 + i, a0);
      v128.store(d1 + i, c0);
    }
    for (; i < row; i += 4) {
      let s0: f32 = 0;
      let s1: f32 = 0;
      for (let r = 0; r < batch; r++) {
        const gp = g + <usize>r * grow;
        const v = load<f32>(X + <usize>r * row + i);
        s0 += load<f32>(gp) * v;
        s1 += load<f32>(gp, 4) * v;
      }
      store<f32>(d0 + i, s0);
      store<f32>(d1 + i, s1);
    }
  }
  for (; o < nOut; o++) {
    const g = dZ + ((<usize>o) << 2);
    for (let i: usize = 0; i < row; i += 4) {
      let s: f32 = 0;
      for (let r = 0; r < batch; r++) {
        s += load<f32>(g + <usize>r * grow) * load<f32>(X + <usize>r * row + i);
      }
      store<f32>(dW + <usize>o * row + i, s);
    }
  }
}

// dX = (dZ W) * f'(X) elementwise, X the stored outputs of the previous layer.
export function denseGradX(
  dZ: usize,
  X: usize,
  W: usize,
  dX: usize,
  batch: i32,
  nIn: i32,
  nOut: i32,
  code: i32,
): void {
  const row = (<usize>nIn) << 2;
  const grow = (<usize>nOut) << 2;
  const n16 = (<usize>(nIn & ~15)) << 2;
  const n4 = (<usize>(nIn & ~3)) << 2;
  for (let r = 0; r < batch; r++) {
    const g = dZ + <usize>r * grow;
    const x = X + <usize>r * row;
    const d = dX + <usize>r * row;
    let i: usize = 0;
    for (; i < n16; i += 64) {
      let a0 = f32x4.splat(0);
      let a1 = f32x4.splat(0);
      let a2 = f32x4.splat(0);
      let a3 = f32x4.splat(0);
      let w = W + i;
      for (let o = 0; o < nOut; o++) {
        const go = v128.load32_splat(g + ((<usize>o) << 2));
        a0 = f32x4.add(a0, f32x4.mul(go, v128.load(w)));
        a1 = f32x4.add(a1, f32x4.mul(go, v128.load(w, 16)));
        a2 = f32x4.add(a2, f32x4.mul(go, v128.load(w, 32)));
        a3 = f32x4.add(a3, f32x4.mul(go, v128.load(w, 48)));
        w += row;
      }
      v128.store(d + i, slope4(a0, v128.load(x + i), code));
      v128.store(d + i, slope4(a1, v128.load(x + i, 16), code), 16);
      v128.store(d + i, slope4(a2, v128.load(x + i, 32), code), 32);
      v128.store(d + i, slope4(a3, v128.load(x + i, 48), code), 48);
    }
    for (; i < n4; i += 16) {
      let a0 = f32x4.splat(0);
      for (let o = 0; o < nOut; o++) {
        const go = v128.load32_splat(g + ((<usize>o) << 2));
        a0 = f32x4.add(a0, f32x4.mul(go, v128.load(W + <usize>o * row + i)));
      }
      v128.store(d + i, slope4(a0, v128.load(x + i), code));
    }
    for (; i < row; i += 4) {
      let s: f32 = 0;
      for (let o = 0; o < nOut; o++) {
        s += load<f32>(g + ((<usize>o) << 2)) * load<f32>(W + <usize>o * row + i);
      }
      store<f32>(d + i, slope1(s, load<f32>(x + i), code));
    }
  }
}
