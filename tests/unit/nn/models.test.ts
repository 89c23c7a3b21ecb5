import * as tf from '@tensorflow/tfjs';
import {afterEach, describe, expect, it} from 'vitest';
import * as nn from '../../../src/lib/nn';
import {read, relDiff, values} from './helpers';

const built: tf.LayersModel[] = [];
const keep = (m: tf.LayersModel) => (built.push(m), m);
afterEach(() => built.splice(0).forEach((m) => m.dispose()));

const groupNames = (m: tf.LayersModel) => nn.layerGroups(m).map((g) => g.map((l) => l.name));
const input = (shape: number[], seed = 1) => tf.tensor(values(shape.reduce((a, b) => a * b, 1), seed), shape);

async function std(t: tf.Tensor): Promise<number> {
  const v = Float32Array.from(await t.data());
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
}

describe('ResNet', () => {
  // torchvision's published parameter counts (224x224x3, 1000 classes); BN moving statistics are not parameters.
  for (const [depth, params] of [[18, 11_689_512], [34, 21_797_672], [50, 25_557_032]] as const) {
    it(`ResNet-${depth} has torchvision's ${params.toLocaleString('en-US')} trainable parameters`, () => {
      const m = keep(nn.resnet({depth}));
      expect(m.outputShape).toEqual([null, 1000]);
      expect(nn.summary(m).trainableParams).toBe(params);
    });
  }

  it('takes any input size and channel count (200x200x4), with nOut outputs and fastai layer groups', () => {
    const m = keep(nn.resnet18({inputShape: [200, 200, 4], nOut: 3, baseWidth: 8}));
    expect(m.outputShape).toEqual([null, 3]);
    expect(m.getLayer('layer4_1_out').outputShape).toEqual([null, 7, 7, 64]);
    const groups = groupNames(m);
    expect(groups).toHaveLength(3);
    expect(groups[0][0]).toBe('stem_conv');
    expect(groups[0].every((n) => /^(stem|layer1|layer2)/.test(n))).toBe(true);
    expect(groups[1].every((n) => /^(layer3|layer4)/.test(n))).toBe(true);
    expect(groups[2]).toEqual(['head_pool', 'head_fc']);
  });

  it('bounds a regression head to yRange: lo + (hi − lo)·σ(logit)', async () => {
    const m = keep(nn.resnet18({inputShape: [32, 32, 3], nOut: 2, baseWidth: 4, head: {yRange: [-1, 5]}}));
    const logits = tf.model({inputs: m.inputs, outputs: m.getLayer('head_fc').output as tf.SymbolicTensor});
    const x = tf.mul(input([3, 32, 32, 3]), 50);
    const [y, z] = await read([m.predict(x) as tf.Tensor, logits.predict(x) as tf.Tensor]);
    expect(relDiff(Array.from(z, (v) => -1 + 6 / (1 + Math.exp(-v))), y)).toBeLessThan(1e-5);
    expect(y.every((v) => v >= -1 && v <= 5)).toBe(true); // saturated logits land on the bounds, never beyond
    expect(() => nn.resnet18({head: {yRange: [2, 1]}})).toThrow(/lo < hi/);
  });

  it('has a sigmoid head option and rejects unknown depths', async () => {
    const m = keep(nn.resnet({depth: 34, inputShape: [32, 32, 1], nOut: 1, baseWidth: 4, head: 'sigmoid'}));
    const [y] = await read([m.predict(input([2, 32, 32, 1])) as tf.Tensor]);
    expect(y.every((v) => v > 0 && v < 1)).toBe(true);
    expect(() => nn.resnet({depth: 20 as nn.ResNetDepth})).toThrow(/depth must be one of 18, 34, 50, 101, 152/);
  });
});

