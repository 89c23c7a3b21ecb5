/**
 * MaxPoolGrad for the wasm backend. tfjs 4.22's is wrong and slow:
 * - it starts each window's running maximum at the smallest *positive* float, so a window whose values are all ≤ 0
 *   (max pooling after tanh, BatchNorm or LeakyReLU) routes its gradient nowhere: the gradient is silently lost;
 * - it searches, for every input pixel, every output window that could contain it (~5x a forward conv's time in
 *   Nielsen's net).
 * Here one pass over the output windows finds each window's first maximum (row-major, like the cpu backend; NaN and
 * −∞ windows route nothing, as on cpu) and adds dy there. It is memory-bound work, so it runs as plain JS over the
 * wasm heap: no scratch tensors.
 */
import * as tf from '@tensorflow/tfjs';
import type {BackendWasm} from '@tensorflow/tfjs-backend-wasm';
import {typedKernelArgs} from '../kernel-scope';

function maxPoolGrad(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const {inputs, attrs} = typedKernelArgs<'dy' | 'input', tf.MaxPoolGradAttrs>(args, tf.MaxPoolGrad, ['dy', 'input']);
  const backend = args.backend as BackendWasm;
  const {dy, input} = inputs;
  const {filterSize, strides, pad, dimRoundingMode} = attrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const {batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth} = info;
  const dx = backend.makeOutput(input.shape, 'float32');
  // Views taken after the allocation above: growing the wasm heap detaches older views.
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  const out = backend.typedArrayFromHeap(dx) as Float32Array;
  out.fill(0);
  const rowStride = inWidth * channels;
  // 2x2 windows (MaxPooling2D's default) get an unrolled path: twice as fast in V8 as the general loop over taps.
  const twoByTwo = info.effectiveFilterHeight === 2 && info.effectiveFilterWidth === 2;
  // Offsets (relative to the window's first pixel) of the window pixels inside the input, refreshed per window.
  const taps = new Int32Array(
    Math.ceil(info.effectiveFilterHeight / info.dilationHeight) * Math.ceil(info.effectiveFilterWidth / info.dilationWidth),
  );
  let read = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * info.strideHeight - info.padInfo.top;
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * info.strideWidth - info.padInfo.left;
        const corner = ((b * inHeight + h0) * inWidth + w0) * channels;
        if (twoByTwo && h0 >= 0 && h0 + 1 < inHeight && w0 >= 0 && w0 + 1 < inWidth) {
          for (let c = 0; c < channels; c++, read++) {
            // First maximum in row-major order; NaN never wins (as on cpu), and an all-NaN window routes nothing.
            const i0 = corner + c;
            const i1 = i0 + channels;
            const i2 = i0 + rowStride;
            const i3 = i2 + channels;
            let at = x[i0] > -Infinity ? i0 : -1;
            let best = at < 0 ? -Infinity : x[i0];
            if (x[i1] > best) {
              best = x[i1];
              at = i1;
            }
            if (x[i2] > best) {
              best = x[i2];
              at = i2;
            }
            if (x[i3] > best) at = i3;
            if (at >= 0) out[at] += g[read];
          }
          continue;
        }
        let numTaps = 0;
        for (let fh = 0; fh < info.effectiveFilterHeight; fh += info.dilationHeight) {
          if (h0 + fh < 0 || h0 + fh >= inHeight) continue;
          for (let fw = 0; fw < info.effectiveFilterWidth; fw += info.dilationWidth) {
            if (w0 + fw >= 0 && w0 + fw < inWidth) taps[numTaps++] = fh * rowStride + fw * channels;
          }
        }
        for (let c = 0; c < channels; c++, read++) {
          let best = -Infinity;
          let at = -1;
          for (let t = 0; t < numTaps; t++) {
            const i = corner + taps[t] + c;
            if (x[i] > best) {
              best = x[i];
              at = i;
            }
          }
          if (at >= 0) out[at] += g[read];
        }
      }
    }
  }
  return dx;
}

export const wasmMaxPoolGradConfig: tf.KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad,
};
