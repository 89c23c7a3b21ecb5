import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import * as nn from '../../../src/lib/nn';
import {finiteDifferenceError, projectionLoss, read, relDiff, values} from './helpers';

function build(shape: number[], block: (x: tf.SymbolicTensor) => tf.SymbolicTensor): tf.LayersModel {
  const input = tf.input({shape});
  return tf.model({inputs: input, outputs: block(input)});
}

const input = (shape: number[], seed = 1) => tf.tensor(values(shape.reduce((a, b) => a * b, 1), seed), shape);
const trainable = (m: tf.LayersModel) => m.trainableWeights.reduce((a, w) => a + w.shape.reduce<number>((p, d) => p * (d ?? 1), 1), 0);

describe('convBnAct', () => {
  it('is conv without bias, BN, activation; or conv with bias when BN is off', () => {
    const m = build([8, 8, 3], (x) => nn.convBnAct(x, {filters: 4, strides: 2, name: 'u'}));
    expect(m.layers.map((l) => l.name)).toEqual([m.layers[0].name, 'u_conv', 'u_bn', 'u_act']);
    expect(m.outputShape).toEqual([null, 4, 4, 4]);
    expect(trainable(m)).toBe(3 * 3 * 3 * 4 + 2 * 4);
    const plain = build([8, 8, 3], (x) => nn.convBnAct(x, {filters: 4, batchNorm: false, activation: 'none', name: 'p'}));
    expect(plain.layers.map((l) => l.name).slice(1)).toEqual(['p_conv']);
    expect(trainable(plain)).toBe(3 * 3 * 3 * 4 + 4);
  });
});

describe('residual blocks', () => {
  it('basic block with identity shortcut: two 3x3 conv-BN units', () => {
    const m = build([8, 8, 16], (x) => nn.basicBlock(x, {filters: 16, name: 'b'}));
    expect(m.outputShape).toEqual([null, 8, 8, 16]);
    expect(trainable(m)).toBe(2 * (9 * 16 * 16 + 2 * 16));
    expect(m.layers.some((l) => l.name.startsWith('b_short'))).toBe(false);
  });

  it('basic block downsampling: 1x1 stride-2 conv + BN shortcut (torchvision)', () => {
    const m = build([8, 8, 16], (x) => nn.basicBlock(x, {filters: 32, strides: 2, name: 'b'}));
    expect(m.outputShape).toEqual([null, 4, 4, 32]);
    expect(trainable(m)).toBe(9 * 16 * 32 + 64 + 9 * 32 * 32 + 64 + 16 * 32 + 64);
  });

  it('bottleneck block: 1x1 → 3x3 (strided) → 1x1 ×4, projection shortcut', () => {
    const m = build([8, 8, 64], (x) => nn.bottleneckBlock(x, {filters: 16, strides: 2, name: 'b'}));
    expect(m.outputShape).toEqual([null, 4, 4, 64]);
    const stride2 = m.layers.filter((l) => (l.getConfig().strides as number[] | undefined)?.[0] === 2).map((l) => l.name);
    expect(stride2.sort()).toEqual(['b_2_conv', 'b_short_conv']);
    expect(trainable(m)).toBe(64 * 16 + 32 + 9 * 16 * 16 + 32 + 16 * 64 + 128 + 64 * 64 + 128);
  });

  it('the bag-of-tricks block shortcuts through a 2x2 average pool and starts as relu(identity shortcut)', async () => {
    const m = build([6, 6, 8], (x) => nn.xresBlock(x, {filters: 8, strides: 2, name: 'x'}));
    const names = m.layers.map((l) => l.name);
    expect(names).toContain('x_short_pool');
    expect(names).not.toContain('x_short_conv'); // channels unchanged: pool only
    expect(m.outputShape).toEqual([null, 3, 3, 8]);
    // The last BN's γ starts at 0, so the branch adds nothing: out = relu(avgpool(x)).
    const x = input([2, 6, 6, 8]);
    const [out, ref] = await read([m.predict(x) as tf.Tensor, tf.relu(tf.avgPool(x as tf.Tensor4D, 2, 2, 'same'))]);
    expect(relDiff(ref, out)).toBeLessThan(1e-6);
  });

  it('residualBlock with zeroInitLastBn and an identity shortcut starts as relu(x), also in training', async () => {
    const m = build([4, 4, 8], (x) => nn.residualBlock(x, {filters: 8, zeroInitLastBn: true}));
    const x = input([2, 4, 4, 8], 3);
    const [out, ref] = await read([m.apply(x, {training: true}) as tf.Tensor, tf.relu(x)]);
    expect(relDiff(ref, out)).toBeLessThan(1e-6);
  });

  it('adds a squeeze-and-excitation gate and grouped 3x3 convs on request', () => {
    const m = build([8, 8, 32], (x) => nn.bottleneckBlock(x, {filters: 16, expansion: 2, groups: 4, seRatio: 8, name: 'b'}));
    expect(m.layers.map((l) => l.name)).toEqual(expect.arrayContaining(['b_se_fc1', 'b_se_scale']));
    expect(m.getLayer('b_2_conv').getClassName()).toBe('FlexConv2D');
    expect(m.outputShape).toEqual([null, 8, 8, 32]);
  });

  it('gradients through a residual block match finite differences', async () => {
    const m = build([4, 4, 4], (x) => nn.residualBlock(x, {filters: 4, strides: 2, shortcut: 'avgpool', activation: 'tanh'}));
    const x = tf.variable(input([2, 4, 4, 4], 5));
    const weights = m.trainableWeights.map((w) => w.read() as tf.Variable);
    const error = await finiteDifferenceError(() => projectionLoss(m.apply(x, {training: true}) as tf.Tensor), [x, ...weights.slice(0, 3)]);
    expect(error).toBeLessThan(2e-2);
  });
});

