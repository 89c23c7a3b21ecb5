/**
 * Deep Sky's webgpu Conv2DBackpropFilter (tiled split-K GEMM) against the cpu backend and tfjs' own webgpu kernel,
 * on Dawn/SwiftShader. Sizes stay tiny: SwiftShader runs on the CPU.
 */
import * as tf from '@tensorflow/tfjs';
import {beforeAll, describe, expect, it} from 'vitest';
import {registerTrainingKernels, tfjsKernel, useKernelImplementation} from '../../src/lib/kernels';
import {relativeError, valuesOn} from '../helpers/backend-compare';
import {
  CONV_CASES,
  conv2dFilterGradientNCHW,
  conv2dGradients,
  finiteDifferenceErrors,
  type ConvCase,
} from '../helpers/conv-cases';
import {setupWebGpuBackend} from '../helpers/webgpu';

const gpu = await setupWebGpuBackend();

/** Long enough a reduction (b·oh·ow = 1,600) to be split into several chunks and summed by a second pass. */
const SPLIT_CASE: ConvCase = {name: 'long reduction, split in chunks', x: [4, 20, 20, 2], filter: [3, 3, 2, 5], strides: 1, pad: 'same'};
/** More weights than one 32x32 tile along both k (3·3·6 = 54) and co (40). */
const MULTI_TILE_CASE: ConvCase = {name: 'several tiles', x: [2, 6, 6, 6], filter: [3, 3, 6, 40], strides: 1, pad: 'valid'};

describe.skipIf(gpu.skipReason)(`Conv2DBackpropFilter on webgpu (${gpu.adapter})`, () => {
  beforeAll(() => {
    registerTrainingKernels();
  });

  it("replaces tfjs' kernel and keeps the original reachable", () => {
    expect(tfjsKernel('Conv2DBackpropFilter', 'webgpu')).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropFilter', 'webgpu')).not.toBe(tfjsKernel('Conv2DBackpropFilter', 'webgpu'));
  });

  it.each([...CONV_CASES, SPLIT_CASE, MULTI_TILE_CASE])('matches the cpu backend: $name', async (c) => {
    const [, dW] = await valuesOn('cpu', () => conv2dGradients(c));
    const [, actual] = await valuesOn('webgpu', () => conv2dGradients(c));
    expect(relativeError(actual, dW)).toBeLessThan(1e-5);
  });

  it("matches tfjs' own webgpu kernel", async () => {
    const filterGradient = () => conv2dGradients(SPLIT_CASE).slice(1);
    const [ours] = await valuesOn('webgpu', filterGradient);
    useKernelImplementation('Conv2DBackpropFilter', 'webgpu', 'tfjs');
    try {
      const [theirs] = await valuesOn('webgpu', filterGradient);
      expect(relativeError(ours, theirs)).toBeLessThan(1e-5);
    } finally {
      useKernelImplementation('Conv2DBackpropFilter', 'webgpu', 'deep-sky');
    }
  });

  it.each([CONV_CASES[1], SPLIT_CASE])('passes a finite-difference check: $name', async (c) => {
    const errors = await finiteDifferenceErrors('webgpu', c, (x, w) => tf.conv2d(x, w, c.strides, c.pad));
    expect(errors.w).toBeLessThan(1e-3);
  });

  it("leaves NCHW data to tfjs' kernel, correctly", async () => {
    const [reference] = await valuesOn('cpu', () => conv2dFilterGradientNCHW(CONV_CASES[0]));
    const [actual] = await valuesOn('webgpu', () => conv2dFilterGradientNCHW(CONV_CASES[0]));
    expect(relativeError(actual, reference)).toBeLessThan(1e-5);
  });

  it('frees its partial sums (tensors and GPU buffers stay level)', async () => {
    await tf.setBackend('webgpu');
    const step = async () => {
      const grads = tf.tidy(() => conv2dGradients(SPLIT_CASE));
      await grads[1].data();
      tf.dispose(grads);
    };
    await step();
    const tensors = tf.memory().numTensors;
    const buffers = tf.backend().numDataIds();
    await step();
    await step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
  });
});
