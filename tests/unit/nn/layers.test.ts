import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import * as nn from '../../../src/lib/nn';
import {finiteDifferenceError, projectionLoss, read, relDiff, values} from './helpers';

/** Applies a layer to a symbolic input of `shape` and reports the output shape and parameter count. */
function probe(layer: tf.layers.Layer, ...shapes: number[][]): {shape: (number | null)[]; params: number} {
  const inputs = shapes.map((s) => tf.input({shape: s}));
  const out = layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor;
  return {shape: out.shape, params: layer.countParams()};
}

/** Runs a layer on a concrete tensor. */
function run(layer: tf.layers.Layer, x: tf.Tensor, training = false): tf.Tensor {
  return layer.apply(x, {training}) as tf.Tensor;
}

describe('layer factories: output shapes and parameter counts', () => {
  const cases: [string, () => tf.layers.Layer, number[][], (number | null)[], number][] = [
    ['dense', () => nn.dense({units: 5}), [[7]], [null, 5], 7 * 5 + 5],
    ['dense without bias', () => nn.dense({units: 5, useBias: false}), [[7]], [null, 5], 35],
    ['conv2d valid', () => nn.conv2d({filters: 4, kernelSize: 3}), [[9, 9, 2]], [null, 7, 7, 4], 3 * 3 * 2 * 4 + 4],
    ['conv2d same, stride 2', () => nn.conv2d({filters: 4, kernelSize: 3, strides: 2, padding: 'same'}), [[9, 9, 2]], [null, 5, 5, 4], 76],
    ['conv2d 2 groups', () => nn.conv2d({filters: 4, kernelSize: 3, groups: 2, padding: 'same'}), [[9, 9, 2]], [null, 9, 9, 4], 3 * 3 * 1 * 4 + 4],
    ['conv2d dilation 2 (5-pixel span)', () => nn.conv2d({filters: 4, kernelSize: 3, dilation: 2}), [[9, 9, 2]], [null, 5, 5, 4], 76],
    ['conv2d dilation 2, same', () => nn.conv2d({filters: 4, kernelSize: 3, dilation: 2, padding: 'same'}), [[9, 9, 2]], [null, 9, 9, 4], 76],
    ['depthwise ×2', () => nn.depthwiseConv2d({kernelSize: 3, depthMultiplier: 2}), [[9, 9, 2]], [null, 7, 7, 4], 3 * 3 * 2 * 2 + 4],
    ['separable', () => nn.separableConv2d({filters: 5, kernelSize: 3}), [[9, 9, 2]], [null, 7, 7, 5], 18 + 2 * 5 + 5],
    ['conv2dTranspose 2x2/2', () => nn.conv2dTranspose({filters: 3, kernelSize: 2, strides: 2}), [[4, 4, 2]], [null, 8, 8, 3], 2 * 2 * 2 * 3 + 3],
    ['maxPool2d valid', () => nn.maxPool2d({poolSize: 2}), [[9, 9, 2]], [null, 4, 4, 2], 0],
    ['maxPool2d same', () => nn.maxPool2d({poolSize: 2, padding: 'same'}), [[9, 9, 2]], [null, 5, 5, 2], 0],
    ['avgPool2d 3/2 same', () => nn.avgPool2d({poolSize: 3, strides: 2, padding: 'same'}), [[9, 9, 2]], [null, 5, 5, 2], 0],
    ['globalAvgPool2d', () => nn.globalAvgPool2d(), [[9, 9, 2]], [null, 2], 0],
    ['globalMaxPool2d', () => nn.globalMaxPool2d(), [[9, 9, 2]], [null, 2], 0],
    ['batchNorm (γ, β + moving mean, variance)', () => nn.batchNorm(), [[9, 9, 2]], [null, 9, 9, 2], 8],
    ['dropout', () => nn.dropout({rate: 0.5}), [[9, 9, 2]], [null, 9, 9, 2], 0],
    ['flatten', () => nn.flatten(), [[9, 9, 2]], [null, 162], 0],
    ['gelu', () => nn.gelu(), [[9, 2]], [null, 9, 2], 0],
    ['leakyRelu', () => nn.leakyRelu(), [[9, 2]], [null, 9, 2], 0],
    ['softmax', () => nn.softmax(), [[9, 2]], [null, 9, 2], 0],
    ['upsample2d', () => nn.upsample2d(), [[4, 4, 2]], [null, 8, 8, 2], 0],
    ['upsample2d bilinear ×3', () => nn.upsample2d({size: 3, interpolation: 'bilinear'}), [[4, 4, 2]], [null, 12, 12, 2], 0],
    ['concatenate', () => nn.concatenate(), [[4, 4, 2], [4, 4, 3]], [null, 4, 4, 5], 0],
    ['add', () => nn.add(), [[4, 4, 2], [4, 4, 2]], [null, 4, 4, 2], 0],
    ['multiply broadcasting [1,1,C]', () => nn.multiply(), [[4, 4, 2], [1, 1, 2]], [null, 4, 4, 2], 0],
  ];
  for (const [title, make, shapes, shape, params] of cases) {
    it(title, () => {
      expect(probe(make(), ...shapes)).toEqual({shape, params});
    });
  }
});

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): an independent reference for GELU. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return Math.sign(x) * y;
}

