/**
 * Conv2DBackpropInput for the wasm backend, replacing tfjs 4.22's scalar C++ loop (≈6x slower than its own forward
 * conv). It is also the forward pass of conv2dTranspose (U-Net decoders). Two formulations, both on XNNPACK:
 * - as a forward convolution: dx is the correlation of dy — spread out by the stride, with zeros in between, and
 *   padded — with the spatially flipped filter, its in/out channels swapped. No scratch beyond the spread dy, but it
 *   multiplies the zeros too: for a stride-2 or a small "valid" conv most of its work is wasted;
 * - as a matrix product and a scatter ("col2im"): cols = dy · Wᵀ ([b·oh·ow, kh·kw·ci], exactly the forward conv's
 *   multiply-adds), then every row is added into the dx window it came from.
 * The second is chosen when the first would do ≥1.5x the multiply-adds (cols are made a batch chunk at a time, at
 * most 64 MiB). NCHW data is left to tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import type {BackendWasm} from '@tensorflow/tfjs-backend-wasm';
import {batchChunks, cropInputFor, cropSpatial, sliceBatch, spreadByStride} from '../composite-steps';
import {explicitPadding, inputGradientPlans} from '../conv-geometry';
import {inputGradientArgs} from '../conv-args';
import {view, withKernelScope, type KernelScope} from '../kernel-scope';
import {requireTfjsKernel} from '../tfjs-originals';

/** Largest cols matrix (elements) the product formulation allocates at once (batch chunks): 16 Mi floats = 64 MiB. */
const MAX_COLS_ELEMENTS = 16 * 2 ** 20;

function asSpreadConvolution(
  scope: KernelScope,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const dyUp = spreadByStride(scope, dy, info.strideHeight, info.strideWidth);
  const {rows, cols} = inputGradientPlans(info, dyUp.shape[1], dyUp.shape[2]);
  // [kh, kw, ci, co] → flipped in space, [kh, kw, co, ci].
  const flipped = scope.run(tf.Reverse, {x: filter}, {dims: [0, 1]});
  const swapped = scope.run(tf.Transpose, {x: flipped}, {perm: [0, 1, 3, 2]});
  const dx = scope.run(tf.Conv2D, {x: cropInputFor(scope, dyUp, rows, cols), filter: swapped}, {
    strides: [1, 1],
    pad: explicitPadding(rows, cols),
    dilations: [info.dilationHeight, info.dilationWidth],
    dataFormat: 'NHWC',
  });
  return cropSpatial(scope, dx, 0, info.inHeight, 0, info.inWidth);
}

function asProductAndScatter(
  scope: KernelScope,
  backend: BackendWasm,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const {batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth} = info;
  const {strideHeight, strideWidth, dilationHeight, dilationWidth} = info;
  const k = filterHeight * filterWidth * inChannels;
  const rowsPerSample = outHeight * outWidth;
  const dx = scope.adopt(backend.makeOutput(info.inShape, 'float32'));
  (backend.typedArrayFromHeap(dx) as Float32Array).fill(0);
  for (const [b0, samples] of batchChunks(batchSize, Math.floor(MAX_COLS_ELEMENTS / (rowsPerSample * k)))) {
    const dyChunk = sliceBatch(scope, dy, b0, samples);
    const product = scope.run(
      tf.BatchMatMul,
      {a: view(dyChunk, [1, samples * rowsPerSample, outChannels]), b: view(filter, [1, k, outChannels])},
      {transposeA: false, transposeB: true},
    );
    // Views taken after the allocations above: growing the wasm heap detaches older views.
    const cols = backend.typedArrayFromHeap(product) as Float32Array;
    const out = backend.typedArrayFromHeap(dx) as Float32Array;
    let src = 0;
    for (let b = b0; b < b0 + samples; b++) {
      for (let oh = 0; oh < outHeight; oh++) {
        for (let ow = 0; ow < outWidth; ow++) {
          for (let kh = 0; kh < filterHeight; kh++) {
            const h = oh * strideHeight + kh * dilationHeight - info.padInfo.top;
            const rowInside = h >= 0 && h < inHeight;
            for (let kw = 0; kw < filterWidth; kw++, src += inChannels) {
              const w = ow * strideWidth + kw * dilationWidth - info.padInfo.left;
              if (!rowInside || w < 0 || w >= inWidth) continue;
              const dst = ((b * inHeight + h) * inWidth + w) * inChannels;
              for (let c = 0; c < inChannels; c++) out[dst + c] += cols[src + c];
            }
          }
        }
      }
    }
    scope.release(product);
    if (dyChunk !== dy) scope.release(dyChunk);
  }
  return dx;
}

function conv2DBackpropInput(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const {dy, filter, info, channelsLast} = inputGradientArgs(args);
  if (!channelsLast) return requireTfjsKernel(tf.Conv2DBackpropInput, 'wasm', 'NCHW data is not rewritten').kernelFunc(args);
  const backend = args.backend as BackendWasm;
  // Multiply-adds of the spread convolution (one window per dx pixel) vs the product (one per dy pixel).
  const spreadWork = info.inHeight * info.inWidth;
  const productWork = info.outHeight * info.outWidth;
  const colsPerSample = productWork * info.filterHeight * info.filterWidth * info.inChannels;
  const useProduct = spreadWork >= 1.5 * productWork && colsPerSample <= MAX_COLS_ELEMENTS;
  return withKernelScope(backend, 'wasm', 'Conv2DBackpropInput', (scope) =>
    useProduct ? asProductAndScatter(scope, backend, dy, filter, info) : asSpreadConvolution(scope, dy, filter, info),
  );
}

export const wasmConv2DBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput,
};