describe('xresnet', () => {
  it('xresnet50 = ResNet-50 + the 3-conv stem (19,104 more weights) + two more BNs (128)', () => {
    const m = keep(nn.xresnet([3, 4, 6, 3], 4));
    expect(nn.summary(m).trainableParams).toBe(25_557_032 + (3 * 9 * 32 + 32 * 9 * 32 + 32 * 9 * 64 - 7 * 7 * 3 * 64) + 2 * (32 + 32));
  });

  it('builds the bag-of-tricks blocks: avg-pool shortcuts, zero-init last BN, SE and widen options', async () => {
    const m = keep(nn.xresnet([1, 1, 1], 1, {inputShape: [32, 32, 3], nOut: 4, widen: 0.25, seRatio: 4}));
    expect(m.outputShape).toEqual([null, 4]);
    expect(m.getLayer('layer3_0_2_conv').outputShape).toEqual([null, 2, 2, 64]);
    expect(m.layers.map((l) => l.name)).toEqual(expect.arrayContaining(['layer2_0_short_pool', 'layer2_0_se_scale']));
    const [gamma] = await read([m.getLayer('layer2_0_2_bn').getWeights()[0]]);
    expect(gamma.every((v) => v === 0)).toBe(true);
    expect(groupNames(m).map((g) => g[0])).toEqual(['stem_1_conv', 'layer3_0_1_conv', 'head_pool']);
    expect(() => nn.xresnet([], 1)).toThrow(/positive block counts/);
  });
});

describe("Nielsen's networks", () => {
  it('nielsenNetwork([784, 30, 10]): 23,860 weights, sigmoid outputs, N(0,1) weights and biases', async () => {
    const m = keep(nn.nielsenNetwork([784, 30, 10], {seed: 1}));
    expect(m.countParams()).toBe(784 * 30 + 30 + 30 * 10 + 10);
    const [y] = await read([m.predict(input([4, 784])) as tf.Tensor]);
    expect(y.every((v) => v > 0 && v < 1)).toBe(true);
    const [kernel, bias] = m.getLayer('fc1').getWeights();
    expect(Math.abs((await std(kernel)) - 1)).toBeLessThan(0.03);
    expect(Math.abs((await std(bias)) - 1)).toBeLessThan(0.5);
    expect(groupNames(m)).toEqual([['fc1'], ['out']]);
  });

  it("network2's init scales weights by 1/√n_in; outputs can be logits or softmax", async () => {
    const m = keep(nn.nielsenNetwork([784, 100, 10], {init: 'nielsenNormal', output: 'softmax'}));
    expect(Math.abs((await std(m.getLayer('fc1').getWeights()[0])) * Math.sqrt(784) - 1)).toBeLessThan(0.03);
    const [p] = await read([tf.sum(m.predict(input([2, 784])) as tf.Tensor, 1)]);
    expect(relDiff([1, 1], p)).toBeLessThan(1e-6);
    const logits = keep(nn.nielsenNetwork([4, 3], {output: 'logits'}));
    expect(logits.getLayer('out').getConfig().activation).toBe('linear');
    expect(() => nn.nielsenNetwork([784])).toThrow(/at least two/);
  });

  const ladder: [keyof typeof nn.NETWORK3_LADDER, number][] = [
    ['shallow', 784 * 100 + 100 + 1010],
    ['convPool', 20 * 25 + 20 + 2880 * 100 + 100 + 1010],
    ['twoConvPool', 520 + 40 * 20 * 25 + 40 + 640 * 100 + 100 + 1010],
    ['twoConvPoolRelu', 520 + 20_040 + 64_100 + 1010],
    ['twoConvPoolTwoFc', 520 + 20_040 + 64_100 + 10_100 + 1010],
    ['dropout', 520 + 20_040 + 640 * 1000 + 1000 + 1000 * 1000 + 1000 + 10_010],
  ];
  for (const [rung, params] of ladder) {
    it(`network3 ladder '${rung}' has ${params.toLocaleString('en-US')} parameters`, () => {
      const m = keep(nn.network3(nn.NETWORK3_LADDER[rung]));
      expect(m.countParams()).toBe(params);
      expect(m.outputShape).toEqual([null, 10]);
    });
  }

  it("network3 follows network3.py: pool before activation, its inits, zero softmax layer, dropout on FC inputs", async () => {
    const m = keep(nn.network3({...nn.NETWORK3_LADDER.dropout, l2: nn.nielsenL2(0.1, 5000), seed: 3}));
    const order = m.layers.map((l) => l.name);
    expect(order.slice(1, 7)).toEqual(['convpool1_conv', 'convpool1_pool', 'convpool1_act', 'convpool2_conv', 'convpool2_pool', 'convpool2_act']);
    expect(order.slice(7)).toEqual(['flatten', 'fc1_dropout', 'fc1', 'fc2_dropout', 'fc2', 'out_dropout', 'out']);
    // conv-pool 2: N(0, 1/n_out), n_out = 40·25/4 = 250 (20,000 draws); FC 2: N(0, 1/1000); biases N(0, 1).
    expect(Math.abs((await std(m.getLayer('convpool2_conv').getWeights()[0])) * Math.sqrt(250) - 1)).toBeLessThan(0.05);
    expect(Math.abs((await std(m.getLayer('fc2').getWeights()[0])) * Math.sqrt(1000) - 1)).toBeLessThan(0.03);
    expect(Math.abs((await std(m.getLayer('fc2').getWeights()[1])) - 1)).toBeLessThan(0.15);
    const [outW, outB] = await read(m.getLayer('out').getWeights());
    expect(outW.every((v) => v === 0) && outB.every((v) => v === 0)).toBe(true);
    for (const name of ['convpool1_conv', 'fc1', 'out']) {
      expect(m.getLayer(name).getConfig().kernelRegularizer).toEqual({className: 'L1L2', config: {l1: 0, l2: 1e-5}});
    }
    expect((m.getLayer('fc1_dropout').getConfig().rate)).toBe(0.5);
    expect(groupNames(m)[1]).toEqual(['out_dropout', 'out']);
  });

  it('network3 can output softmax probabilities', async () => {
    const m = keep(nn.network3({...nn.NETWORK3_LADDER.convPool, output: 'softmax'}));
    const [p] = await read([tf.sum(m.predict(input([2, 28, 28, 1])) as tf.Tensor, 1)]);
    expect(relDiff([1, 1], p)).toBeLessThan(1e-6); // the zero softmax layer gives uniform 0.1s
  });
});

