import { OptkitError } from "../../util/check";
import type { KernelPath, Kernels } from "./kernels";
import { ReferenceKernels } from "./reference";
import { TsKernels } from "./ts-f32";
import { WasmKernels, wasmAvailable } from "./wasm";

export type {
  Allocation,
  DenseBackwardArrays,
  DenseForwardArrays,
  DenseShape,
  KernelPath,
  Kernels,
} from "./kernels";
export { ReferenceKernels } from "./reference";
export { TsKernels } from "./ts-f32";
export { WasmKernels, wasmAvailable } from "./wasm";

/** The fastest path this runtime supports: "wasm" when WebAssembly SIMD works, else "ts". */
export function defaultKernelPath(): KernelPath {
  return wasmAvailable() ? "wasm" : "ts";
}

/** A fresh kernel instance for `path` (default: the fastest available). */
export function createKernels(path: KernelPath = defaultKernelPath()): Kernels {
  switch (path) {
    case "reference":
      return new ReferenceKernels();
    case "ts":
      return new TsKernels();
    case "wasm":
      if (!wasmAvailable()) {
        throw new OptkitError("path", 'the WebAssembly SIMD kernels do not load here; use "ts"');
      }
      return new WasmKernels();
    default:
      throw new OptkitError("path", `expected "reference", "ts" or "wasm", got ${String(path)}`);
  }
}
