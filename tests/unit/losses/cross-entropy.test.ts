import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {
  crossEntropyLoss,
  labelSmoothingCrossEntropyLoss,
  logLikelihoodLoss,
} from '../../../src/lib/losses';
import {analyticGradient, numericGradient} from '../../helpers/finite-differences';

const values = (t: tf.Tensor) => Array.from(t.dataSync());

function softmaxRow(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe('cross-entropy', () => {
  const logits = [
    [2, 1, 0.1],
    [0.5, 2.5, -1],
  ];
  const x = tf.tensor2d(logits);
  const codes = tf.tensor1d([0, 2], 'int32');
  const expected = [-Math.log(softmaxRow(logits[0])[0]), -Math.log(softmaxRow(logits[1])[2])];

  it('from logits matches −log softmax of the true class, for codes and one-hot alike', () => {
    const loss = crossEntropyLoss();
    expect(values(loss.perItem(codes, x))).toEqual(expected.map((v) => expect.closeTo(v, 5)));
    const onehot = tf.oneHot(codes, 3).toFloat();
    expect(values(loss.perItem(onehot, x))).toEqual(expected.map((v) => expect.closeTo(v, 5)));
    expect(values(loss.activation(x))).toEqual(logits.flatMap(softmaxRow).map((v) => expect.closeTo(v, 6)));
  });

  it('has gradient softmax − one-hot (per item)', () => {
    const grad = analyticGradient((p) => crossEntropyLoss().perItem(codes, p).sum(), x);
    const p = logits.map(softmaxRow);
    const want = [p[0][0] - 1, p[0][1], p[0][2], p[1][0], p[1][1], p[1][2] - 1];
    expect(Array.from(grad)).toEqual(want.map((v) => expect.closeTo(v, 5)));
  });

  it('is stable for huge logits', () => {
    const big = tf.tensor2d([[1000, -1000]]);
    expect(values(crossEntropyLoss().perItem(tf.tensor1d([1], 'int32'), big))).toEqual([2000]);
  });

  it('from probabilities equals the logits form on softmax outputs; log-likelihood is the same cost', () => {
    const probs = tf.softmax(x);
    const fromProbs = crossEntropyLoss({fromLogits: false});
    expect(values(fromProbs.perItem(codes, probs))).toEqual(expected.map((v) => expect.closeTo(v, 5)));
    expect(values(logLikelihoodLoss().perItem(codes, probs))).toEqual(expected.map((v) => expect.closeTo(v, 5)));
    expect(fromProbs.activation(probs)).toBe(probs);
    const f = (p: tf.Tensor) => logLikelihoodLoss().perItem(codes, p).sum();
    const at = tf.tensor2d([
      [0.5, 0.3, 0.2],
      [0.1, 0.6, 0.3],
    ]);
    // d(−log p_y)/dp_y = −1/p_y, zero elsewhere
    expect(Array.from(analyticGradient(f, at))).toEqual([-2, 0, 0, 0, 0, -1 / 0.3].map((v) => expect.closeTo(v, 4)));
  });

  it('flattens per pixel for segmentation: the item loss is the mean over its pixels', () => {
    // [B=2, H=1, W=2, K=3] logits and [2, 1, 2] masks
    const seg = tf.tensor4d([logits[0], logits[1], logits[1], logits[0]].flat(), [2, 1, 2, 3]);
    const mask = tf.tensor3d([0, 2, 2, 0], [2, 1, 2], 'int32');
    const l = values(crossEntropyLoss().perItem(mask, seg));
    const mean = (expected[0] + expected[1]) / 2;
    expect(l).toEqual([expect.closeTo(mean, 5), expect.closeTo(mean, 5)]);
    const f = (p: tf.Tensor) => crossEntropyLoss().perItem(mask, p).sum();
    const grad = analyticGradient(f, seg);
    expect(Array.from(grad)).toEqual(Array.from(numericGradient(f, seg)).map((v) => expect.closeTo(v, 3)));
  });

  it('label smoothing is CE against (1 − ε)·one-hot + ε/K', () => {
    const eps = 0.1;
    const smoothed = tf.tidy(() => tf.oneHot(codes, 3).toFloat().mul(1 - eps).add(eps / 3));
    const ls = values(labelSmoothingCrossEntropyLoss({eps}).perItem(codes, x));
    const reference = values(crossEntropyLoss().perItem(smoothed, x));
    expect(ls).toEqual(reference.map((v) => expect.closeTo(v, 5)));
    expect(ls[0]).toBeGreaterThan(expected[0]);
    expect(() => labelSmoothingCrossEntropyLoss({eps: 1})).toThrow(/eps/);
  });

  it('rejects predictions without a class axis', () => {
    expect(() => crossEntropyLoss().perItem(codes, tf.tensor1d([1, 2]))).toThrow(/class axis/);
  });
});
