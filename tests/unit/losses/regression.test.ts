import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {l1Loss, mseLoss, quadraticLoss, smoothL1Loss} from '../../../src/lib/losses';
import {analyticGradient, numericGradient} from '../../helpers/finite-differences';

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('elementwise losses', () => {
  const a = tf.tensor2d([
    [0.2, 0.7],
    [1.5, -0.5],
  ]);
  const y = tf.tensor2d([
    [0, 1],
    [1, 0],
  ]);

  it('quadratic is ½‖a − y‖² per item, with gradient a − y', () => {
    // item 0: ½(0.04 + 0.09) = 0.065; item 1: ½(0.25 + 0.25) = 0.25
    expect(values(quadraticLoss().perItem(y, a))).toEqual([expect.closeTo(0.065, 6), expect.closeTo(0.25, 6)]);
    const grad = analyticGradient((p) => quadraticLoss().perItem(y, p).sum(), a);
    expect(Array.from(grad)).toEqual(values(a.sub(y)).map((v) => expect.closeTo(v, 6)));
  });

  it('quadratic one-hot encodes class codes (Nielsen’s vectorized_result)', () => {
    const codes = tf.tensor1d([1, 0], 'int32');
    expect(values(quadraticLoss().perItem(codes, a))).toEqual(values(quadraticLoss().perItem(y, a)));
  });

  it('mse and l1 average over outputs', () => {
    expect(values(mseLoss().perItem(y, a))).toEqual([expect.closeTo(0.065, 6), expect.closeTo(0.25, 6)]);
    expect(values(l1Loss().perItem(y, a))).toEqual([expect.closeTo(0.25, 6), expect.closeTo(0.5, 6)]);
  });

  it('accepts a [B] regression target for a [B, 1] output', () => {
    const out = tf.tensor2d([[2], [3]]);
    expect(values(mseLoss().perItem(tf.tensor1d([1, 1]), out))).toEqual([1, 4]);
  });

  it('smooth L1 is quadratic below beta and linear above', () => {
    const loss = smoothL1Loss({beta: 1});
    // |d| = 0.2, 0.3 → 0.02, 0.045 (mean 0.0325); |d| = 0.5, 0.5 → 0.125 each
    expect(values(loss.perItem(y, a))).toEqual([expect.closeTo(0.0325, 6), expect.closeTo(0.125, 6)]);
    const far = tf.tensor2d([[3]]);
    expect(values(loss.perItem(tf.tensor2d([[0]]), far))).toEqual([2.5]);
    const f = (p: tf.Tensor) => smoothL1Loss({beta: 0.5}).perItem(y, p).sum();
    const grad = analyticGradient(f, a);
    expect(Array.from(grad)).toEqual(Array.from(numericGradient(f, a, 1e-3)).map((v) => expect.closeTo(v, 2)));
  });

  it('says what did not match when shapes disagree', () => {
    expect(() => mseLoss().perItem(tf.zeros([2, 3]), a)).toThrow(/mse: targets \[2, 3\] do not fit predictions \[2, 2\]/);
    expect(() => mseLoss().perItem(tf.zeros([3, 2]), a)).toThrow(/batch axis/);
    expect(() => smoothL1Loss({beta: 0})).toThrow(/beta/);
  });
});
