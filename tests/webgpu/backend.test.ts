import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {initBackend} from '../../src/lib';
import {setupWebGpuBackend} from '../helpers/webgpu';

const gpu = await setupWebGpuBackend();

describe.skipIf(gpu.skipReason)(`webgpu backend in Node (${gpu.adapter})`, () => {
  it('is active and multiplies matrices correctly', async () => {
    expect(tf.getBackend()).toBe('webgpu');
    const c = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]]));
    expect(Array.from(await c.data())).toEqual([19, 22, 43, 50]);
  });

  it('initBackend reports the adapter and that it is a software (CPU) one', async () => {
    const report = await initBackend({prefer: ['webgpu']});
    expect(report.backend).toBe('webgpu');
    expect(report.adapter?.description).toMatch(/\S/);
    expect(report.adapter?.limits.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(128 * 2 ** 20);
    expect(report.floatPrecision).toBe(32);
  });

  it('computes the same conv gradients as the cpu backend', async () => {
    const x = Float32Array.from({length: 2 * 8 * 8 * 3}, (_, i) => Math.sin(i));
    const w = Float32Array.from({length: 3 * 3 * 3 * 4}, (_, i) => Math.cos(i));
    const onGpu = await convGrads(x, w);
    await tf.setBackend('cpu');
    const onCpu = await convGrads(x, w);
    await tf.setBackend('webgpu');
    for (let k = 0; k < 2; k++) {
      const scale = Math.max(...Array.from(onCpu[k], Math.abs));
      const maxDiff = Math.max(...Array.from(onCpu[k], (v, i) => Math.abs(v - onGpu[k][i])));
      expect(maxDiff / scale).toBeLessThan(1e-5);
    }
  });
});

async function convGrads(x: Float32Array, w: Float32Array): Promise<Float32Array[]> {
  const loss = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same').square().sum();
  const grads = tf.grads(loss)([tf.tensor4d(x, [2, 8, 8, 3]), tf.tensor4d(w, [3, 3, 3, 4])]);
  const values = await Promise.all(grads.map((g) => g.data() as Promise<Float32Array>));
  tf.dispose(grads);
  return values;
}
