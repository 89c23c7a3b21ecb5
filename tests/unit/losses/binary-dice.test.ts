import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {binaryCrossEntropyLoss, diceLoss} from '../../../src/lib/losses';
import {analyticGradient, numericGradient} from '../../helpers/finite-differences';

const values = (t: tf.Tensor) => Array.from(t.dataSync());
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const bce = (y: number, p: number) => -(y * Math.log(p) + (1 - y) * Math.log(1 - p));

describe('binary cross-entropy', () => {
  const logits = tf.tensor2d([
    [0.3, -1.2],
    [2.0, 0.0],
  ]);
  const y = tf.tensor2d([
    [1, 0],
    [0, 1],
  ]);
  const want = [
    (bce(1, sigmoid(0.3)) + bce(0, sigmoid(-1.2))) / 2,
    (bce(0, sigmoid(2)) + bce(1, sigmoid(0))) / 2,
  ];

  it('with logits matches the formula on sigmoid outputs, and its gradient is (σ(x) − y)/outputs', () => {
    const loss = binaryCrossEntropyLoss();
    expect(values(loss.perItem(y, logits))).toEqual(want.map((v) => expect.closeTo(v, 5)));
    const grad = analyticGradient((p) => loss.perItem(y, p).sum(), logits);
    const wantGrad = [sigmoid(0.3) - 1, sigmoid(-1.2), sigmoid(2), sigmoid(0) - 1].map((v) => v / 2);
    expect(Array.from(grad)).toEqual(wantGrad.map((v) => expect.closeTo(v, 5)));
  });

  it('is stable for huge logits', () => {
    const big = tf.tensor2d([[500, -500]]);
    expect(values(binaryCrossEntropyLoss().perItem(tf.tensor2d([[0, 1]]), big))).toEqual([500]);
  });

  it('from probabilities with reduce sum is Nielsen’s CrossEntropyCost', () => {
    const p = tf.sigmoid(logits);
    const nielsen = binaryCrossEntropyLoss({fromLogits: false, reduce: 'sum'});
    expect(values(nielsen.perItem(y, p))).toEqual(want.map((v) => expect.closeTo(2 * v, 4)));
    const f = (q: tf.Tensor) => nielsen.perItem(y, q).sum();
    const at = tf.tensor2d([
      [0.6, 0.3],
      [0.8, 0.5],
    ]);
    // d/dp = (p − y) / (p(1 − p))
    const wantGrad = [
      [0.6, 1],
      [0.3, 0],
      [0.8, 0],
      [0.5, 1],
    ].map(([q, t]) => (q - t) / (q * (1 - q)));
    expect(Array.from(analyticGradient(f, at))).toEqual(wantGrad.map((v) => expect.closeTo(v, 3)));
  });

  it('takes 0/1 codes for a single output', () => {
    const out = tf.tensor2d([[0.3], [-1]]);
    const l = values(binaryCrossEntropyLoss().perItem(tf.tensor1d([1, 0], 'int32'), out));
    expect(l).toEqual([bce(1, sigmoid(0.3)), bce(0, sigmoid(-1))].map((v) => expect.closeTo(v, 5)));
  });
});

describe('dice loss', () => {
  it('is 1 − mean class Dice per item, computed on probabilities', () => {
    // one item, 2 pixels, 2 classes, probabilities given directly
    const p = tf.tensor4d([0.9, 0.1, 0.4, 0.6], [1, 1, 2, 2]);
    const mask = tf.tensor3d([0, 1], [1, 1, 2], 'int32');
    // class 0: inter 0.9, union 1.3 + 1 → (1.8 + 1)/(2.3 + 1); class 1: inter 0.6, union 0.7 + 1 → (1.2 + 1)/(1.7 + 1)
    const want = 1 - ((1.8 + 1) / (2.3 + 1) + (1.2 + 1) / (1.7 + 1)) / 2;
    expect(values(diceLoss({fromLogits: false}).perItem(mask, p))).toEqual([expect.closeTo(want, 5)]);
  });

  it('is 0 for a perfect prediction without smoothing and has correct gradients', () => {
    const perfect = tf.tensor4d([1, 0, 0, 1], [1, 1, 2, 2]);
    const mask = tf.tensor3d([0, 1], [1, 1, 2], 'int32');
    expect(values(diceLoss({fromLogits: false, smooth: 0}).perItem(mask, perfect))).toEqual([0]);
    const logits = tf.tensor4d([0.5, -0.2, 1.0, 0.3, -0.7, 0.1, 0.2, 0.9], [2, 1, 2, 2]);
    const masks = tf.tensor3d([0, 1, 1, 1], [2, 1, 2], 'int32');
    const f = (q: tf.Tensor) => diceLoss().perItem(masks, q).sum();
    expect(Array.from(analyticGradient(f, logits))).toEqual(
      Array.from(numericGradient(f, logits)).map((v) => expect.closeTo(v, 3)),
    );
  });

  it('uses a sigmoid for a single channel', () => {
    const logits = tf.tensor4d([10, -10], [1, 1, 2, 1]);
    const mask = tf.tensor4d([1, 0], [1, 1, 2, 1]);
    expect(values(diceLoss({smooth: 0}).perItem(mask, logits))[0]).toBeCloseTo(0, 4);
  });
});
