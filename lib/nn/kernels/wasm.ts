import { OptkitError, type Vec } from "../../util/check";
import { activationCode, type Activation } from "../activations";
import type {
  Allocation,
  DenseBackwardArrays,
  DenseForwardArrays,
  DenseShape,
  Kernels,
} from "./kernels";
import { ReferenceKernels } from "./reference";
import { WASM_BASE64 } from "./wasm-bytes";

/**
 * The fast path: float32 kernels compiled to WebAssembly SIMD128 from asm/nn-kernels.ts. The
 * bytes are embedded in wasm-bytes.ts and compiled synchronously, so this loads the same way in
 * vitest, ts-node and the notebook kernel (no file paths, no top-level await).
 *
 * Each instance owns one WebAssembly memory. `allocate` lays out every array of a model in it
 * once (64-byte aligned, after a first 64 KiB page kept for the module's own constants, and
 * followed by a scratch area for the kernels), and the memory never grows afterwards, so the
 * Float32Array views handed out stay valid and optimizers
 * can update parameters in place. Kernels receive byte offsets into that memory.
 */

interface KernelExports {
  denseForward(X: number, W: number, b: number, Y: number, batch: number, nIn: number, nOut: number, act: number, scratch: number): void; // prettier-ignore
  denseGradW(dZ: number, X: number, dW: number, db: number, batch: number, nIn: number, nOut: number, scratch: number): void; // prettier-ignore
  axpy(y: number, x: number, alpha: number, n: number): void;
  denseGradX(dZ: number, X: number, W: number, dX: number, batch: number, nIn: number, nOut: number, act: number, scratch: number): void; // prettier-ignore
}

/** The part of the WebAssembly JS API used here (the project's type libraries do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65536;
const RESERVED = PAGE;

let compiled: object | null | undefined;

/** The compiled module, or null when this runtime lacks WebAssembly SIMD. */
function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = new WA.Module(Buffer.from(WASM_BASE64, "base64"));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** True when the WebAssembly SIMD kernels compile in this runtime. */
export function wasmAvailable(): boolean {
  return kernelModule() !== null;
}

export class WasmKernels implements Kernels {
  readonly path = "wasm";
  readonly float = "float32";
  private memory: WasmMemory | null = null;
  private exports: KernelExports | null = null;
  private readonly ref = new ReferenceKernels();
  private scratch = 0;
  private scratchBytes = 0;

  /** The scratch area must hold `bytes` (it does for arrays sized as a model allocates them). */
  private checkScratch(bytes: number): number {
    if (bytes > this.scratchBytes) {
      throw new OptkitError(
        "batch",
        `needs ${bytes} bytes of scratch, allocated ${this.scratchBytes}`,
      );
    }
    return this.scratch;
  }

  allocate(floatSizes: readonly number[], intSizes: readonly number[]): Allocation {
    if (this.memory !== null) {
      throw new OptkitError("allocate", "a WasmKernels instance allocates once; create another");
    }
    const mod = kernelModule();
    if (mod === null) throw new OptkitError("wasm", "WebAssembly SIMD is not available here");
    const offsets: number[] = [];
    let end = RESERVED;
    for (const n of [...floatSizes, ...intSizes]) {
      offsets.push(end);
      end += Math.ceil((4 * n) / 64) * 64; // 64-byte (cache line) alignment
    }
    // scratch for the kernels' lists of nonzeros and a transposed W: at most 4 nIn + 8 batch nIn
    // or 4 nIn nOut + 8 nOut bytes, where batch nIn (a layer's input buffer) and nIn nOut (its
    // weights) are among the requested arrays
    const largest = Math.max(1, ...floatSizes);
    this.scratch = end;
    this.scratchBytes = 12 * largest + 64;
    end += this.scratchBytes;
    const pages = Math.ceil(end / PAGE);
    const gib = (end / 2 ** 30).toFixed(2);
    const advice = "use a smaller maxBatch (batch size) or narrower layers";
    if (pages > 65536) {
      throw new OptkitError(
        "maxBatch",
        `the network's buffers need ${gib} GiB, above WebAssembly's 4 GiB: ${advice}`,
      );
    }
    try {
      this.memory = new WA.Memory({ initial: pages });
    } catch (e) {
      throw new OptkitError(
        "maxBatch",
        `could not allocate the network's ${gib} GiB (${(e as Error).message}): ${advice}`,
      );
    }
    const instance = new WA.Instance(mod, { env: { memory: this.memory } });
    this.exports = instance.exports as unknown as KernelExports;
    const buf = this.memory.buffer;
    const nf = floatSizes.length;
    return {
      floats: floatSizes.map((n, i) => new Float32Array(buf, offsets[i], n)),
      ints: intSizes.map((n, i) => new Int32Array(buf, offsets[nf + i], n)),
    };
  }

  /** Byte offset of `a` in this instance's memory (which it must live in). */
  private ptr(arg: string, a: Vec | null): number {
    if (a === null) return 0;
    if (this.memory === null || a.buffer !== this.memory.buffer || !(a instanceof Float32Array)) {
      throw new OptkitError(arg, "expected a Float32Array allocated by this WasmKernels instance");
    }
    return a.byteOffset;
  }

  private get k(): KernelExports {
    if (this.exports === null)
      throw new OptkitError("allocate", "call allocate before the kernels");
    return this.exports;
  }

  denseForward(
    { X, W, b, Y }: DenseForwardArrays,
    { batch, nIn, nOut }: DenseShape,
    act: Activation,
  ) {
    const p = (n: string, a: Vec) => this.ptr(n, a);
    const scratch = this.checkScratch(8 * nIn);
    const code = activationCode(act);
    this.k.denseForward(
      p("X", X),
      p("W", W),
      p("b", b),
      p("Y", Y),
      batch,
      nIn,
      nOut,
      code,
      scratch,
    );
  }

  /** O(batch k) work with exp and log: done in JavaScript on the float32 views. */
  softmaxCrossEntropy(Z: Vec, labels: Int32Array, dZ: Vec, batch: number, k: number): number {
    return this.ref.softmaxCrossEntropy(Z, labels, dZ, batch, k);
  }

  denseBackward(
    { dZ, X, W, dW, db, dX }: DenseBackwardArrays,
    { batch, nIn, nOut }: DenseShape,
    actIn: Activation,
  ) {
    const g = this.ptr("dZ", dZ);
    const x = this.ptr("X", X);
    if (dX !== null) {
      const w = this.ptr("W", W);
      const dx = this.ptr("dX", dX);
      const scratch = this.checkScratch(4 * nIn * nOut + 8 * nOut);
      this.k.denseGradX(g, x, w, dx, batch, nIn, nOut, activationCode(actIn), scratch);
    }
    const scratch = this.checkScratch(4 * nIn + 8 * batch * nIn);
    this.k.denseGradW(g, x, this.ptr("dW", dW), this.ptr("db", db), batch, nIn, nOut, scratch);
  }

  axpy(y: Vec, x: Vec, alpha: number, n: number): void {
    if (n > y.length || n > x.length)
      throw new OptkitError("n", `expected at most ${Math.min(x.length, y.length)}, got ${n}`);
    this.k.axpy(this.ptr("y", y), this.ptr("x", x), alpha, n);
  }
}
