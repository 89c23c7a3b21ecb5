// The data module on WebGPU: tfjs' Transform kernel (the one-op-per-batch fast path of geometric augmentation) must
// agree with the gather sampler on cpu, and a DataLoaders batch must be identical on both backends. Kept tiny.
import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {DataLoaders, augmentBatch, randomFlip, randomRotate90, randomRotation, randomShift, randomZoom, transformKernelWorks} from '../../src/lib';
import {setupWebGpuBackend} from '../helpers/webgpu';

const gpu = await setupWebGpuBackend();

async function on<T>(backend: string, work: () => Promise<T>): Promise<T> {
  await tf.setBackend(backend);
  try {
    return await work();
  } finally {
    await tf.setBackend('webgpu');
  }
}

describe.skipIf(gpu.skipReason)(`data augmentation on webgpu (${gpu.adapter})`, () => {
  it("uses the Transform kernel and matches the cpu gather sampler for every fill mode", async () => {
    expect(transformKernelWorks('reflect')).toBe(true);
    const pixels = Float32Array.from({length: 3 * 10 * 10 * 2}, (_, i) => Math.sin(i * 0.37) + (i % 5));
    const masks = Int32Array.from({length: 3 * 10 * 10}, (_, i) => ((i % 10) > 4 ? 1 : 0));
    const augmentations = [randomRotation({maxDegrees: 50, p: 1}), randomZoom({min: 0.7, max: 1.3, p: 1}), randomShift({p: 1}), randomFlip()];
    for (const fillMode of ['reflect', 'nearest', 'constant'] as const) {
      const run = async () => {
        const x = tf.tensor4d(pixels, [3, 10, 10, 2]);
        const mask = tf.tensor3d(masks, [3, 10, 10], 'int32');
        const out = augmentBatch({x, mask}, augmentations, 5, {fillMode});
        const result = {x: Array.from(await out.x.data()), mask: Array.from(await out.mask!.data())};
        tf.dispose([x, mask, out.x, out.mask!]);
        return result;
      };
      const kernel = await run();
      const gather = await on('cpu', run);
      kernel.x.forEach((v, i) => expect(v, `${fillMode} x[${i}]`).toBeCloseTo(gather.x[i], 4));
      expect(kernel.mask.filter((v, i) => v !== gather.mask[i]).length, `${fillMode} mask`).toBeLessThanOrEqual(2);
    }
  });

  it('builds the same augmented, normalised batches as the cpu backend', async () => {
    const x = Uint8Array.from({length: 8 * 6 * 6}, (_, i) => (i * 29) % 256);
    const y = Uint8Array.from({length: 8}, (_, i) => i % 2);
    const make = () => DataLoaders.fromArrays({train: {x, y}, valid: {x, y}, itemShape: [6, 6, 1]}, {batchSize: 4, seed: 7, normalize: 'data', augment: [randomFlip(), randomRotate90()], checkLeakage: false});
    const read = async () => {
      const batch = make().train.batchAt(1, 2);
      const values = {x: Array.from(await batch.x.data()), y: Array.from(await batch.y.data())};
      tf.dispose([batch.x, batch.y]);
      return values;
    };
    const onGpu = await read();
    const onCpu = await on('cpu', read);
    expect(onGpu.y).toEqual(onCpu.y);
    onGpu.x.forEach((v, i) => expect(v).toBeCloseTo(onCpu.x[i], 5));
  });
});