describe('activations compute their formulas', () => {
  const xs = [-3, -1.5, -0.2, 0, 0.3, 2, 4];
  const cases: [string, () => tf.layers.Layer, (x: number) => number][] = [
    ['sigmoid', () => nn.sigmoid(), (x) => 1 / (1 + Math.exp(-x))],
    ['tanh', () => nn.tanh(), Math.tanh],
    ['relu', () => nn.relu(), (x) => Math.max(0, x)],
    ['leakyRelu (default slope 0.01)', () => nn.leakyRelu(), (x) => (x >= 0 ? x : 0.01 * x)],
    ['leakyRelu alpha 0.2', () => nn.leakyRelu({alpha: 0.2}), (x) => (x >= 0 ? x : 0.2 * x)],
    ['gelu (exact, erf)', () => nn.gelu(), (x) => 0.5 * x * (1 + erf(x / Math.SQRT2))],
  ];
  for (const [title, make, f] of cases) {
    it(title, async () => {
      const [y] = await read([run(make(), tf.tensor2d([xs]))]);
      expect(relDiff(xs.map(f), y)).toBeLessThan(1e-5);
    });
  }

  it('softmax normalises over the last axis', async () => {
    const [y] = await read([run(nn.softmax(), tf.tensor2d([[1, 2, 3], [0, 0, Math.log(2)]]))]);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const s = e[0] + e[1] + e[2];
    expect(relDiff([e[0] / s, e[1] / s, e[2] / s, 0.25, 0.25, 0.5], y)).toBeLessThan(1e-6);
  });
});

