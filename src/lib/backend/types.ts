/** The tfjs backends Deep Sky knows how to start, in its default order of preference. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

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

export interface SkippedBackend {
  backend: BackendName;
  reason: string;
}

/** The outcome of {@link initBackend}: which backend runs, on what, and why the others did not. */
export interface BackendReport {
  backend: BackendName;
  /** Present when the chosen backend is `webgpu`. */
  adapter?: AdapterReport;
  /** True when the work runs on a CPU: the `cpu`/`wasm` backends, or a software GPU adapter. */
  runsOnCpu: boolean;
  /** Bits of float precision the backend computes with (WebGL may silently use 16). */
  floatPrecision: number;
  skipped: SkippedBackend[];
}
