/**
 * The Learner on webgpu (Dawn/SwiftShader): a few epochs of a small net with penalty, clipping and metrics agree
 * with the cpu backend, nothing reads back synchronously (dataSync throws in Node on webgpu), and the tensor count
 * stays flat. The 9-layer net has more variables than tfjs-webgpu's AddN can bind, which the penalty and the
 * clipping must survive.
 */
import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {
  accuracy,
  adamW,
  crossEntropyLoss,
  DataLoaders,
  GradientClipping,
  l2Penalty,
  Learner,
  createRng,
  type Callback,
} from '../../src/lib';
import {setupWebGpuBackend} from '../helpers/webgpu';

const gpu = await setupWebGpuBackend();

function data() {
  const rng = createRng(4);
  const make = (n: number) => {
    const x = Float32Array.from({length: n * 4}, () => rng.normal());
    const y = Int32Array.from({length: n}, (_, i) => (x[4 * i] + x[4 * i + 1] > 0 ? 1 : 0));
    return {x, y};
  };
  return DataLoaders.fromArrays(
    {train: make(64), valid: make(30), itemShape: [4], target: 'class'},
    {batchSize: 16, seed: 1, checkLeakage: false},
  );
}

function deepNet(): tf.LayersModel {
  const layers: tf.layers.Layer[] = [];
  for (let i = 0; i < 8; i++) {
    layers.push(
      tf.layers.dense({
        units: 6,
        activation: 'tanh',
        inputShape: i === 0 ? [4] : undefined,
        kernelInitializer: tf.initializers.glorotNormal({seed: i + 1}),
      }),
    );
  }
  layers.push(tf.layers.dense({units: 2, kernelInitializer: tf.initializers.glorotNormal({seed: 99})}));
  return tf.sequential({layers});
}

async function train(backend: string): Promise<{weights: Float32Array[]; losses: Float32Array; acc: number; flat: boolean}> {
  await tf.setBackend(backend);
  const counts: number[] = [];
  const count: Callback = {name: 'count', afterEpoch: () => void counts.push(tf.memory().numTensors)};
  const learn = new Learner(deepNet(), data(), {
    loss: crossEntropyLoss(),
    metrics: [accuracy()],
    opt: adamW({wd: 0.01}),
    penalty: l2Penalty({lambda: 1, n: 64}),
    callbacks: [new GradientClipping(0.5), count],
    progress: false,
  });
  await learn.fit(2, 1e-2);
  const weights = await Promise.all(learn.model.getWeights().map(async (w) => Float32Array.from(await w.data())));
  const result = {
    weights,
    losses: learn.recorder.validLoss.values.slice(),
    acc: learn.recorder.metrics.get('accuracy')!.last(),
    flat: new Set(counts).size === 1,
  };
  learn.dispose();
  learn.model.dispose();
  return result;
}

describe.skipIf(gpu.skipReason)(`Learner on webgpu (${gpu.adapter})`, () => {
  it('trains like the cpu backend, with penalty and clipping over many variables', async () => {
    const onGpu = await train('webgpu');
    const onCpu = await train('cpu');
    await tf.setBackend('webgpu');
    expect(onGpu.flat).toBe(true);
    expect(Array.from(onGpu.losses)).toEqual(Array.from(onCpu.losses).map((v) => expect.closeTo(v, 3)));
    expect(onGpu.acc).toBeCloseTo(onCpu.acc, 6);
    onGpu.weights.forEach((w, i) => {
      const maxDiff = Math.max(...w.map((v, j) => Math.abs(v - onCpu.weights[i][j])));
      expect(maxDiff).toBeLessThan(1e-3);
    });
  });
});
