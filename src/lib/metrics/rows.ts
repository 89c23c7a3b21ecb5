/**
 * Shared helpers of the metrics: masking padding rows (only the first `count` rows of a batch are real), decoding
 * targets and predictions to class codes, and a running sum that stays on the device.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * `values` with rows at `count` and beyond zeroed (values [B, ...]: per item or per pixel). Fixed-shape: the mask is
 * a comparison against a range, so a padded last batch compiles no new kernels.
 */
export function maskRows(values: tf.Tensor, count: number): tf.Tensor {
  const batch = values.shape[0];
  if (count >= batch) return values;
  const mask = tf.cast(tf.less(tf.range(0, batch, 1, 'int32'), count), values.dtype);
  return tf.mul(values, tf.reshape(mask, [batch, ...values.shape.slice(1).map(() => 1)]));
}

/** Whether `yPred` holds one binary score per item or pixel: shape [B] or a last axis of 1. */
export function isBinaryOutput(yPred: tf.Tensor): boolean {
  return yPred.rank === 1 || yPred.shape[yPred.rank - 1] === 1;
}

/** Number of classes a metric sees in `yPred`: its last axis, or 2 for a single binary score. */
export function classCount(yPred: tf.Tensor): number {
  return isBinaryOutput(yPred) ? 2 : yPred.shape[yPred.rank - 1];
}

/** The shape of the items or pixels that carry one class code each. */
function codeShape(yPred: tf.Tensor): number[] {
  return yPred.rank > 1 ? yPred.shape.slice(0, -1) : yPred.shape;
}

/**
 * Predicted class codes (int32, one per item or pixel): argmax over the last axis, or `score > threshold` for a
 * single binary score.
 */
export function predictedCodes(yPred: tf.Tensor, threshold = 0.5): tf.Tensor {
  if (isBinaryOutput(yPred)) return tf.cast(tf.greater(tf.reshape(yPred, codeShape(yPred)), threshold), 'int32');
  return tf.argMax(yPred, -1);
}

/**
 * True class codes (int32) shaped like `predictedCodes`: codes as given, argmax of one-hot targets, or rounded 0/1
 * targets for a single score. Throws a clear error when the shapes do not fit.
 */
export function trueCodes(metric: string, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const shape = codeShape(yPred);
  if (isBinaryOutput(yPred)) {
    if (yTrue.size === yPred.size && yTrue.shape[0] === yPred.shape[0]) {
      return tf.cast(tf.round(tf.reshape(yTrue, shape)), 'int32');
    }
  } else if (yTrue.rank === yPred.rank && yTrue.shape.every((d, i) => d === yPred.shape[i])) {
    return tf.argMax(yTrue, -1);
  } else if (yTrue.rank === shape.length && yTrue.shape.every((d, i) => d === shape[i])) {
    return tf.cast(yTrue, 'int32');
  }
  throw new Error(
    `${metric}: targets [${yTrue.shape.join(', ')}] do not fit predictions [${yPred.shape.join(', ')}]; expected ` +
      'class codes, one-hot targets, or 0/1 targets for a single score',
  );
}

/** Elements per row of a tensor [B, ...] (1 for [B]). */
export function perRow(t: tf.Tensor): number {
  return t.shape.slice(1).reduce((a, b) => a * b, 1);
}

/** A running sum kept on the device: each `add` replaces it with sum + value inside one small kernel. */
export class DeviceSum {
  private total: tf.Tensor | undefined;

  /** Adds `value` (not kept, not disposed). */
  add(value: tf.Tensor): void {
    const next = tf.keep(this.total ? tf.add(this.total, value) : tf.clone(value));
    this.total?.dispose();
    this.total = next;
  }

  /** Reads the sum back (one sync). */
  async read(): Promise<Float32Array | undefined> {
    return this.total ? Float32Array.from(await this.total.data()) : undefined;
  }

  dispose(): void {
    this.total?.dispose();
    this.total = undefined;
  }
}
