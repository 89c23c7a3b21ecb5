/**
 * DepthwiseConv2dNativeBackpropFilter for the wasm backend, which tfjs 4.22 lacks (depthwise and separable convs could
 * not train on wasm).
 *
 * dW[kh, kw, c, m] = Σ_{b, oh, ow} x[b, oh·s + kh·d − pad, …, c] · dy[b, oh, ow, c·M + m] is a depthwise convolution
 * once the batch is folded into the channels: input x as [1, H, W, B·C], filter dy as [oh, ow, B·C, M] dilated by the
 * stride, output [1, kh, kw, B·C·M], summed over B. It runs on wasm's DepthwiseConv2dNative (XNNPACK).
 */
import * as tf from '@tensorflow/tfjs';
import {depthwiseInfo} from '../conv-args';
import {cropInputFor, cropSpatial, sumOverBatchChunks} from '../composite-steps';
import {explicitPadding, filterGradientPlans} from '../conv-geometry';
import {typedKernelArgs, view, withKernelScope} from '../kernel-scope';

function depthwiseBackpropFilter(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const {inputs, backend, attrs} = typedKernelArgs<'x' | 'dy', tf.DepthwiseConv2dNativeBackpropFilterAttrs>(
    args,
    tf.DepthwiseConv2dNativeBackpropFilter,
    ['x', 'dy'],
  );
  const {x, dy} = inputs;
  const filterShape = attrs.filterShape;
  const info = depthwiseInfo(x.shape as [number, number, number, number], filterShape, attrs);
  const [kh, kw, channels, multiplier] = filterShape;
  const {rows, cols} = filterGradientPlans(info);
  const perSample = info.outHeight * info.outWidth * info.outChannels;
  return withKernelScope(backend, 'wasm', 'DepthwiseConv2dNativeBackpropFilter', (scope) => {
    const sum = sumOverBatchChunks(scope, x, dy, perSample, (xChunk, dyChunk, size) => {
      const xT = scope.run(tf.Transpose, {x: xChunk}, {perm: [1, 2, 0, 3]});
      const dyT = scope.run(tf.Transpose, {x: dyChunk}, {perm: [1, 2, 0, 3]});
      const xIn = cropInputFor(scope, view(xT, [1, info.inHeight, info.inWidth, size * channels]), rows, cols);
      const part = scope.run(
        tf.DepthwiseConv2dNative,
        {x: xIn, filter: view(dyT, [info.outHeight, info.outWidth, size * channels, multiplier])},
        {
          strides: [info.dilationHeight, info.dilationWidth],
          pad: explicitPadding(rows, cols),
          dilations: [info.strideHeight, info.strideWidth],
        },
      );
      // [1, kh, kw, b·C·M] summed over b.
      const cropped = cropSpatial(scope, part, 0, kh, 0, kw);
      const perChunk = scope.run(tf.Sum, {x: view(cropped, [kh * kw, size, channels * multiplier])}, {axis: 1, keepDims: false});
      return {part: perChunk, temps: [xT, dyT, xIn, part, cropped]};
    });
    return view(sum, [...filterShape]);
  });
}

export const wasmDepthwiseBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropFilter,
};
