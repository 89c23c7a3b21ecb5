import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {
  accuracy,
  ConfusionMatrixAccumulator,
  diceScore,
  errorRate,
  f1Score,
  foregroundAccuracy,
  iou,
  mae,
  multiLabelAccuracy,
  precision,
  recall,
  rmse,
  rocAuc,
  rocCurve,
  topKAccuracy,
  type Metric,
} from '../../../src/lib/metrics';

/** Feeds batches (targets, predictions, count) through a fresh accumulator and returns its result. */
async function score(metric: Metric, batches: [tf.Tensor, tf.Tensor, number][]): Promise<number> {
  const acc = metric.accumulator();
  for (const [y, p, count] of batches) acc.update(y, p, count);
  const value = await acc.result();
  acc.dispose();
  return value;
}

// 4 items, 3 classes; the 4th row is padding in the second batch below.
const probs = tf.tensor2d([
  [0.7, 0.2, 0.1], // pred 0
  [0.1, 0.3, 0.6], // pred 2
  [0.2, 0.5, 0.3], // pred 1
  [0.3, 0.3, 0.4], // pred 2
]);
const codes = tf.tensor1d([0, 1, 1, 0], 'int32'); // right, wrong (1→2), right, wrong (0→2)

describe('accuracy-type metrics', () => {
  it('counts argmax hits over real rows only, with codes or one-hot targets', async () => {
    expect(await score(accuracy(), [[codes, probs, 4]])).toBe(0.5);
    expect(await score(accuracy(), [[tf.oneHot(codes, 3).toFloat(), probs, 4]])).toBe(0.5);
    // The last row is padding: 2 of 3 real rows right. Accumulates across batches: (2 + 2) / (4 + 3).
    expect(await score(accuracy(), [[codes, probs, 3]])).toBeCloseTo(2 / 3, 6);
    expect(await score(accuracy(), [[codes, probs, 4], [codes, probs, 3]])).toBeCloseTo(4 / 7, 6);
    expect(await score(errorRate(), [[codes, probs, 3]])).toBeCloseTo(1 / 3, 6);
  });

  it('thresholds a single score at 0.5', async () => {
    const p = tf.tensor2d([[0.9], [0.2], [0.6]]);
    expect(await score(accuracy(), [[tf.tensor1d([1, 0, 0]), p, 3]])).toBeCloseTo(2 / 3, 6);
  });

  it('top-k counts the true class among the k best', async () => {
    // true-class ranks: 0 (item 0), 1 (item 1: 0.3 < 0.6), 0 (item 2), 1 (item 3: tie 0.3/0.3 below 0.4)
    expect(await score(topKAccuracy(1), [[codes, probs, 4]])).toBe(0.5);
    expect(await score(topKAccuracy(2), [[codes, probs, 4]])).toBe(1);
    expect(topKAccuracy(2).name).toBe('top_2_accuracy');
    // A single binary score has no ranking: a clear error, not a meaningless 100%.
    await expect(score(topKAccuracy(1), [[tf.tensor1d([1, 0]), tf.tensor2d([[0.9], [0.2]]), 2]])).rejects.toThrow(/needs one score per class/);
  });

  it('multi-label accuracy compares every label at the threshold', async () => {
    const p = tf.tensor2d([
      [0.9, 0.2],
      [0.4, 0.7],
    ]);
    const y = tf.tensor2d([
      [1, 1],
      [0, 1],
    ]);
    expect(await score(multiLabelAccuracy(), [[y, p, 2]])).toBe(0.75);
    expect(await score(multiLabelAccuracy({threshold: 0.1}), [[y, p, 2]])).toBe(0.75);
    expect(await score(multiLabelAccuracy({threshold: 0.1}), [[y, p, 1]])).toBe(1);
  });

  it('foreground accuracy ignores background pixels (fastai semantics)', async () => {
    // 1 item, 4 pixels, 2 classes; truth [0, 1, 1, 0], predictions [1, 1, 0, 0]
    const mask = tf.tensor3d([0, 1, 1, 0], [1, 2, 2], 'int32');
    const p = tf.tensor4d([0.4, 0.6, 0.2, 0.8, 0.9, 0.1, 0.7, 0.3], [1, 2, 2, 2]);
    expect(await score(foregroundAccuracy(), [[mask, p, 1]])).toBe(0.5);
    expect(await score(accuracy(), [[mask, p, 1]])).toBe(0.5);
    expect(await score(foregroundAccuracy({backgroundCode: 1}), [[mask, p, 1]])).toBe(0.5);
  });

  it('says what did not fit', async () => {
    await expect(score(accuracy(), [[tf.zeros([4, 2]), probs, 4]])).rejects.toThrow(/accuracy: targets \[4, 2\]/);
  });
});

