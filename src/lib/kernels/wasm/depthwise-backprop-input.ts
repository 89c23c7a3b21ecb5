/**
 * DepthwiseConv2dNativeBackpropInput for the wasm backend, which tfjs 4.22 lacks.
 *
 * dx[b, h, w, c] = Σ_{kh, kw, m} dyUp[b, h + pad − kh·d, …, c·M + m] · W[kh, kw, c, m], with dyUp = dy spread out by the
 * stride: a depthwise convolution of dyUp (multiplier 1, one channel per (c, m)) with the spatially flipped filter,
 * followed by a sum over the channel multiplier M. It runs on wasm's DepthwiseConv2dNative (XNNPACK).
 */
import * as tf from '@tensorflow/tfjs';
import {depthwiseInfo} from '../conv-args';
import {cropInputFor, cropSpatial, spreadByStride} from '../composite-steps';
import {explicitPadding, inputGradientPlans} from '../conv-geometry';
import {typedKernelArgs, view, withKernelScope} from '../kernel-scope';

function depthwiseBackpropInput(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const {inputs, backend, attrs} = typedKernelArgs<'dy' | 'filter', tf.DepthwiseConv2dNativeBackpropInputAttrs>(
    args,
    tf.DepthwiseConv2dNativeBackpropInput,
    ['dy', 'filter'],
  );
  const {dy, filter} = inputs;
  const [kh, kw, channels, multiplier] = filter.shape;
  const info = depthwiseInfo(attrs.inputShape, filter.shape as [number, number, number, number], attrs);
  return withKernelScope(backend, 'wasm', 'DepthwiseConv2dNativeBackpropInput', (scope) => {
    const dyUp = spreadByStride(scope, dy, info.strideHeight, info.strideWidth);
    const {rows, cols} = inputGradientPlans(info, dyUp.shape[1], dyUp.shape[2]);
    const flipped = scope.run(tf.Reverse, {x: filter}, {dims: [0, 1]});
    const perChannel = scope.run(
      tf.DepthwiseConv2dNative,
      {x: cropInputFor(scope, dyUp, rows, cols), filter: view(flipped, [kh, kw, channels * multiplier, 1])},
      {strides: [1, 1], pad: explicitPadding(rows, cols), dilations: [info.dilationHeight, info.dilationWidth]},
    );
    const dx = cropSpatial(scope, perChannel, 0, info.inHeight, 0, info.inWidth);
    if (multiplier === 1) return dx;
    const [b, h, w] = dx.shape;
    return scope.run(tf.Sum, {x: view(dx, [b, h, w, channels, multiplier])}, {axis: 4, keepDims: false});
  });
}

export const wasmDepthwiseBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropInput,
};
