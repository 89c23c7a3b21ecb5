/**
 * Accuracy-type metrics: accuracy and error rate (per item, or per pixel for segmentation), top-k accuracy,
 * multi-label accuracy with a threshold, and fastai's foreground accuracy for segmentation.
 */
import * as tf from '@tensorflow/tfjs';
import type {Metric} from './types';
import {ratioMetric} from './ratio-metric';
import {maskRows, perRow, predictedCodes, trueCodes} from './rows';

function correctCodes(name: string, yTrue: tf.Tensor, yPred: tf.Tensor, count: number) {
  const truth = trueCodes(name, yTrue, yPred);
  const hits = tf.cast(tf.equal(predictedCodes(yPred), truth), 'float32');
  return {num: tf.sum(maskRows(hits, count)), den: count * perRow(truth)};
}

/**
 * Fraction of items (or pixels) whose predicted class, the argmax (or score > 0.5 for a single output), is the
 * true class. Targets: class codes or one-hot.
 */
export function accuracy(): Metric {
  return ratioMetric({
    name: 'accuracy',
    higherIsBetter: true,
    parts: (yTrue, yPred, count) => correctCodes('accuracy', yTrue, yPred, count),
  });
}

/** 1 − accuracy (fastai's `error_rate`). */
export function errorRate(): Metric {
  return ratioMetric({
    name: 'error_rate',
    higherIsBetter: false,
    parts: (yTrue, yPred, count) => correctCodes('error_rate', yTrue, yPred, count),
    finish: (acc) => 1 - acc,
  });
}

/**
 * Fraction of items whose true class is among the k highest scores. Counted without sorting: the true class is in
 * the top k when fewer than k classes score strictly higher (ties count in its favour).
 */
export function topKAccuracy(k = 5): Metric {
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`topKAccuracy: k must be a positive integer, got ${k}`);
  const name = `top_${k}_accuracy`;
  return ratioMetric({
    name,
    higherIsBetter: true,
    parts(yTrue, yPred, count) {
      const classes = yPred.shape[yPred.rank - 1];
      if (classes < 2) {
        throw new Error(`${name}: needs one score per class (the model's output has ${classes}); a single binary score has no top k`);
      }
      const truth = trueCodes(name, yTrue, yPred);
      const trueScore = tf.sum(tf.mul(yPred, tf.oneHot(truth, classes, 1, 0, 'float32')), -1, true);
      const higher = tf.sum(tf.cast(tf.greater(yPred, trueScore), 'float32'), -1);
      const hits = tf.cast(tf.less(higher, k), 'float32');
      return {num: tf.sum(maskRows(hits, count)), den: count * perRow(truth)};
    },
  });
}

/** Options of {@link multiLabelAccuracy}. */
export interface MultiLabelAccuracyOptions {
  /** A label is predicted present when its probability exceeds this (default 0.5). */
  threshold?: number;
}

/**
 * Multi-label accuracy (fastai's `accuracy_multi`): the fraction of (item, label) pairs where `p > threshold` agrees
 * with the 0/1 target. Predictions are probabilities (the loss's activation, a sigmoid).
 */
export function multiLabelAccuracy(options: MultiLabelAccuracyOptions = {}): Metric {
  const threshold = options.threshold ?? 0.5;
  return ratioMetric({
    name: 'accuracy_multi',
    higherIsBetter: true,
    parts(yTrue, yPred, count) {
      if (yTrue.size !== yPred.size) {
        throw new Error(
          `accuracy_multi: targets [${yTrue.shape.join(', ')}] must match predictions [${yPred.shape.join(', ')}]`,
        );
      }
      const predicted = tf.greater(yPred, threshold);
      const actual = tf.greater(tf.reshape(yTrue, yPred.shape), 0.5);
      const hits = tf.cast(tf.equal(predicted, actual), 'float32');
      return {num: tf.sum(maskRows(hits, count)), den: count * perRow(yPred)};
    },
  });
}

/** Options of {@link foregroundAccuracy}. */
export interface ForegroundAccuracyOptions {
  /** The class code of the background, left out of the count (default 0). */
  backgroundCode?: number;
}

/**
 * Segmentation accuracy over foreground pixels only (fastai's `foreground_acc`): among pixels whose true class is
 * not the background code, the fraction predicted correctly. Predictions [B, H, W, K], masks [B, H, W].
 */
export function foregroundAccuracy(options: ForegroundAccuracyOptions = {}): Metric {
  const background = options.backgroundCode ?? 0;
  return ratioMetric({
    name: 'foreground_acc',
    higherIsBetter: true,
    parts(yTrue, yPred, count) {
      const truth = trueCodes('foreground_acc', yTrue, yPred);
      const foreground = maskRows(tf.cast(tf.notEqual(truth, background), 'float32'), count);
      const hits = tf.mul(tf.cast(tf.equal(predictedCodes(yPred), truth), 'float32'), foreground);
      return {num: tf.sum(hits), den: tf.sum(foreground)};
    },
  });
}
