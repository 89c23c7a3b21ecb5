/** The last step of a model: what its output means (logits, probabilities or a bounded regression value). */
import * as tf from '@tensorflow/tfjs';
import {activation, softmax} from '../layers';
import {applyLayer} from '../blocks';

/**
 * What a model outputs:
 * - `logits` (default for classifiers): raw scores, what Deep Sky's cross-entropy losses take; also plain linear
 *   regression;
 * - `softmax`: class probabilities (only for models that must output them, e.g. to match a textbook);
 * - `sigmoid`: each output squashed to (0, 1) (regression of fractions, multi-label probabilities);
 * - `{yRange: [lo, hi]}`: fastai's `y_range` — `lo + (hi − lo)·sigmoid(x)`, a regression head bounded to (lo, hi).
 */
export type HeadOutput = 'logits' | 'softmax' | 'sigmoid' | {yRange: [number, number]};

/** Applies a {@link HeadOutput} to a model's raw output; layers are named `<name>_softmax` etc. */
export function applyHeadOutput(x: tf.SymbolicTensor, output: HeadOutput, name: string): tf.SymbolicTensor {
  if (output === 'logits') return x;
  if (output === 'softmax') return applyLayer(softmax({name: `${name}_softmax`}), x);
  const squashed = applyLayer(activation('sigmoid', {name: `${name}_sigmoid`}), x);
  if (output === 'sigmoid') return squashed;
  const [lo, hi] = output.yRange;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    throw new Error(`yRange must be [lo, hi] with finite lo < hi, got [${lo}, ${hi}]`);
  }
  // Rescaling is a standard Keras layer, so the model still converts to Keras.
  return applyLayer(tf.layers.rescaling({scale: hi - lo, offset: lo, name: `${name}_range`}), squashed);
}
