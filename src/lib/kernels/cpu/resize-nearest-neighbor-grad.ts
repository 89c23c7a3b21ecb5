/**
 * ResizeNearestNeighborGrad for the cpu backend. tfjs 4.22's reads dy at the *image's* batch stride (`b ·
 * imagesStrides[0]`) instead of dy's, so for batch > 1 every sample after the first gets another sample's (or no)
 * gradient: U-Net decoders with UpSampling2D trained wrongly on cpu, and cpu was a wrong reference for the other
 * backends. This is the exact adjoint of tfjs' cpu forward kernel: each dy pixel is added to the input pixel the
 * forward pass copied it from (same index rule, including alignCorners and halfPixelCenters).
 */
import * as tf from '@tensorflow/tfjs';
import type {MathBackendCPU} from '@tensorflow/tfjs-backend-cpu';
import {typedKernelArgs} from '../kernel-scope';

/** The forward pass's source index for output index `i` along one axis. */
function sourceIndex(i: number, inSize: number, outSize: number, alignCorners: boolean, halfPixelCenters: boolean): number {
  const aligned = alignCorners && outSize > 1;
  const ratio = (aligned ? inSize - 1 : inSize) / (aligned ? outSize - 1 : outSize);
  const frac = halfPixelCenters ? ratio * (i + 0.5) : ratio * i;
  const nearest = Math.min(inSize - 1, alignCorners ? Math.round(frac) : Math.floor(frac));
  return halfPixelCenters ? Math.max(0, nearest) : nearest;
}

function resizeNearestNeighborGrad(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const {inputs, attrs} = typedKernelArgs<'images' | 'dy', tf.ResizeNearestNeighborGradAttrs>(
    args,
    tf.ResizeNearestNeighborGrad,
    ['images', 'dy'],
  );
  const backend = args.backend as MathBackendCPU;
  const {images, dy} = inputs;
  const {alignCorners, halfPixelCenters} = attrs;
  const [batch, inH, inW, depth] = images.shape;
  const [, outH, outW] = dy.shape;
  const dyValues = backend.readSync(dy.dataId) as Float32Array;
  const dx = new Float32Array(batch * inH * inW * depth);
  const rows = Array.from({length: outH}, (_, r) => sourceIndex(r, inH, outH, alignCorners, halfPixelCenters));
  const cols = Array.from({length: outW}, (_, c) => sourceIndex(c, inW, outW, alignCorners, halfPixelCenters));
  let read = 0;
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < outH; r++) {
      const rowBase = (b * inH + rows[r]) * inW;
      for (let c = 0; c < outW; c++) {
        const base = (rowBase + cols[c]) * depth;
        for (let d = 0; d < depth; d++) dx[base + d] += dyValues[read++];
      }
    }
  }
  return backend.makeTensorInfo(images.shape, 'float32', dx);
}

export const cpuResizeNearestNeighborGradConfig: tf.KernelConfig = {
  kernelName: tf.ResizeNearestNeighborGrad,
  backendName: 'cpu',
  kernelFunc: resizeNearestNeighborGrad,
};
