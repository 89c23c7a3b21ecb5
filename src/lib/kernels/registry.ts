/**
 * Registers Deep Sky's training kernels with tfjs: the gradient kernels tfjs 4.22's wasm backend lacks, faster
 * replacements for slow ones (the conv filter gradient on webgpu, webgl and cpu; on wasm the conv input gradient and
 * products of transposed matrices), and fixes for wrong ones (wasm's max-pool gradient and float one-hot, cpu's nearest-neighbour
 * resize gradient for batch > 1). tfjs' own kernels are remembered so that benchmarks and unusual cases (NCHW data)
 * can still use them.
 */
import * as tf from '@tensorflow/tfjs';
import {cpuConv2DBackpropFilterConfig} from './cpu/conv2d-backprop-filter';
import {cpuResizeNearestNeighborGradConfig} from './cpu/resize-nearest-neighbor-grad';
import {kernelKey, rememberTfjsKernel, tfjsKernel} from './tfjs-originals';
import {wasmBatchMatMulConfig} from './wasm/batch-mat-mul';
import {wasmConv2DBackpropFilterConfig} from './wasm/conv2d-backprop-filter';
import {wasmConv2DBackpropInputConfig} from './wasm/conv2d-backprop-input';
import {wasmDepthwiseBackpropFilterConfig} from './wasm/depthwise-backprop-filter';
import {wasmDepthwiseBackpropInputConfig} from './wasm/depthwise-backprop-input';
import {wasmMaxPoolGradConfig} from './wasm/max-pool-grad';
import {wasmOneHotConfig} from './wasm/one-hot';
import {webglConv2DBackpropFilterConfig} from './webgl/conv2d-backprop-filter';
import {webgpuConv2DBackpropFilterConfig} from './webgpu/conv2d-backprop-filter';

/** Every kernel Deep Sky provides, for the backend it names. */
export const TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  wasmConv2DBackpropFilterConfig,
  wasmConv2DBackpropInputConfig,
  wasmDepthwiseBackpropFilterConfig,
  wasmDepthwiseBackpropInputConfig,
  wasmMaxPoolGradConfig,
  wasmBatchMatMulConfig,
  wasmOneHotConfig,
  webgpuConv2DBackpropFilterConfig,
  webglConv2DBackpropFilterConfig,
  cpuConv2DBackpropFilterConfig,
  cpuResizeNearestNeighborGradConfig,
];

/** One kernel Deep Sky has in place. */
export interface TrainingKernel {
  kernelName: string;
  backendName: string;
  /** True when it replaced a kernel of tfjs' own (still reachable through {@link tfjsKernel}); false when it filled a gap. */
  replacesTfjs: boolean;
}

/** What this module registered, by `backend/kernel`: our kernel, carrying the replaced kernel's setup/dispose. */
const registered = new Map<string, tf.KernelConfig>();

/**
 * Puts Deep Sky's training kernels in place for every tfjs backend whose package has been loaded (wasm and webgpu are
 * imported lazily by `initBackend`, so call this again after importing one; it is idempotent and cheap). Returns
 * what is in place. `initBackend` calls it for you.
 *
 * A backend package imported *after* this call re-registers its own kernels over ours (tfjs logs "already
 * registered"); calling this again restores ours.
 */
export function registerTrainingKernels(): TrainingKernel[] {
  const inPlace: TrainingKernel[] = [];
  for (const config of TRAINING_KERNELS) {
    const {kernelName, backendName} = config;
    if (tf.getKernelsForBackend(backendName).length === 0) continue; // that backend's package is not loaded
    const current = tf.getKernel(kernelName, backendName);
    const ours = registered.get(kernelKey(kernelName, backendName));
    if (current === undefined || current !== ours) {
      if (current) {
        rememberTfjsKernel(current);
        tf.unregisterKernel(kernelName, backendName);
      }
      // tfjs runs a backend's kernel setups when the backend starts; ours must run the replaced kernel's setup (wasm
      // kernels bind their C++ functions there), since ours may delegate to it and it stays reachable.
      const original = tfjsKernel(kernelName, backendName);
      const replacement: tf.KernelConfig = {...config, setupFunc: original?.setupFunc, disposeFunc: original?.disposeFunc};
      tf.registerKernel(replacement);
      registered.set(kernelKey(kernelName, backendName), replacement);
    }
    inPlace.push({kernelName, backendName, replacesTfjs: tfjsKernel(kernelName, backendName) !== undefined});
  }
  return inPlace;
}

/** Which implementation of a replaced kernel runs: Deep Sky's or tfjs' original. */
export type KernelImplementation = 'deep-sky' | 'tfjs';

/**
 * Switches one kernel between Deep Sky's implementation and tfjs' original, for benchmarks and for bisecting a
 * suspected kernel bug. Throws when the requested implementation does not exist on that backend (e.g. tfjs has no
 * wasm Conv2DBackpropFilter).
 */
export function useKernelImplementation(
  kernelName: string,
  backendName: string,
  implementation: KernelImplementation,
): void {
  const wanted =
    implementation === 'tfjs' ? tfjsKernel(kernelName, backendName) : registered.get(kernelKey(kernelName, backendName));
  if (!wanted) {
    throw new Error(
      `useKernelImplementation: there is no ${implementation === 'tfjs' ? "tfjs'" : "Deep Sky's"} '${kernelName}' ` +
        `kernel for '${backendName}' (or registerTrainingKernels() has not put Deep Sky's kernels in place yet).`,
    );
  }
  if (tf.getKernel(kernelName, backendName) === wanted) return;
  if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel(wanted);
}
