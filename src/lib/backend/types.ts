import type {TrainingKernel} from '../kernels';

/** The tfjs backends Deep Sky knows how to start, in its default order of preference. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** The order `initBackend` tries backends in by default: fastest first. */
export const DEFAULT_BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** What the WebGPU adapter says about itself (empty strings where the browser hides a field). */
export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for software adapters (SwiftShader, WARP, llvmpipe): training will run on the CPU. */
  isFallbackAdapter: boolean;
  limits: {
    maxBufferSize: number;
    maxStorageBufferBindingSize: number;
  };
}

/** A backend `initBackend` tried and could not use, and why. */
export interface SkippedBackend {
  backend: BackendName;
  reason: string;
}

/** How the wasm backend runs here. */
export interface WasmReport {
  /** The SIMD build is in use (XNNPACK's vectorised kernels): several times faster than the plain build. */
  simd: boolean;
  /**
   * The multi-threaded build is in use. Browsers allow it only on cross-origin-isolated pages (served with
   * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`), because it needs
   * SharedArrayBuffer; tfjs never uses it in Node.
   */
  threads: boolean;
  /** Threads XNNPACK uses (1 without the threaded build). */
  threadCount: number;
}

/** The outcome of {@link initBackend}: which backend runs, on what, and why the others did not. */
export interface BackendReport {
  backend: BackendName;
  /** Present when the chosen backend is `webgpu`. */
  adapter?: AdapterReport;
  /** True when the work runs on a CPU: the `cpu`/`wasm` backends, or a software GPU adapter. */
  runsOnCpu: boolean;
  /**
   * Bits of float precision the backend computes with. On webgl it is measured on the GPU (WebGL may silently use
   * float16 textures; tfjs 4.22's own answer is unreliable there and is corrected to the measured value).
   */
  floatPrecision: number;
  skipped: SkippedBackend[];
  /**
   * What a user should know before training here, in plain words: WebGL computing in float16, a software WebGPU
   * adapter, WebGPU in Node (read tensors with `await t.data()`; `dataSync()` fails). Empty when all is well.
   */
  warnings: string[];
  /** Deep Sky's own kernels in place on the chosen backend (gradients tfjs lacks there, faster replacements). */
  kernels: TrainingKernel[];
  /** Present when the chosen backend is `wasm`. */
  wasm?: WasmReport;
}
