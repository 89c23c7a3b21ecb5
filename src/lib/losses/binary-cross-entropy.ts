/**
 * Binary cross-entropy for one or many independent yes/no outputs (binary and multi-label classification, binary
 * masks), from logits (stable, the default) or from sigmoid probabilities. Nielsen's network2.py `CrossEntropyCost`
 * is the probabilities form summed over the outputs: `binaryCrossEntropyLoss({fromLogits: false, reduce: 'sum'})`.
 */
import * as tf from '@tensorflow/tfjs';
import type {Loss} from './types';
import {checkBatch, denseTargets, perItemReduce, PROB_EPSILON} from './targets';

/** Options of {@link binaryCrossEntropyLoss}. */
export interface BinaryCrossEntropyOptions {
  /** Whether the model outputs raw scores (default) or sigmoid probabilities. */
  fromLogits?: boolean;
  /** How an item's outputs combine: their mean (default, like Keras and fastai) or their sum (Nielsen's cost). */
  reduce?: 'mean' | 'sum';
}

/**
 * Binary cross-entropy −[y·log p + (1 − y)·log(1 − p)] per output, combined per item by `reduce`. From logits it is
 * computed as max(x, 0) − x·y + log(1 + e^−|x|), which never overflows; its `activation` is the sigmoid. Targets
 * are 0/1 (or soft) values shaped like the predictions; class codes 0/1 for a single output are accepted too.
 */
export function binaryCrossEntropyLoss(options: BinaryCrossEntropyOptions = {}): Loss {
  const fromLogits = options.fromLogits ?? true;
  const reduce = options.reduce ?? 'mean';
  const name = fromLogits ? 'binary-cross-entropy-with-logits' : 'binary-cross-entropy';
  return {
    name,
    perItem(yTrue, yPred) {
      checkBatch(name, yTrue, yPred);
      return tf.tidy(() => {
        const y = denseTargets(name, yTrue, yPred);
        let perOutput: tf.Tensor;
        if (fromLogits) {
          const x = yPred;
          perOutput = tf.add(tf.sub(tf.relu(x), tf.mul(x, y)), tf.log1p(tf.exp(tf.neg(tf.abs(x)))));
        } else {
          const p = tf.clipByValue(yPred, PROB_EPSILON, 1 - PROB_EPSILON);
          perOutput = tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
        }
        return perItemReduce(perOutput, reduce);
      });
    },
    activation: (yPred) => (fromLogits ? tf.sigmoid(yPred) : yPred),
  };
}
