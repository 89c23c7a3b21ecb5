/**
 * Deep Sky's cpu Conv2DBackpropFilter (memory-order loops) against tfjs' own cpu kernel, which stays the independent
 * reference for every other backend's filter gradient, and against finite differences.
 */
import * as tf from '@tensorflow/tfjs';
import {beforeAll, describe, expect, it} from 'vitest';
import {registerTrainingKernels, tfjsKernel, useKernelImplementation} from '../../../src/lib/kernels';
import {relativeError, valuesOn} from '../../helpers/backend-compare';
import {CONV_CASES, conv2dFilterGradientNCHW, conv2dGradients, finiteDifferenceErrors} from '../../helpers/conv-cases';

async function withTfjsKernel<T>(run: () => Promise<T>): Promise<T> {
  useKernelImplementation(tf.Conv2DBackpropFilter, 'cpu', 'tfjs');
  try {
    return await run();
  } finally {
    useKernelImplementation(tf.Conv2DBackpropFilter, 'cpu', 'deep-sky');
  }
}

describe('Conv2DBackpropFilter on cpu', () => {
  beforeAll(() => {
    registerTrainingKernels();
  });

  it("replaces tfjs' kernel and keeps the original reachable", () => {
    expect(tfjsKernel(tf.Conv2DBackpropFilter, 'cpu')).toBeDefined();
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'cpu')).not.toBe(tfjsKernel(tf.Conv2DBackpropFilter, 'cpu'));
  });

  it.each(CONV_CASES)("matches tfjs' own cpu kernel: $name", async (c) => {
    const [, ours] = await valuesOn('cpu', () => conv2dGradients(c));
    const [, theirs] = await withTfjsKernel(() => valuesOn('cpu', () => conv2dGradients(c)));
    expect(relativeError(ours, theirs)).toBeLessThan(1e-6);
  });

  it('passes a finite-difference check', async () => {
    for (const c of [CONV_CASES[1], CONV_CASES[4]]) {
      const errors = await finiteDifferenceErrors('cpu', c, (x, w) => tf.conv2d(x, w, c.strides, c.pad));
      expect(errors.w).toBeLessThan(1e-3);
    }
  });

  it("leaves NCHW data to tfjs' kernel, correctly", async () => {
    const [nhwc] = await valuesOn('cpu', () => conv2dGradients(CONV_CASES[0]).slice(1));
    const [nchw] = await valuesOn('cpu', () => conv2dFilterGradientNCHW(CONV_CASES[0]));
    expect(relativeError(nchw, nhwc)).toBeLessThan(1e-6);
  });
});
