import * as tf from '@tensorflow/tfjs';
import type {WebGPUBackend} from '@tensorflow/tfjs-backend-webgpu';
import {registerTrainingKernels} from '../kernels';
import {lostBackend, watchWebGpuDevice} from './device-loss';
import {correctWebGlPrecision} from './webgl-precision';
import {
  DEFAULT_BACKEND_ORDER,
  type AdapterReport,
  type BackendName,
  type BackendReport,
  type SkippedBackend,
  type WasmReport,
} from './types';

/** Options of {@link initBackend}: which backends to try, in order, and where the wasm binaries are served from. */
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
 * It also puts Deep Sky's training kernels in place on that backend (see `registerTrainingKernels`), and, on WebGPU,
 * watches for device loss: if the device is lost, the next backend of `prefer` takes over and `onBackendLost`
 * listeners are told.
 *
 * ```ts
 * const report = await initBackend();               // webgpu → webgl → wasm → cpu
 * const cpuOnly = await initBackend({prefer: ['cpu']});
 * if (report.warnings.length) console.warn(report.warnings.join('\n'));
 * ```
 *
 * Reading results: on WebGPU in Node (tests, scripts), `tensor.dataSync()` / `arraySync()` throw (tfjs reads GPU
 * buffers synchronously through an OffscreenCanvas, which Node lacks); use `await tensor.data()` / `array()`, which
 * works everywhere and does not block a browser tab either.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendReport> {
  const order = options.prefer ?? DEFAULT_BACKEND_ORDER;
  if (order.length === 0) throw new Error('initBackend: `prefer` is empty; name at least one backend.');
  const skipped: SkippedBackend[] = [];
  for (const [i, backend] of order.entries()) {
    const failure = await tryBackend(backend, options);
    if (failure === null) {
      const kernels = registerTrainingKernels().filter((k) => k.backendName === backend);
      const adapter = backend === 'webgpu' ? await describeAdapter() : undefined;
      const wasm = backend === 'wasm' ? await describeWasm() : undefined;
      const floatPrecision = backend === 'webgl' ? await correctWebGlPrecision() : tf.backend().floatPrecision();
      if (backend === 'webgpu') {
        const rest = order.slice(i + 1);
        watchWebGpuDevice((tf.backend() as WebGPUBackend).device, tf.backend(), () =>
          initBackend({...options, prefer: rest.length > 0 ? rest : ['cpu']}),
        );
      }
      return {
        backend,
        adapter,
        runsOnCpu: backend === 'cpu' || backend === 'wasm' || adapter?.isFallbackAdapter === true,
        floatPrecision,
        skipped,
        warnings: warningsFor(backend, floatPrecision, adapter),
        kernels,
        wasm,
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
        const loss = lostBackend('webgpu');
        if (loss) return `the WebGPU device was lost earlier in this session (${loss.reason}); reload to use WebGPU again`;
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

function warningsFor(backend: BackendName, floatPrecision: number, adapter: AdapterReport | undefined): string[] {
  const warnings: string[] = [];
  if (backend === 'webgl' && floatPrecision === 16) {
    warnings.push(
      'WebGL computes in float16 on this device (measured: it cannot render to float32 textures): about 3 significant ' +
        'digits, values above 65,504 overflow, and training can stall or produce NaN. Prefer the wasm or cpu backend ' +
        "for training here: initBackend({prefer: ['wasm', 'cpu']}).",
    );
  }
  if (adapter?.isFallbackAdapter) {
    warnings.push(
      `The WebGPU adapter (${adapter.description || adapter.vendor || 'unnamed'}) is a software renderer: results ` +
        'are correct but everything runs on the CPU, usually slower than the wasm backend.',
    );
  }
  if (backend === 'webgpu' && typeof OffscreenCanvas === 'undefined') {
    warnings.push(
      'WebGPU without OffscreenCanvas (e.g. Node): tensor.dataSync() and arraySync() fail here; read results with ' +
        'await tensor.data() or await tensor.array().',
    );
  }
  return warnings;
}

async function describeWasm(): Promise<WasmReport> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const [simd, threads] = await Promise.all([
    tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') as Promise<boolean>,
    tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT') as Promise<boolean>,
  ]);
  return {simd, threads: simd && threads, threadCount: simd && threads ? wasm.getThreadsCount() : 1};
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
