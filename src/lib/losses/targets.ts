/**
 * Target handling shared by the losses: targets arrive as integer class codes ([B], or [B, H, W] masks) or as dense
 * arrays shaped like the predictions (one-hot, multi-label, regression). Each loss brings them to the predictions'
 * shape once, with an error that says what did not match.
 */
import * as tf from '@tensorflow/tfjs';

function shapeText(t: tf.Tensor): string {
  return `[${t.shape.join(', ')}]`;
}

/** True when `yTrue` holds class codes for `yPred`'s last axis (one rank fewer, same leading dims). */
export function isClassCodes(yTrue: tf.Tensor, yPred: tf.Tensor): boolean {
  if (yTrue.rank !== yPred.rank - 1) return false;
  return yTrue.shape.every((d, i) => d === yPred.shape[i]);
}

/**
 * Targets as float32 shaped like `yPred`: dense targets of the same size are reshaped (a regression target [B] for
 * predictions [B, 1]), class codes become one-hot over the last axis. Throws a clear error otherwise.
 */
export function denseTargets(lossName: string, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  // Same size first: a [B] target for a single output [B, 1] is a value, not a class code.
  if (yTrue.size === yPred.size && yTrue.shape[0] === yPred.shape[0]) {
    const y = yTrue.dtype === 'float32' ? yTrue : tf.cast(yTrue, 'float32');
    return y.rank === yPred.rank && y.shape.every((d, i) => d === yPred.shape[i]) ? y : y.reshape(yPred.shape);
  }
  if (isClassCodes(yTrue, yPred)) {
    const depth = yPred.shape[yPred.rank - 1];
    return tf.oneHot(tf.cast(yTrue, 'int32'), depth, 1, 0, 'float32');
  }
  throw new Error(
    `${lossName}: targets ${shapeText(yTrue)} do not fit predictions ${shapeText(yPred)}; expected class codes ` +
      `${shapeText(yPred).replace(/, \d+\]$/, ']')} or dense targets ${shapeText(yPred)}`,
  );
}

/** Reduces every axis but the first: `[B, ...]` → `[B]`, by mean or sum. Rank-1 input is returned as is. */
export function perItemReduce(t: tf.Tensor, how: 'mean' | 'sum' = 'mean'): tf.Tensor1D {
  if (t.rank === 1) return t as tf.Tensor1D;
  const axes = Array.from({length: t.rank - 1}, (_, i) => i + 1);
  return (how === 'mean' ? t.mean(axes) : t.sum(axes)) as tf.Tensor1D;
}

/** Checks that a loss received a batch axis on both sides; every loss calls it first. */
export function checkBatch(lossName: string, yTrue: tf.Tensor, yPred: tf.Tensor): void {
  if (yPred.rank < 1 || yTrue.rank < 1 || yTrue.shape[0] !== yPred.shape[0]) {
    throw new Error(
      `${lossName}: targets ${shapeText(yTrue)} and predictions ${shapeText(yPred)} must share the batch axis`,
    );
  }
}

/** Probabilities are clipped away from 0 and 1 before a log (float32 cannot hold log(0)). */
export const PROB_EPSILON = 1e-7;
