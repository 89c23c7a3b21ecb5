/**
 * Every layer and block gives the same forward pass and gradients on webgpu (Dawn on SwiftShader in Node) as on the
 * cpu backend, plus one whole model (a thin ResNet-18) end to end.
 */
import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {registerTrainingKernels} from '../../src/lib/kernels';
import * as nn from '../../src/lib/nn';
import {setupWebGpuBackend} from '../helpers/webgpu';
import {read, relDiff, values} from '../unit/nn/helpers';
import {PARITY_CASES, runCase, type ParityCase} from '../unit/nn/parity-cases';

const gpu = await setupWebGpuBackend();
if (!gpu.skipReason) registerTrainingKernels(); // Deep Sky's faster conv filter gradient on webgpu (initBackend does this in the app)

const wholeModel: ParityCase = {
  name: 'ResNet-18 (thin, 8x8, inference-mode BN) end to end',
  inputs: [[2, 8, 8, 3]],
  build: ([x]) => nn.resnet18({inputShape: [8, 8, 3], nOut: 3, baseWidth: 4}).apply(x) as tf.SymbolicTensor,
  // Inference-mode BN: training-mode BN over 2 images at 1x1 (stage 4) is ill-conditioned (gradients differ by
  // ~1e-2 between any two float32 summation orders); the block cases check training mode at sane sizes.
};

describe.skipIf(gpu.skipReason)(`cpu ↔ webgpu parity of every layer and block (${gpu.adapter})`, () => {
  for (const c of [...PARITY_CASES, wholeModel]) {
    it(c.name, async () => {
      await tf.setBackend('cpu');
      const reference = await runCase(c);
      await tf.setBackend('webgpu');
      const {results} = await runCase(c, reference.weights);
      expect(results.map(([label]) => label)).toEqual(reference.results.map(([label]) => label));
      results.forEach(([label, v], i) => expect(relDiff(reference.results[i][1], v), label).toBeLessThan(1e-4));
    });
  }

  it('a training step on webgpu reads back with data() and keeps the tensor count flat', async () => {
    await tf.setBackend('webgpu');
    const model = nn.simpleCnn({inputShape: [12, 12, 1], channels: [4, 10], batchNorm: true});
    const x = tf.tensor4d(values(2 * 12 * 12, 1), [2, 12, 12, 1]);
    const y = tf.oneHot(tf.tensor1d([3, 7], 'int32'), 10);
    const optimizer = tf.train.sgd(0.05);
    const counts: number[] = [];
    for (let step = 0; step < 3; step++) {
      const cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, {training: true}) as tf.Tensor) as tf.Scalar, true)!;
      const [value] = await read([cost]);
      expect(Number.isFinite(value[0])).toBe(true);
      cost.dispose();
      counts.push(tf.memory().numTensors);
    }
    expect(counts[2]).toBe(counts[1]);
    optimizer.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });
});
