import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import * as nn from '../../../src/lib/nn';
import {sgdStep, values} from './helpers';

const tiny = () => nn.resnet18({inputShape: [16, 16, 3], nOut: 2, baseWidth: 4});
const x = () => tf.tensor4d(values(4 * 16 * 16 * 3, 2), [4, 16, 16, 3]);
const y = () => tf.tensor2d(values(8, 3), [4, 2]);

async function snapshot(model: tf.LayersModel): Promise<Map<string, Float32Array>> {
  const dict = nn.getStateDict(model);
  const arrays = new Map([...dict].map(([k, t]) => [k, Float32Array.from(t.dataSync())]));
  nn.disposeStateDict(dict);
  return arrays;
}

describe('freezing by layer groups (fastai semantics)', () => {
  it('freezeBody freezes every group but the head, except batch-norm layers', () => {
    const m = tiny();
    const frozen = nn.freezeBody(m);
    const [g0, g1, head] = nn.layerGroups(m);
    for (const layer of [...g0, ...g1]) {
      expect(layer.trainable).toBe(layer.getClassName() === 'BatchNormalization');
    }
    expect(head.every((l) => l.trainable)).toBe(true);
    expect(frozen).toBe([...g0, ...g1].filter((l) => l.getClassName() !== 'BatchNormalization').length);
    // The variables follow, so custom loops and optimizers that look at variable.trainable skip them too.
    expect(m.getLayer('stem_conv').weights[0].trainable).toBe(false);
    expect(m.getLayer('stem_bn').weights.map((w) => w.trainable)).toEqual([true, true, false, false]);
    const trainableLayers = new Set(m.trainableWeights.map((w) => w.originalName.split('/')[0]));
    expect([...trainableLayers].every((n) => n.endsWith('_bn') || n === 'head_fc')).toBe(true);
    m.dispose();
  });

  it('a training step then moves the head and the BN layers (γ, β and statistics) but no frozen conv', async () => {
    const m = tiny();
    nn.freezeBody(m);
    const before = await snapshot(m);
    const optimizer = tf.train.sgd(0.1);
    await sgdStep(m, optimizer, x(), y());
    const after = await snapshot(m);
    const changed = (name: string) => before.get(name)!.some((v, i) => v !== after.get(name)![i]);
    expect(changed('head_fc/kernel')).toBe(true);
    expect(changed('stem_bn/gamma')).toBe(true);
    expect(changed('stem_bn/moving_mean')).toBe(true);
    expect(changed('stem_conv/kernel')).toBe(false);
    expect(changed('layer4_1_2_conv/kernel')).toBe(false);
    optimizer.dispose();
    m.dispose();
  });

  it('freezeTo counts groups from either end; trainBatchNorm: false freezes BN too; unfreeze undoes it', () => {
    const m = tiny();
    nn.freezeTo(m, 1);
    expect(m.getLayer('stem_conv').trainable).toBe(false);
    expect(m.getLayer('layer3_0_1_conv').trainable).toBe(true);
    nn.freezeTo(m, -2, {trainBatchNorm: false});
    expect(m.getLayer('stem_bn').trainable).toBe(false);
    expect(m.getLayer('layer3_0_1_bn').trainable).toBe(true);
    nn.unfreeze(m);
    expect(m.layers.filter((l) => l.getClassName() !== 'InputLayer').every((l) => l.trainable)).toBe(true);
    expect(m.getLayer('stem_conv').weights[0].trainable).toBe(true);
    m.dispose();
  });

  it('model.fit honours the freeze after compile, and summary reports the frozen weights', async () => {
    const m = tiny();
    nn.freezeBody(m);
    const s = nn.summary(m);
    const convKernels = m.layers.filter((l) => l.getClassName() === 'Conv2D').reduce((a, l) => a + l.countParams(), 0);
    expect(s.frozenParams).toBe(convKernels);
    expect(s.text).toMatch(/stem_conv \(Conv2D\) \[frozen\]/);
    m.compile({optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError'});
    const before = await snapshot(m);
    await m.fit(x(), y(), {epochs: 1, batchSize: 4, verbose: 0});
    const after = await snapshot(m);
    expect(Array.from(after.get('stem_conv/kernel')!)).toEqual(Array.from(before.get('stem_conv/kernel')!));
    expect(Array.from(after.get('head_fc/bias')!)).not.toEqual(Array.from(before.get('head_fc/bias')!));
    m.dispose();
  });
});

describe('layers constructed frozen', () => {
  it('have non-trainable variables (tfjs alone leaves them trainable)', () => {
    for (const layer of [nn.dense({units: 2, trainable: false}), nn.conv2d({filters: 2, kernelSize: 1, trainable: false}), nn.batchNorm({trainable: false})]) {
      layer.apply(tf.zeros([1, 2, 2, 3]));
      expect(layer.weights.every((w) => !w.trainable)).toBe(true);
    }
  });
});