describe('conv2d beyond tfjs-layers: groups and inference-only dilation', () => {
  const x = () => tf.tensor4d(values(2 * 6 * 6 * 4, 3), [2, 6, 6, 4]);

  it('a grouped conv equals a full conv with a block-diagonal kernel', async () => {
    const layer = nn.conv2d({filters: 6, kernelSize: 3, groups: 2, padding: 'same', seed: 1});
    const y = run(layer, x());
    const [kernel, bias] = layer.getWeights(); // [3,3,2,6]: input channels 0-1 → filters 0-2, 2-3 → 3-5
    const k = await kernel.array() as number[][][][];
    const full = tf.buffer([3, 3, 4, 6]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let c = 0; c < 2; c++) for (let f = 0; f < 6; f++) {
      full.set(k[i][j][c][f], i, j, c + (f < 3 ? 0 : 2), f);
    }
    const reference = tf.add(tf.conv2d(x(), full.toTensor() as tf.Tensor4D, 1, 'same'), bias);
    const [ours, ref] = await read([y, reference]);
    expect(relDiff(ref, ours)).toBeLessThan(1e-6);
  });

  it('a dilated conv equals a plain conv with the zero-dilated kernel', async () => {
    const layer = nn.conv2d({filters: 3, kernelSize: 3, dilation: 2, useBias: false, seed: 2});
    const y = run(layer, x());
    const k = await layer.getWeights()[0].array() as number[][][][];
    const dilated = tf.buffer([5, 5, 4, 3]); // 3x3 taps at even offsets of a 5x5 window
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let c = 0; c < 4; c++) for (let f = 0; f < 3; f++) {
      dilated.set(k[i][j][c][f], 2 * i, 2 * j, c, f);
    }
    const [ours, ref] = await read([y, tf.conv2d(x(), dilated.toTensor() as tf.Tensor4D, 1, 'valid')]);
    expect(y.shape).toEqual([2, 2, 2, 3]);
    expect(relDiff(ref, ours)).toBeLessThan(1e-6);
  });

  it('training through a dilated conv fails with an error that names the layer and the fix', () => {
    const input = tf.input({shape: [6, 6, 4]});
    const out = nn.conv2d({filters: 2, kernelSize: 3, dilation: 2, name: 'atrous'}).apply(input) as tf.SymbolicTensor;
    const model = tf.model({inputs: input, outputs: out});
    expect(() => tf.variableGrads(() => tf.sum(model.apply(x()) as tf.Tensor) as tf.Scalar)).toThrow(
      /conv2d 'atrous' has dilation 2x2.*no gradient for dilated convolutions.*freeze this layer and every layer before it/,
    );
  });

  it('a frozen dilated conv at the front of a model lets the layers after it train', async () => {
    const input = tf.input({shape: [6, 6, 4]});
    const atrous = nn.conv2d({filters: 2, kernelSize: 3, dilation: 2, trainable: false});
    const head = nn.dense({units: 1});
    const out = head.apply(nn.flatten().apply(atrous.apply(input))) as tf.SymbolicTensor;
    const model = tf.model({inputs: input, outputs: out});
    // Frozen at construction means frozen variables too (tfjs alone would leave them trainable).
    expect(atrous.weights.map((w) => w.trainable)).toEqual([false, false]);
    const {value, grads} = tf.variableGrads(() => tf.sum(model.apply(x()) as tf.Tensor) as tf.Scalar);
    expect(Object.keys(grads).sort()).toEqual(head.weights.map((w) => w.name).sort());
    tf.dispose([value, ...Object.values(grads)]);
  });

  it('rejects impossible configurations clearly', () => {
    expect(() => nn.conv2d({filters: 5, kernelSize: 3, groups: 2})).toThrow(/filters \(5\) must be divisible by groups \(2\)/);
    expect(() => probe(nn.conv2d({filters: 4, kernelSize: 3, groups: 2}), [6, 6, 3])).toThrow(/input channels \(3\) must be divisible by groups \(2\)/);
    expect(() => nn.conv2d({filters: 4, kernelSize: 3, dilation: 2, strides: 2})).toThrow(/needs stride 1/);
    expect(() => nn.conv2d({filters: 0, kernelSize: 3})).toThrow(/filters must be a positive integer/);
    expect(() => nn.conv2d({filters: 4, kernelSize: 0})).toThrow(/kernelSize must be a positive integer/);
  });

  it('grouped conv gradients match finite differences (kernel, bias and input)', async () => {
    const layer = nn.conv2d({filters: 4, kernelSize: 3, groups: 2, strides: 2, padding: 'same', activation: 'tanh', seed: 4});
    const input = tf.variable(tf.tensor4d(values(1 * 5 * 5 * 4, 9), [1, 5, 5, 4]));
    run(layer, input); // builds the weights
    const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const error = await finiteDifferenceError(() => projectionLoss(run(layer, input)), [input, ...weights]);
    expect(error).toBeLessThan(2e-2);
  });
});

