/**
 * Every library model trains (a full step: forward in training mode, backward, Adam update) and its tensor count
 * stays flat across steps. Small inputs and widths keep this fast on the cpu backend (whose conv filter gradient is
 * very slow); the architecture, hence the op graph whose bookkeeping could leak, is the real one.
 */
import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import * as nn from '../../../src/lib/nn';
import {sgdStep, values} from './helpers';

const cases: [string, () => tf.LayersModel][] = [
  ['nielsenNetwork', () => nn.nielsenNetwork([16, 8, 4])],
  ...Object.keys(nn.NETWORK3_LADDER).map((rung): [string, () => tf.LayersModel] => [
    `network3 ${rung}`,
    // 16x16 images (two 5x5 conv-pools still fit) and FC layers of at most 32 units: the same layers, less arithmetic.
    () => {
      const config = nn.NETWORK3_LADDER[rung as keyof typeof nn.NETWORK3_LADDER];
      return nn.network3({...config, fc: config.fc.map((u) => Math.min(u, 32)), inputShape: [16, 16, 1], l2: 1e-5});
    },
  ]),
  ['lenet5', () => nn.lenet5()],
  ['simpleCnn', () => nn.simpleCnn({inputShape: [16, 16, 3], channels: [4, 8, 3], batchNorm: true})],
  ['vgg', () => nn.vgg({inputShape: [16, 16, 3], nOut: 3, blocks: [{filters: 4, convs: 2}, {filters: 8, convs: 1}], hidden: [8]})],
  ['resnet18', () => nn.resnet18({inputShape: [16, 16, 3], nOut: 3, baseWidth: 4})],
  ['resnet34', () => nn.resnet34({inputShape: [16, 16, 3], nOut: 3, baseWidth: 4, head: {yRange: [0, 1]}})],
  ['resnet50', () => nn.resnet50({inputShape: [16, 16, 3], nOut: 3, baseWidth: 2})],
  ['xresnet (bottleneck, SE)', () => nn.xresnet([1, 1, 1, 1], 4, {inputShape: [8, 8, 3], nOut: 3, widen: 0.125, seRatio: 4, dropout: 0.2})],
  ['unet (ResNet-18 encoder)', () => nn.unet({inputShape: [8, 8, 3], nClasses: 3, encoder: 'resnet18', baseWidth: 4})],
  ['unet (classic encoder, odd size)', () => nn.unet({inputShape: [9, 9, 1], nClasses: 2, encoder: {filters: [4, 8]}, upsample: 'nearest'})],
];

describe('a training step of every model keeps the tensor count flat', () => {
  for (const [name, make] of cases) {
    it(name, async () => {
      const model = make();
      const [, ...shape] = model.inputs[0].shape as number[];
      const [, ...outShape] = model.outputs[0].shape as number[];
      const x = tf.tensor(values(2 * shape.reduce((a, b) => a * b, 1), 1), [2, ...shape]);
      const y = tf.tensor(values(2 * outShape.reduce((a, b) => a * b, 1), 2).map((v) => (v + 1) / 2), [2, ...outShape]);
      const optimizer = tf.train.adam(1e-3);
      const counts: number[] = [];
      const losses: number[] = [];
      for (let step = 1; step <= 4; step++) {
        losses.push(await sgdStep(model, optimizer, x, y));
        counts.push(tf.memory().numTensors);
      }
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(counts[3]).toBe(counts[1]); // after step 2 (optimizer slots exist) and after step 4
      optimizer.dispose();
      model.dispose();
      tf.dispose([x, y]);
    });
  }
});
