import * as tf from '@tensorflow/tfjs';
import {
  DEFAULT_BACKEND_ORDER,
  type AdapterReport,
  type BackendName,
  type BackendReport,
  type SkippedBackend,
} from './types';

export interface InitBackendOptions {
  /** Backends to try, first to last. Default: webgpu, webgl, wasm, cpu. */
  prefer?: readonly BackendName[];
  /**
   * Where the tfjs wasm binaries are served from (a directory URL ending in `/`, or a map from file name to URL).
   * The app passes the URLs Vite serves from the installed package; Node needs nothing.
   */
  wasmPaths?: string | Record<string, string>;
}

/**
 * Start the first backend in `prefer` that works here and report what was chosen and why the others were skipped.
 *
 * ```ts
 * const report = await initBackend();               // webgpu → webgl → wasm → cpu
 * const cpuOnly = await initBackend({prefer: ['cpu']});
 * ```
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendReport> {
  const order = options.prefer ?? DEFAULT_BACKEND_ORDER;
  if (order.length === 0) throw new Error('initBackend: `prefer` is empty; name at least one backend.');
  const skipped: SkippedBackend[] = [];
  for (const backend of order) {
    const failure = await tryBackend(backend, options);
    if (failure === null) {
      const adapter = backend === 'webgpu' ? await describeAdapter() : undefined;
      return {
        backend,
        adapter,
        runsOnCpu: backend === 'cpu' || backend === 'wasm' || adapter?.isFallbackAdapter === true,
        floatPrecision: tf.backend().floatPrecision(),
        skipped,
      };
    }
    skipped.push({backend, reason: failure});
  }
  throw new Error(
    `initBackend: no backend could start. ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`,
  );
}

/** Returns null when `backend` is now active, otherwise why it could not start. */
async function tryBackend(backend: BackendName, options: InitBackendOptions): Promise<string | null> {
  try {
    switch (backend) {
      case 'webgpu': {
        const why = await whyNoWebGpu();
        if (why) return why;
        // The webgpu package registers itself only if navigator.gpu exists when it is imported, so import it late.
        await import('@tensorflow/tfjs-backend-webgpu');
        break;
      }
      case 'webgl':
        if (!hasWebGl()) return 'no WebGL2 context can be created here';
        break;
      case 'wasm': {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
        break;
      }
      case 'cpu':
        break;
    }
    if (!tf.findBackendFactory(backend)) return `the ${backend} backend is not registered`;
    const ok = await tf.setBackend(backend);
    if (!ok) return `the ${backend} backend failed to initialise (see the console for the underlying error)`;
    await tf.ready();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function whyNoWebGpu(): Promise<string | null> {
  const gpu = typeof navigator === 'undefined' ? undefined : navigator.gpu;
  if (!gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
  const adapter = await gpu.requestAdapter({powerPreference: 'high-performance'});
  if (!adapter) return 'WebGPU is present but no adapter is available (is it disabled, or blocklisted for this GPU?)';
  return null;
}

function hasWebGl(): boolean {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1).getContext('webgl2') !== null;
  if (typeof document !== 'undefined') return document.createElement('canvas').getContext('webgl2') !== null;
  return false;
}

/** Describes the adapter the webgpu backend runs on. */
export async function describeAdapter(): Promise<AdapterReport | undefined> {
  const adapter = await navigator.gpu?.requestAdapter({powerPreference: 'high-performance'});
  if (!adapter) return undefined;
  const info = adapter.info;
  // `isFallbackAdapter` moved from the adapter to its info; read whichever this browser has.
  const legacy = adapter as GPUAdapter & {isFallbackAdapter?: boolean};
  const fallbackFlag = (info as GPUAdapterInfo & {isFallbackAdapter?: boolean}).isFallbackAdapter ?? legacy.isFallbackAdapter;
  const softwareName = /swiftshader|llvmpipe|lavapipe|warp|microsoft basic/i.test(
    `${info.vendor} ${info.architecture} ${info.description}`,
  );
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: fallbackFlag === true || softwareName,
    limits: {
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    },
  };
}