describe('batch norm', () => {
  const x = () => tf.add(tf.mul(tf.tensor4d(values(4 * 3 * 3 * 2, 5), [4, 3, 3, 2]), 3), 2);

  it('in training normalises with the batch statistics and moves the running ones by 1 − momentum', async () => {
    const bn = nn.batchNorm(); // momentum 0.9, ε 1e-5
    const y = run(bn, x(), true);
    const {mean, variance} = tf.moments(y, [0, 1, 2]);
    const [m, v] = await read([mean, variance]);
    for (const c of [0, 1]) {
      expect(Math.abs(m[c])).toBeLessThan(1e-5);
      expect(Math.abs(v[c] - 1)).toBeLessThan(1e-3);
    }
    const batch = tf.moments(x(), [0, 1, 2]);
    const [movingMean, movingVar, batchMean, batchVar] = await read([bn.getWeights()[2], bn.getWeights()[3], batch.mean, batch.variance]);
    expect(relDiff(Array.from(batchMean, (b) => 0.1 * b), movingMean)).toBeLessThan(1e-5);
    expect(relDiff(Array.from(batchVar, (b) => 0.9 + 0.1 * b), movingVar)).toBeLessThan(1e-5);
  });

  it('in inference uses the moving statistics (fresh: identity up to ε)', async () => {
    const [y, input] = await read([run(nn.batchNorm(), x(), false), x()]);
    expect(relDiff(Array.from(input, (v) => v / Math.sqrt(1 + 1e-5)), y)).toBeLessThan(1e-6);
  });

  it('gammaInit zeros starts the layer at zero output (β = 0)', async () => {
    const [y] = await read([run(nn.batchNorm({gammaInit: 'zeros'}), x(), true)]);
    expect(Math.max(...Array.from(y, Math.abs))).toBe(0);
  });
});

describe('pooling, dropout and upsampling values', () => {
  it("avgPool2d 'same' averages only the real pixels at the border", async () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const [y] = await read([run(nn.avgPool2d({poolSize: 2, padding: 'same'}), x)]);
    expect(Array.from(y)).toEqual([(1 + 2 + 4 + 5) / 4, (3 + 6) / 2, (7 + 8) / 2, 9]);
  });

  it('global pools take the mean / max of each channel', async () => {
    const x = tf.tensor4d([1, 10, 2, 20, 3, 30, 6, 60], [1, 2, 2, 2]);
    const [avg, max] = await read([run(nn.globalAvgPool2d(), x), run(nn.globalMaxPool2d(), x)]);
    expect(Array.from(avg)).toEqual([3, 30]);
    expect(Array.from(max)).toEqual([6, 60]);
  });

  it('dropout is the identity at inference and zeroes/scales (inverted dropout) in training', async () => {
    const x = tf.ones([1, 4000]);
    const layer = nn.dropout({rate: 0.25, seed: 3});
    const [evalOut, trainOut] = await read([run(layer, x, false), run(layer, x, true)]);
    expect(evalOut.every((v) => v === 1)).toBe(true);
    const kept = trainOut.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
    expect(Math.abs(kept.length / 4000 - 0.75)).toBeLessThan(0.03);
    expect(() => nn.dropout({rate: 1})).toThrow(/rate must be in \[0, 1\)/);
  });

  it('nearest upsampling repeats pixels', async () => {
    const [y] = await read([run(nn.upsample2d(), tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]))]);
    expect(Array.from(y)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });
});

describe('nielsenL2', () => {
  it("maps network3's λ to tfjs' l2 coefficient: λ = 0.1, 5,000 batches → 1e-5", () => {
    expect(nn.nielsenL2(0.1, 5000)).toBeCloseTo(1e-5, 12);
    expect(() => nn.nielsenL2(0.1, 0)).toThrow(/batchesPerEpoch/);
  });
});

describe('the finite-difference checker itself', () => {
  it('flags a gradient that is 10% off', async () => {
    const wrong = tf.customGrad((a) => ({value: tf.sum(tf.square(a as tf.Tensor)), gradFunc: (dy) => tf.mul(dy, tf.mul(a as tf.Tensor, 2.2))}));
    const v = tf.variable(tf.tensor1d([0.5, -1, 2]));
    expect(await finiteDifferenceError(() => wrong(v) as tf.Scalar, [v], {samples: 3})).toBeGreaterThan(0.05);
    expect(await finiteDifferenceError(() => tf.sum(tf.square(v)) as tf.Scalar, [v], {samples: 3})).toBeLessThan(1e-3);
  });
});
