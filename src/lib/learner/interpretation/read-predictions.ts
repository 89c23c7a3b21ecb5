/**
 * Reading classifier predictions back as per-class probabilities and integer targets (one sync, for analysis), and
 * the small JS helpers the interpretations and ensembles share.
 */
import * as tf from '@tensorflow/tfjs';

/** Probabilities [N, K] (a single sigmoid column becomes [1 − p, p]) and class-code targets, as JS arrays. */
export async function classProbabilities(
  preds: tf.Tensor,
  targets: tf.Tensor,
): Promise<{probs: Float32Array; numClasses: number; targets: Int32Array}> {
  if (preds.rank > 2) {
    throw new Error(
      `expected one prediction row per item, got [${preds.shape.join(', ')}] (segmentation: use SegmentationInterpretation)`,
    );
  }
  const [probsT, codesT] = tf.tidy(() => {
    const scores = preds.rank === 1 ? tf.reshape(preds, [-1, 1]) : preds;
    const p = scores.shape[1] === 1 ? tf.concat([tf.sub(1, scores), scores], 1) : scores;
    const k = p.shape[1] as number;
    let codes: tf.Tensor;
    if (targets.rank === 2 && targets.shape[1] === k) codes = tf.argMax(targets, 1);
    else codes = tf.cast(tf.round(tf.reshape(targets, [-1])), 'int32');
    return [p, codes];
  });
  try {
    const [probs, codes] = await Promise.all([probsT.data(), codesT.data()]);
    return {probs: Float32Array.from(probs), numClasses: probsT.shape[1] as number, targets: Int32Array.from(codes)};
  } finally {
    tf.dispose([probsT, codesT]);
  }
}

/** The argmax of each row of an [n, k] row-major array. */
export function argmaxRows(values: Float32Array, k: number): Int32Array {
  const n = values.length / k;
  return Int32Array.from({length: n}, (_, i) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (values[i * k + c] > values[i * k + best]) best = c;
    return best;
  });
}

/** Rows of the `k` largest losses (smallest with `largest` false), ties in row order. */
export function rowsByLoss(losses: Float32Array, k: number, largest = true): number[] {
  const sign = largest ? -1 : 1;
  return Array.from(losses.keys())
    .sort((a, b) => sign * (losses[a] - losses[b]))
    .slice(0, k);
}
