/**
 * Categorical cross-entropy: from logits (the numerically stable default) or from probabilities, with integer class
 * codes or one-hot targets, per item or per pixel (segmentation logits [B, H, W, K] with masks [B, H, W]: each item's
 * loss is the mean over its pixels). Label smoothing and Nielsen's log-likelihood are variants of it.
 */
import * as tf from '@tensorflow/tfjs';
import type {Loss} from './types';
import {checkBatch, denseTargets, perItemReduce, PROB_EPSILON} from './targets';

/** Options of {@link crossEntropyLoss}. */
export interface CrossEntropyOptions {
  /** Whether the model outputs raw scores (default) or probabilities (a softmax last layer). */
  fromLogits?: boolean;
}

/** Options of {@link labelSmoothingCrossEntropyLoss}. */
export interface LabelSmoothingOptions extends CrossEntropyOptions {
  /** Probability mass spread evenly over all classes (fastai's `eps`, default 0.1). */
  eps?: number;
}

function logProbs(yPred: tf.Tensor, fromLogits: boolean): tf.Tensor {
  return fromLogits ? tf.logSoftmax(yPred) : tf.log(tf.clipByValue(yPred, PROB_EPSILON, 1));
}

function categoricalLoss(name: string, fromLogits: boolean, eps: number): Loss {
  if (!(eps >= 0 && eps < 1)) throw new Error(`${name}: eps must be in [0, 1), got ${eps}`);
  return {
    name,
    perItem(yTrue, yPred) {
      checkBatch(name, yTrue, yPred);
      if (yPred.rank < 2) throw new Error(`${name}: predictions need a class axis, got [${yPred.shape.join(', ')}]`);
      return tf.tidy(() => {
        const logp = logProbs(yPred, fromLogits);
        const target = denseTargets(name, yTrue, yPred);
        let nll = tf.neg(tf.sum(tf.mul(target, logp), -1));
        if (eps > 0) nll = tf.add(tf.mul(nll, 1 - eps), tf.mul(tf.neg(tf.mean(logp, -1)), eps));
        return perItemReduce(nll, 'mean');
      });
    },
    activation: (yPred) => (fromLogits ? tf.softmax(yPred) : yPred),
  };
}

/**
 * Cross-entropy −Σ y·log p over the last axis. From logits (default) it uses log-softmax, stable for any scores; its
 * `activation` is softmax. Targets: class codes ([B] or masks [B, H, W]) or one-hot/soft labels shaped like the
 * predictions. For segmentation the item's loss is the mean over its pixels (fastai's `CrossEntropyLossFlat`).
 */
export function crossEntropyLoss(options: CrossEntropyOptions = {}): Loss {
  return categoricalLoss('cross-entropy', options.fromLogits ?? true, 0);
}

/**
 * Label-smoothing cross-entropy (fastai's `LabelSmoothingCrossEntropy`): (1 − ε)·CE + ε·mean over classes of −log p,
 * the same as cross-entropy against targets (1 − ε)·one-hot + ε/K. It discourages over-confident predictions.
 */
export function labelSmoothingCrossEntropyLoss(options: LabelSmoothingOptions = {}): Loss {
  return categoricalLoss('label-smoothing-cross-entropy', options.fromLogits ?? true, options.eps ?? 0.1);
}

/**
 * Nielsen's log-likelihood cost for a softmax output layer (network3.py `SoftmaxLayer.cost`): −log a_y, where the
 * model's last layer already applies softmax. It is cross-entropy from probabilities under the book's name.
 */
export function logLikelihoodLoss(): Loss {
  return categoricalLoss('log-likelihood', false, 0);
}
