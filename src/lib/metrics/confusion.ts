/**
 * The confusion matrix, accumulated on the device (one small matmul per batch: one-hot(true)ᵀ · one-hot(pred) over
 * the real rows or pixels), and the per-class scores derived from it: precision, recall, F1, IoU (Jaccard) and Dice.
 */
import * as tf from '@tensorflow/tfjs';
import {classCount, DeviceSum, maskRows, predictedCodes, trueCodes} from './rows';

/** Per-class scores a confusion matrix yields. */
export type ClassScore = 'precision' | 'recall' | 'f1' | 'iou' | 'dice';

/** A K×K confusion matrix read back from the device: `counts[t * K + p]` items of true class t predicted as p. */
export class ConfusionMatrix {
  constructor(
    readonly numClasses: number,
    readonly counts: Float64Array,
  ) {
    if (counts.length !== numClasses * numClasses) {
      throw new Error(`ConfusionMatrix: ${counts.length} counts for ${numClasses} classes`);
    }
  }

  /** Items of true class `actual` predicted as `predicted`. */
  get(actual: number, predicted: number): number {
    return this.counts[actual * this.numClasses + predicted];
  }

  /** The matrix as rows (true class) of columns (predicted class). */
  rows(): number[][] {
    const k = this.numClasses;
    return Array.from({length: k}, (_, t) => Array.from(this.counts.subarray(t * k, (t + 1) * k)));
  }

  /** Items of each true class (row sums). */
  support(): Float64Array {
    return Float64Array.from(this.rows(), (row) => row.reduce((a, b) => a + b, 0));
  }

  /** Items predicted as each class (column sums). */
  predictedTotals(): Float64Array {
    const k = this.numClasses;
    return Float64Array.from({length: k}, (_, p) => {
      let s = 0;
      for (let t = 0; t < k; t++) s += this.get(t, p);
      return s;
    });
  }

  /** One score per class; 0 where it is undefined (no predictions, no items: scikit-learn's zero_division=0). */
  perClass(score: ClassScore): Float64Array {
    const support = this.support();
    const predicted = this.predictedTotals();
    return Float64Array.from({length: this.numClasses}, (_, c) => {
      const tp = this.get(c, c);
      const fp = predicted[c] - tp;
      const fn = support[c] - tp;
      const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
      switch (score) {
        case 'precision':
          return ratio(tp, tp + fp);
        case 'recall':
          return ratio(tp, tp + fn);
        case 'f1':
        case 'dice':
          return ratio(2 * tp, 2 * tp + fp + fn);
        case 'iou':
          return ratio(tp, tp + fp + fn);
      }
    });
  }

  /** The mean of a score over the classes that occur among the targets or the predictions (macro average). */
  macro(score: ClassScore): number {
    const values = this.perClass(score);
    const support = this.support();
    const predicted = this.predictedTotals();
    let sum = 0;
    let n = 0;
    for (let c = 0; c < this.numClasses; c++) {
      if (support[c] + predicted[c] > 0) {
        sum += values[c];
        n++;
      }
    }
    return n > 0 ? sum / n : NaN;
  }

  /** Fraction of all counted items on the diagonal. */
  accuracy(): number {
    let diag = 0;
    let total = 0;
    for (let t = 0; t < this.numClasses; t++) {
      for (let p = 0; p < this.numClasses; p++) {
        total += this.get(t, p);
        if (t === p) diag += this.get(t, p);
      }
    }
    return total > 0 ? diag / total : NaN;
  }
}

/**
 * Accumulates a confusion matrix over batches on the device. Classification ([B] codes or one-hot targets) and
 * segmentation (masks [B, H, W] against [B, H, W, K]) alike; a single score per item counts as 2 classes
 * (threshold 0.5). `numClasses` defaults to the predictions' last axis.
 */
export class ConfusionMatrixAccumulator {
  private readonly sum = new DeviceSum();
  private classes: number | undefined;

  constructor(numClasses?: number) {
    this.classes = numClasses;
  }

  /** Adds one batch; only the first `count` rows are real. Neither keeps nor disposes its arguments. */
  update(yTrue: tf.Tensor, yPred: tf.Tensor, count: number): void {
    if (count <= 0) return;
    const k = classCount(yPred);
    this.classes ??= k;
    if (this.classes !== k) {
      throw new Error(`confusion matrix: predictions have ${k} classes, the matrix has ${this.classes}`);
    }
    tf.tidy(() => {
      const truth = tf.reshape(trueCodes('confusion matrix', yTrue, yPred), [yPred.shape[0], -1]);
      const predicted = tf.reshape(predictedCodes(yPred), [-1]);
      const rows = tf.reshape(maskRows(tf.oneHot(truth, k, 1, 0, 'float32'), count), [-1, k]);
      this.sum.add(tf.matMul(rows, tf.oneHot(predicted, k, 1, 0, 'float32'), true, false));
    });
  }

  /** Reads the matrix back (the one sync); all zeros before the first update. */
  async read(): Promise<ConfusionMatrix> {
    const k = this.classes ?? 0;
    const values = await this.sum.read();
    return new ConfusionMatrix(k, values ? Float64Array.from(values) : new Float64Array(k * k));
  }

  dispose(): void {
    this.sum.dispose();
  }
}