describe('LeNet-5, simple CNN, VGG', () => {
  it('LeNet-5 has 61,706 parameters; 28x28 inputs pad the first conv, 32x32 do not', () => {
    const m = keep(nn.lenet5());
    expect(m.countParams()).toBe(61_706);
    expect(m.getLayer('c1').outputShape).toEqual([null, 28, 28, 6]);
    expect(m.getLayer('s2').getClassName()).toBe('AveragePooling2D');
    expect(m.getLayer('c3').getConfig().activation).toBe('tanh');
    const classic = keep(nn.lenet5({inputShape: [32, 32, 1]}));
    expect(classic.getLayer('c1').outputShape).toEqual([null, 28, 28, 6]);
    expect(classic.countParams()).toBe(61_706);
    expect(groupNames(m)).toEqual([['c1', 's2', 'c3', 's4', 'flatten'], ['f5', 'f6', 'out']]);
  });

  it("simpleCnn follows fastai: stride-2 3x3 convs, BN on all but the last, pooled to the last conv's channels", () => {
    const m = keep(nn.simpleCnn({inputShape: [28, 28, 1], channels: [8, 16, 10], batchNorm: true}));
    expect(m.outputShape).toEqual([null, 10]);
    expect(m.layers.map((l) => l.name).slice(1)).toEqual(['conv1_conv', 'conv1_bn', 'conv1_act', 'conv2_conv', 'conv2_bn', 'conv2_act', 'conv3_conv', 'pool']);
    expect(m.getLayer('conv3_conv').outputShape).toEqual([null, 4, 4, 10]);
    expect(groupNames(m)).toEqual([['conv1_conv', 'conv1_bn', 'conv1_act', 'conv2_conv', 'conv2_bn', 'conv2_act'], ['conv3_conv', 'pool']]);
    const relu = keep(nn.simpleCnn({inputShape: [28, 28, 1], channels: [8, 10], reluOnLast: true}));
    expect(relu.layers.map((l) => l.name)).toContain('conv2_act');
    expect(() => nn.simpleCnn({inputShape: [28, 28, 1], channels: [8, 10], strides: [2]})).toThrow(/strides has 1 entries for 2 conv layers/);
  });

  it('the small VGG has the expected weights and layer groups', () => {
    const m = keep(nn.vgg({inputShape: [32, 32, 3], nOut: 10}));
    const convs = 9 * (3 * 32 + 32 * 32 + 32 * 64 + 64 * 64 + 64 * 128 + 128 * 128);
    const bn = 2 * 2 * (32 + 64 + 128);
    expect(nn.summary(m).trainableParams).toBe(convs + bn + 2048 * 256 + 256 + 256 * 10 + 10);
    expect(m.outputShape).toEqual([null, 10]);
    expect(groupNames(m)[1]).toEqual(['head_flatten', 'head_dropout1', 'head_fc1', 'head_dropout2', 'head_fc2']);
  });
});

