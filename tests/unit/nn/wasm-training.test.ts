/**
 * A full training step (forward in training mode, backward, SGD update) of LeNet-5, Nielsen's two-conv net,
 * ResNet-18 at 64x64 and a U-Net at 64x64 runs on the wasm backend — which needs the gradient kernels tfjs 4.22's
 * wasm backend lacks (Conv2DBackpropFilter, depthwise backprop), registered by src/lib/kernels — and keeps the tensor
 * count flat. For the two small nets the gradients are also checked against the cpu backend's.
 */
import * as tf from '@tensorflow/tfjs';
import {beforeAll, describe, expect, it} from 'vitest';
import {initBackend} from '../../../src/lib/backend';
import * as nn from '../../../src/lib/nn';
import {read, relDiff, values} from './helpers';

beforeAll(async () => {
  // Loads tfjs' wasm backend and registers Deep Sky's training kernels (the gradients tfjs lacks on wasm).
  const report = await initBackend({prefer: ['wasm']});
  expect(report.backend).toBe('wasm');
});

interface Case {
  name: string;
  make: () => tf.LayersModel;
  batch: number;
  /** Also compare the gradients with the cpu backend's (only where cpu is quick enough). */
  checkCpu: boolean;
}

const cases: Case[] = [
  {name: 'LeNet-5', make: () => nn.lenet5(), batch: 4, checkCpu: true},
  {name: "Nielsen's two-conv net", make: () => nn.network3(nn.NETWORK3_LADDER.twoConvPoolRelu), batch: 4, checkCpu: true},
  {name: 'ResNet-18 at 64x64', make: () => nn.resnet18({inputShape: [64, 64, 3], nOut: 10}), batch: 2, checkCpu: false},
  {name: 'U-Net at 64x64 (ResNet-18 encoder)', make: () => nn.unet({inputShape: [64, 64, 3], nClasses: 3, encoder: 'resnet18'}), batch: 2, checkCpu: false},
];

function data(model: tf.LayersModel, batch: number): [tf.Tensor, tf.Tensor] {
  const [, ...inShape] = model.inputs[0].shape as number[];
  const [, ...outShape] = model.outputs[0].shape as number[];
  const size = (s: number[]) => batch * s.reduce((a, b) => a * b, 1);
  return [tf.tensor(values(size(inShape), 1), [batch, ...inShape]), tf.tensor(values(size(outShape), 2), [batch, ...outShape])];
}

const loss = (model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor) => () =>
  tf.losses.meanSquaredError(y, model.apply(x, {training: true}) as tf.Tensor) as tf.Scalar;

/** Gradients of the loss for the model's weights given as arrays, on the current backend. */
async function gradients(c: Case, weights: Float32Array[]): Promise<Float32Array[]> {
  const model = c.make();
  model.weights.forEach((w, i) => w.write(tf.tensor(weights[i], w.shape as number[])));
  const [x, y] = data(model, c.batch);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const {value, grads} = tf.variableGrads(loss(model, x, y), vars);
  const out = await read(vars.map((v) => grads[v.name]));
  tf.dispose([value, x, y, ...Object.values(grads)]);
  model.dispose();
  return out;
}

describe('full training steps on the wasm backend', () => {
  for (const c of cases) {
    it(c.name, async () => {
      await tf.setBackend('wasm');
      const model = c.make();
      const [x, y] = data(model, c.batch);
      const optimizer = tf.train.sgd(0.01);
      const before = await read(model.trainableWeights.map((w) => w.read()));
      const counts: number[] = [];
      for (let step = 0; step < 2; step++) {
        const cost = optimizer.minimize(loss(model, x, y), true)!;
        expect(Number.isFinite((await cost.data())[0])).toBe(true);
        cost.dispose();
        counts.push(tf.memory().numTensors);
      }
      expect(counts[1]).toBe(counts[0]); // plain SGD keeps no state, so the count is flat from the first step
      const after = await read(model.trainableWeights.map((w) => w.read()));
      const moved = after.filter((a, i) => a.some((v, j) => v !== before[i][j])).length;
      expect(moved).toBe(after.length); // every trainable weight received a gradient
      optimizer.dispose();
      tf.dispose([x, y]);

      if (c.checkCpu) {
        const weights = await read(model.weights.map((w) => w.read()));
        const onWasm = await gradients(c, weights);
        await tf.setBackend('cpu');
        const onCpu = await gradients(c, weights);
        onCpu.forEach((g, i) => expect(relDiff(g, onWasm[i]), `weight ${i}`).toBeLessThan(1e-4));
      }
      model.dispose();
    });
  }
});