describe('squeeze-and-excitation', () => {
  it('multiplies each channel by σ(W2·relu(W1·mean + b1) + b2)', async () => {
    const m = build([3, 3, 4], (x) => nn.squeezeExcite(x, {ratio: 2, name: 'se'}));
    expect(trainable(m)).toBe(4 * 2 + 2 + 2 * 4 + 4);
    const x = input([1, 3, 3, 4], 2);
    const [w1, b1, w2, b2] = await Promise.all(m.getWeights().map((w) => w.array())) as [number[][], number[], number[][], number[]];
    const v = await x.array() as number[][][][];
    const mean = [0, 1, 2, 3].map((c) => v[0].flat().reduce((a, px) => a + px[c], 0) / 9);
    const hidden = [0, 1].map((j) => Math.max(0, mean.reduce((a, m_, c) => a + m_ * w1[c][j], b1[j])));
    const gate = [0, 1, 2, 3].map((c) => 1 / (1 + Math.exp(-hidden.reduce((a, h, j) => a + h * w2[j][c], b2[c]))));
    const expected = v[0].flat().flatMap((px) => px.map((value, c) => value * gate[c]));
    const [out] = await read([m.predict(x) as tf.Tensor]);
    expect(relDiff(expected, out)).toBeLessThan(1e-5);
  });
});

describe('U-Net decoder block', () => {
  it('upsamples ×2, crops an odd skip, concatenates and convolves', () => {
    const bottom = tf.input({shape: [7, 7, 16]});
    const skip = tf.input({shape: [13, 13, 8]});
    const out = nn.unetDecoderBlock(bottom, skip, {filters: 8, name: 'd'});
    const m = tf.model({inputs: [bottom, skip], outputs: out});
    expect(out.shape).toEqual([null, 13, 13, 8]);
    expect(m.getLayer('d_crop').outputShape).toEqual([null, 13, 13, 8]);
    expect(m.getLayer('d_cat').outputShape).toEqual([null, 13, 13, 16]);
  });

  it('pads when the upsampled map is smaller than the skip, and supports fixed upsampling', () => {
    const bottom = tf.input({shape: [3, 3, 16]});
    const skip = tf.input({shape: [7, 7, 8]});
    const out = nn.unetDecoderBlock(bottom, skip, {filters: 8, upsample: 'bilinear', name: 'd'});
    const m = tf.model({inputs: [bottom, skip], outputs: out});
    expect(out.shape).toEqual([null, 7, 7, 8]);
    expect(m.getLayer('d_up').getClassName()).toBe('UpSampling2D');
    expect(m.getLayer('d_pad').outputShape).toEqual([null, 7, 7, 8]);
  });

  it('gradients through the decoder block match finite differences', async () => {
    const bottom = tf.input({shape: [2, 2, 4]});
    const skip = tf.input({shape: [3, 3, 2]});
    // tanh rather than ReLU: central differences across a kink would be meaningless.
    const m = tf.model({inputs: [bottom, skip], outputs: nn.unetDecoderBlock(bottom, skip, {filters: 2, activation: 'tanh'})});
    const a = tf.variable(input([2, 2, 2, 4], 8));
    const b = tf.variable(input([2, 3, 3, 2], 9));
    const transpose = m.trainableWeights[0].read() as tf.Variable;
    const error = await finiteDifferenceError(() => projectionLoss(m.apply([a, b], {training: true}) as tf.Tensor), [a, b, transpose]);
    expect(error).toBeLessThan(2e-2);
  });
});
