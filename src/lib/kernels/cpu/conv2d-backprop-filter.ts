/**
 * Conv2DBackpropFilter for the cpu backend. tfjs 4.22's loops over filter weights outermost and reads every x and dy
 * element through a TensorBuffer index computation per multiply-add: on the cpu backend it is 65–95% of a conv net's
 * training step (seconds per batch for an MNIST conv net), which also makes every cpu-reference test slow.
 *
 * Here the loops run in memory order instead: for each output position and filter tap, one x row of `inChannels`
 * values times one dy row of `outChannels` values is a rank-1 update of a contiguous [inChannels, outChannels] slab
 * of dW, so the innermost loop streams through both arrays. Same sums in float64, so the result equals tfjs' up to
 * summation order.
 * NCHW data is left to tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import type {MathBackendCPU} from '@tensorflow/tfjs-backend-cpu';
import {filterGradientArgs} from '../conv-args';
import {requireTfjsKernel} from '../tfjs-originals';

function conv2DBackpropFilter(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const {x, dy, filterShape, info, channelsLast} = filterGradientArgs(args);
  if (!channelsLast) return requireTfjsKernel(tf.Conv2DBackpropFilter, 'cpu', 'NCHW data is not rewritten').kernelFunc(args) as tf.TensorInfo;
  const backend = args.backend as MathBackendCPU;
  const xValues = backend.readSync(x.dataId) as Float32Array;
  const dyValues = backend.readSync(dy.dataId) as Float32Array;
  const {batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co} = info;
  const {filterHeight: kh, filterWidth: kw, strideHeight, strideWidth} = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Accumulate in float64 as tfjs' kernel does (its running dot product is a JS number): long reductions stay exact
  // to float32 rounding whatever the batch size.
  const dW = new Float64Array(kh * kw * ci * co);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyRow = ((b * outHeight + oh) * outWidth + ow) * co;
        for (let r = 0; r < kh; r++) {
          const ih = oh * strideHeight - top + r;
          if (ih < 0 || ih >= inHeight) continue;
          for (let c = 0; c < kw; c++) {
            const iw = ow * strideWidth - left + c;
            if (iw < 0 || iw >= inWidth) continue;
            const xRow = ((b * inHeight + ih) * inWidth + iw) * ci;
            let slab = (r * kw + c) * ci * co;
            for (let i = 0; i < ci; i++, slab += co) {
              const xv = xValues[xRow + i];
              if (xv === 0) continue; // ReLU outputs and zero padding: common, and free to skip
              for (let o = 0; o < co; o++) dW[slab + o] += xv * dyValues[dyRow + o];
            }
          }
        }
      }
    }
  }
  return backend.makeTensorInfo(filterShape, 'float32', Float32Array.from(dW));
}

export const cpuConv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'cpu',
  kernelFunc: conv2DBackpropFilter,
};
