import * as tf from '@tensorflow/tfjs';
import {afterAll, describe, expect, it} from 'vitest';
import {initBackend} from '../../../src/lib/backend';

describe('initBackend and the training kernels', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('starts wasm with its missing gradient kernels in place and says how wasm runs', async () => {
    const report = await initBackend({prefer: ['wasm', 'cpu']});
    expect(report.backend).toBe('wasm');
    expect(report.kernels.map((k) => k.kernelName)).toEqual(
      expect.arrayContaining(['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput']),
    );
    for (const k of report.kernels) expect(tf.getKernel(k.kernelName, 'wasm')).toBeDefined();
    // Node: tfjs uses the SIMD build and never the threaded one.
    expect(report.wasm).toEqual({simd: true, threads: false, threadCount: 1});
    expect(report.warnings).toEqual([]);
    // A conv filter gradient now runs on wasm.
    const dW = tf.grad((w: tf.Tensor) => tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid').sum())(
      tf.ones([3, 3, 1, 1]),
    );
    expect(Array.from(await dW.data())).toEqual(Array(9).fill(4));
  });

  it('reports the cpu kernels on cpu, without a wasm section', async () => {
    const report = await initBackend({prefer: ['cpu']});
    expect(report.kernels).toEqual([
      {kernelName: 'Conv2DBackpropFilter', backendName: 'cpu', replacesTfjs: true},
      {kernelName: 'ResizeNearestNeighborGrad', backendName: 'cpu', replacesTfjs: true},
    ]);
    expect(report.wasm).toBeUndefined();
  });
});