describe('regression metrics', () => {
  it('MAE and RMSE over the whole pass', async () => {
    const y = tf.tensor2d([[1], [2], [3], [100]]);
    const p = tf.tensor2d([[2], [2], [1], [0]]);
    expect(await score(mae(), [[y, p, 3]])).toBeCloseTo(1, 6);
    // squared errors 1, 0, 4 → √(5/3); a second batch of one exact row → √(5/4)
    expect(await score(rmse(), [[y, p, 3]])).toBeCloseTo(Math.sqrt(5 / 3), 6);
    expect(await score(rmse(), [[y, p, 3], [y, y, 1]])).toBeCloseTo(Math.sqrt(5 / 4), 6);
  });
});

describe('confusion-matrix metrics', () => {
  it('accumulates the confusion matrix on the device, real rows only', async () => {
    const acc = new ConfusionMatrixAccumulator();
    acc.update(codes, probs, 4);
    acc.update(codes, probs, 3);
    const cm = await acc.read();
    // true 0 → pred 0 (×2), true 0 → pred 2 (×1, the padded copy excluded); true 1 → 2 (×2); true 1 → 1 (×2)
    expect(cm.rows()).toEqual([
      [2, 0, 1],
      [0, 2, 2],
      [0, 0, 0],
    ]);
    expect(cm.accuracy()).toBeCloseTo(4 / 7, 6);
    acc.dispose();
  });

  it('precision, recall and F1 per class and macro over the classes that occur', async () => {
    // single batch: class 0: TP 1, FN 1, FP 0; class 1: TP 1, FN 1, FP 0; class 2: TP 0, FP 2
    const batch: [tf.Tensor, tf.Tensor, number][] = [[codes, probs, 4]];
    expect(await score(precision({classIndex: 0}), batch)).toBe(1);
    expect(await score(recall({classIndex: 1}), batch)).toBe(0.5);
    expect(await score(precision({classIndex: 2}), batch)).toBe(0);
    expect(await score(precision(), batch)).toBeCloseTo((1 + 1 + 0) / 3, 6);
    expect(await score(recall(), batch)).toBeCloseTo((0.5 + 0.5 + 0) / 3, 6);
    expect(await score(f1Score(), batch)).toBeCloseTo((2 / 3 + 2 / 3 + 0) / 3, 6);
    expect(precision({classIndex: 2}).name).toBe('precision_2');
    await expect(score(precision({classIndex: 5}), batch)).rejects.toThrow(/out of range/);
  });

  it('IoU and Dice per class on a segmentation mask', async () => {
    // truth [0, 1, 1, 0], predictions [1, 1, 0, 0]: class 1: TP 1, FP 1, FN 1 → IoU 1/3, Dice 1/2
    const mask = tf.tensor3d([0, 1, 1, 0], [1, 2, 2], 'int32');
    const p = tf.tensor4d([0.4, 0.6, 0.2, 0.8, 0.9, 0.1, 0.7, 0.3], [1, 2, 2, 2]);
    expect(await score(iou({classIndex: 1}), [[mask, p, 1]])).toBeCloseTo(1 / 3, 6);
    expect(await score(diceScore({classIndex: 1}), [[mask, p, 1]])).toBeCloseTo(0.5, 6);
    expect(await score(iou(), [[mask, p, 1]])).toBeCloseTo(1 / 3, 6);
  });
});

describe('ROC and AUC', () => {
  it('matches a hand-computed curve with ties', () => {
    // positives score 0.9, 0.5; negatives 0.5, 0.1 → AUC = (1 + 0.5·[tie] + 1 + 1) / 4 = 0.875
    const curve = rocCurve([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0]);
    expect(Array.from(curve.fpr)).toEqual([0, 0, 0.5, 1]);
    expect(Array.from(curve.tpr)).toEqual([0, 0.5, 1, 1]);
    expect(Array.from(curve.thresholds)).toEqual([Infinity, 0.9, 0.5, 0.1]);
    expect(curve.auc).toBeCloseTo(0.875, 10);
    expect(rocCurve([0.3, 0.2], [1, 1]).auc).toBeNaN();
  });

  it('accumulates scores on the device, from one column of K, or a single score, over real rows', async () => {
    const p2 = tf.tensor2d([
      [0.1, 0.9],
      [0.5, 0.5],
      [0.5, 0.5],
      [0.9, 0.1],
      [0.0, 1.0], // padding: would raise the AUC if counted
    ]);
    const y = tf.tensor1d([1, 1, 0, 0, 0], 'int32');
    expect(await score(rocAuc(), [[y, p2, 4]])).toBeCloseTo(0.875, 6);
    const single = tf.tensor2d([[0.9], [0.5], [0.5], [0.1], [1]]);
    expect(await score(rocAuc(), [[y, single, 4]])).toBeCloseTo(0.875, 6);
  });
});

describe('accumulators', () => {
  it('leave no tensors behind', async () => {
    const before = tf.memory().numTensors;
    for (const metric of [accuracy(), topKAccuracy(2), precision(), rocAuc(), rmse()]) {
      const acc = metric.accumulator();
      const y = metric.name === 'rmse' ? probs : codes;
      acc.update(y, probs, 4);
      acc.update(y, probs, 3);
      await acc.result();
      acc.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
