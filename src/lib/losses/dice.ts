/**
 * Dice loss for segmentation (fastai's `DiceLoss`): 1 − the mean over classes of the soft Dice coefficient between
 * predicted probabilities and the one-hot mask, per item. It weighs small structures (a galaxy's core, a star) as much
 * as the background, which plain per-pixel cross-entropy does not.
 */
import * as tf from '@tensorflow/tfjs';
import type {Loss} from './types';
import {checkBatch, denseTargets} from './targets';

/** Options of {@link diceLoss}. */
export interface DiceLossOptions {
  /** Whether the model outputs logits (default: softmax over classes, or sigmoid for a single channel). */
  fromLogits?: boolean;
  /** Added to numerator and denominator so empty classes score 1, not 0/0 (default 1). */
  smooth?: number;
}

/**
 * Dice loss per item: for each class k, dice_k = (2·Σ p·t + s) / (Σ p + Σ t + s) over the item's pixels, and the
 * loss is 1 − mean_k dice_k. Predictions [B, H, W, K] (logits by default) with masks [B, H, W] of class codes or
 * one-hot [B, H, W, K]. A single channel [B, H, W, 1] is binary: sigmoid, and the Dice of the foreground only.
 */
export function diceLoss(options: DiceLossOptions = {}): Loss {
  const fromLogits = options.fromLogits ?? true;
  const smooth = options.smooth ?? 1;
  const name = 'dice';
  const activation = (yPred: tf.Tensor) => {
    if (!fromLogits) return yPred;
    return yPred.shape[yPred.rank - 1] === 1 ? tf.sigmoid(yPred) : tf.softmax(yPred);
  };
  return {
    name,
    perItem(yTrue, yPred) {
      checkBatch(name, yTrue, yPred);
      if (yPred.rank < 3) {
        throw new Error(`${name}: expects per-pixel predictions [B, ..., K], got [${yPred.shape.join(', ')}]`);
      }
      return tf.tidy(() => {
        const p = activation(yPred);
        const t = denseTargets(name, yTrue, yPred);
        const k = yPred.shape[yPred.rank - 1];
        const batch = yPred.shape[0];
        // [B, pixels, K]: sums over pixels leave one value per item and class.
        const p3 = tf.reshape(p, [batch, -1, k]);
        const t3 = tf.reshape(t, [batch, -1, k]);
        const inter = tf.sum(tf.mul(p3, t3), 1);
        const union = tf.add(tf.sum(p3, 1), tf.sum(t3, 1));
        const dice = tf.div(tf.add(tf.mul(inter, 2), smooth), tf.add(union, smooth));
        return tf.sub(1, tf.mean(dice, 1)) as tf.Tensor1D;
      });
    },
    activation,
  };
}