describe('U-Net', () => {
  it('with a ResNet-18 encoder outputs nClasses logits per pixel at the input resolution', () => {
    const m = keep(nn.unet({inputShape: [64, 64, 3], nClasses: 3, encoder: 'resnet18', baseWidth: 8}));
    expect(m.outputShape).toEqual([null, 64, 64, 3]);
    expect(m.getLayer('dec1_cat').outputShape).toEqual([null, 4, 4, 32 + 32]); // layer4 (up) + layer3 skip
    expect(m.getLayer('dec5_cat').outputShape).toEqual([null, 64, 64, 32 + 3]); // + the raw input
    const groups = groupNames(m);
    expect(groups).toHaveLength(3);
    expect(groups[2].at(-1)).toBe('head');
    expect(groups[2].every((n) => /^(dec|head)/.test(n))).toBe(true);
  });

  it('handles odd sizes (50x50 with ResNet-34, 25x25 with a classic encoder)', () => {
    expect(keep(nn.unet({inputShape: [50, 50, 1], nClasses: 2, baseWidth: 4})).outputShape).toEqual([null, 50, 50, 2]);
    const classic = keep(nn.unet({inputShape: [25, 25, 1], nClasses: 2, encoder: {filters: [8, 16, 32]}}));
    expect(classic.outputShape).toEqual([null, 25, 25, 2]);
    expect(groupNames(classic)[0][0]).toBe('enc1_1_conv');
  });

  it('accepts a custom functional encoder with named skips', () => {
    const x = tf.input({shape: [16, 16, 2]});
    const s1 = nn.conv2d({filters: 4, kernelSize: 3, padding: 'same', name: 'e1'}).apply(x) as tf.SymbolicTensor;
    const s2 = nn.conv2d({filters: 8, kernelSize: 3, strides: 2, padding: 'same', name: 'e2'}).apply(s1) as tf.SymbolicTensor;
    const bottom = nn.conv2d({filters: 16, kernelSize: 3, strides: 2, padding: 'same', name: 'e3'}).apply(s2) as tf.SymbolicTensor;
    const encoder = tf.model({inputs: x, outputs: bottom}); // the U-Net shares (and disposes) its layers
    const m = keep(nn.unet({inputShape: [16, 16, 2], nClasses: 5, encoder: {model: encoder, skips: ['e1', 'e2']}}));
    expect(m.outputShape).toEqual([null, 16, 16, 5]);
    expect(groupNames(m)[0]).toEqual(['e1', 'e2', 'e3']);
    expect(() => nn.unet({inputShape: [16, 16, 2], nClasses: 5, encoder: {model: encoder, skips: ['e2']}})).toThrow(/decoder ends at 8x8, not the input's 16x16/);
    expect(() => nn.unet({inputShape: [16, 16, 2], nClasses: 5, encoder: {model: encoder, skips: ['e9']}})).toThrow(/no layer 'e9' to take a skip from/);
  });
});
