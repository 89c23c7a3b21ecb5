/**
 * OneHot for the wasm backend. tfjs 4.22's C++ kernel always writes int32 values, whatever `dtype` asks for, into an
 * output of that dtype: `tf.oneHot(codes, k, 1, 0, 'float32')` comes back holding the bit pattern of integer 1
 * (1.4e-45) instead of 1.0. Every loss and metric that one-hot encodes class codes then sees all-zero targets, and
 * classifiers silently learn nothing on wasm. Here float outputs are written directly (memory-bound work, plain JS
 * over the wasm heap, as the cpu backend does); int32 outputs stay with tfjs' kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type {BackendWasm} from '@tensorflow/tfjs-backend-wasm';
import {typedKernelArgs} from '../kernel-scope';
import {requireTfjsKernel} from '../tfjs-originals';

function oneHot(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const {inputs, attrs} = typedKernelArgs<'indices', tf.OneHotAttrs>(args, tf.OneHot, ['indices']);
  if (attrs.dtype === 'int32') return requireTfjsKernel(tf.OneHot, 'wasm', 'it writes int32 outputs').kernelFunc(args);
  const backend = args.backend as BackendWasm;
  const {depth, onValue, offValue, dtype} = attrs;
  const {indices} = inputs;
  const out = backend.makeOutput([...indices.shape, depth], dtype);
  // Views taken after the allocation above: growing the wasm heap detaches older views.
  const codes = backend.typedArrayFromHeap(indices);
  const values = backend.typedArrayFromHeap(out);
  values.fill(offValue);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code >= 0 && code < depth) values[i * depth + code] = onValue;
  }
  return out;
}

export const wasmOneHotConfig: tf.KernelConfig = {
  kernelName: tf.OneHot,
  backendName: 'wasm',
  kernelFunc: oneHot,
};
