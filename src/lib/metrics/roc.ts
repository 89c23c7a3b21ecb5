/**
 * ROC curve and AUC for a binary problem. The batches' positive-class scores and labels stay on the device until the
 * end; `result()` reads them once and sweeps the thresholds in JS.
 */
import * as tf from '@tensorflow/tfjs';
import type {Metric, MetricAccumulator} from './types';
import {isBinaryOutput, trueCodes} from './rows';

/** A ROC curve: false- and true-positive rates as the threshold falls through every distinct score. */
export interface RocCurve {
  /** False-positive rates, from 0 to 1. */
  fpr: Float64Array;
  /** True-positive rates, from 0 to 1. */
  tpr: Float64Array;
  /** The score threshold (predict positive when score ≥ threshold) of each point; the first is +Infinity. */
  thresholds: Float64Array;
  /** Area under the curve (trapezoidal); NaN when one of the classes is absent. */
  auc: number;
}

/**
 * The ROC curve of scores against 0/1 labels. Tied scores form one point (the curve goes diagonally through them),
 * so the AUC equals the probability that a random positive outscores a random negative, ties counting half.
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): RocCurve {
  if (scores.length !== labels.length) {
    throw new Error(`rocCurve: ${scores.length} scores but ${labels.length} labels`);
  }
  const order = Array.from({length: scores.length}, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] > 0.5 ? 1 : 0;
  const negatives = labels.length - positives;
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    if (labels[order[i]] > 0.5) tp++;
    else fp++;
    const last = i === order.length - 1 || scores[order[i + 1]] !== scores[order[i]];
    if (last) {
      fpr.push(negatives > 0 ? fp / negatives : NaN);
      tpr.push(positives > 0 ? tp / positives : NaN);
      thresholds.push(scores[order[i]]);
    }
  }
  let auc = 0;
  for (let i = 1; i < fpr.length; i++) auc += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  if (positives === 0 || negatives === 0) auc = NaN;
  return {fpr: Float64Array.from(fpr), tpr: Float64Array.from(tpr), thresholds: Float64Array.from(thresholds), auc};
}

/** Options of {@link rocAuc} and {@link RocAccumulator}. */
export interface RocOptions {
  /** The positive class when predictions have two or more columns (default 1). */
  positiveClass?: number;
}

/**
 * Keeps each batch's positive-class scores and 0/1 labels on the device; `curve()` reads them all at the end.
 * Scores: a single column/[B] of probabilities, or column `positiveClass` of [B, K] probabilities.
 */
export class RocAccumulator implements MetricAccumulator {
  private readonly batches: {scores: tf.Tensor; labels: tf.Tensor; count: number}[] = [];
  private readonly positive: number;

  constructor(options: RocOptions = {}) {
    this.positive = options.positiveClass ?? 1;
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, count: number): void {
    if (count <= 0) return;
    if (yPred.rank > 2) throw new Error(`roc_auc: expects per-item scores, got [${yPred.shape.join(', ')}]`);
    const kept = tf.tidy(() => {
      const binary = isBinaryOutput(yPred);
      const scores = binary
        ? tf.reshape(yPred, [-1])
        : tf.reshape(tf.slice(yPred, [0, this.positive], [-1, 1]), [-1]);
      const codes = trueCodes('roc_auc', yTrue, yPred);
      const labels = binary ? codes : tf.equal(codes, this.positive);
      return {scores: tf.keep(tf.clone(scores)), labels: tf.keep(tf.cast(labels, 'float32'))};
    });
    this.batches.push({...kept, count});
  }

  /** Reads everything back and computes the curve. */
  async curve(): Promise<RocCurve> {
    const scores: number[] = [];
    const labels: number[] = [];
    for (const b of this.batches) {
      const [s, l] = await Promise.all([b.scores.data(), b.labels.data()]);
      for (let i = 0; i < b.count; i++) {
        scores.push(s[i]);
        labels.push(l[i]);
      }
    }
    return rocCurve(scores, labels);
  }

  async result(): Promise<number> {
    return (await this.curve()).auc;
  }

  dispose(): void {
    for (const b of this.batches.splice(0)) tf.dispose([b.scores, b.labels]);
  }
}

/** Area under the ROC curve of a binary classifier (probabilities from the loss's activation). */
export function rocAuc(options: RocOptions = {}): Metric {
  return {name: 'roc_auc', higherIsBetter: true, accumulator: () => new RocAccumulator(options)};
}
