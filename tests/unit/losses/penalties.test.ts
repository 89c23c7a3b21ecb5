import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {l1Penalty, l2Penalty} from '../../../src/lib/losses';

describe('weight penalties', () => {
  const w1 = tf.variable(tf.tensor2d([
    [1, -2],
    [3, 0],
  ]));
  const w2 = tf.variable(tf.tensor1d([-1, 0.5]));

  it('l2 is λ/(2n)·Σw² and l1 is λ/n·Σ|w|', () => {
    const l2 = l2Penalty({lambda: 5, n: 50});
    const l1 = l1Penalty({lambda: 5, n: 50});
    // Σw² = 1 + 4 + 9 + 1 + 0.25 = 15.25; Σ|w| = 1 + 2 + 3 + 1 + 0.5 = 7.5
    expect(l2([w1, w2]).dataSync()[0]).toBeCloseTo((5 / 100) * 15.25, 6);
    expect(l1([w1, w2]).dataSync()[0]).toBeCloseTo((5 / 50) * 7.5, 6);
    expect(l2([]).dataSync()[0]).toBe(0);
    expect(l2.name).toMatch(/^l2/);
  });

  it('gives network2.py’s update: one SGD step on the penalty alone scales w by (1 − ηλ/n)', () => {
    const eta = 0.5;
    const lambda = 5;
    const n = 50;
    const w = tf.variable(tf.tensor1d([2, -4]));
    const {grads} = tf.variableGrads(() => l2Penalty({lambda, n})([w]), [w]);
    w.assign(w.sub(grads[w.name].mul(eta)));
    expect(Array.from(w.dataSync())).toEqual([2, -4].map((v) => expect.closeTo(v * (1 - (eta * lambda) / n), 6)));
  });

  it('rejects a missing training-set size', () => {
    expect(() => l2Penalty({lambda: 1, n: 0})).toThrow(/training-set size/);
  });
});
