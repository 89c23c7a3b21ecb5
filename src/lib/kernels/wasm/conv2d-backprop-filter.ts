/**
 * Conv2DBackpropFilter for the wasm backend, which tfjs 4.22 lacks (so no conv net could train on wasm).
 *
 * dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh − pad, ow·s + kw − pad, ci] · dy[b, oh, ow, co]
 * is itself a forward convolution with batch and channels swapped: the input is x as [ci, H, W, B] (channels ↔ batch),
 * the filter is dy as [oh, ow, B, co] dilated by the stride, and the output [ci, kh, kw, co] is transposed back.
 * That runs on wasm's Conv2D, i.e. XNNPACK's SIMD GEMM, instead of a scalar loop. Large batches are split into
 * chunks so that the dy "filter" (which XNNPACK copies and packs) stays small, and the chunks' results are summed.
 */
import * as tf from '@tensorflow/tfjs';
import {filterGradientArgs} from '../conv-args';
import {cropInputFor, cropSpatial, sumOverBatchChunks} from '../composite-steps';
import {explicitPadding, filterGradientPlans} from '../conv-geometry';
import {view, withKernelScope} from '../kernel-scope';

function conv2DBackpropFilter(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const {x, dy, filterShape, info, channelsLast} = filterGradientArgs(args);
  const backend = args.backend as tf.KernelBackend;
  const {rows, cols} = filterGradientPlans(info);
  const perSample = info.outHeight * info.outWidth * info.outChannels;
  return withKernelScope(backend, 'wasm', 'Conv2DBackpropFilter', (scope) => {
    const sum = sumOverBatchChunks(scope, x, dy, perSample, (xChunk, dyChunk) => {
      // x → [ci, H, W, b] and dy → [oh, ow, b, co], from either data format.
      const xT = scope.run(tf.Transpose, {x: xChunk}, {perm: channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0]});
      const dyT = scope.run(tf.Transpose, {x: dyChunk}, {perm: channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1]});
      const xIn = cropInputFor(scope, xT, rows, cols);
      const part = scope.run(tf.Conv2D, {x: xIn, filter: dyT}, {
        strides: [info.dilationHeight, info.dilationWidth],
        pad: explicitPadding(rows, cols),
        dilations: [info.strideHeight, info.strideWidth],
        dataFormat: 'NHWC',
      });
      return {part, temps: [xT, dyT, xIn]};
    });
    const dW = cropSpatial(scope, sum, 0, info.filterHeight, 0, info.filterWidth);
    const out = scope.run(tf.Transpose, {x: dW}, {perm: [1, 2, 0, 3]});
    return view(out, [...filterShape]);
  });
}

export const wasmConv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
