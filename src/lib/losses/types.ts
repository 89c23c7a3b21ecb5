/** The contract for losses (implemented in this folder, consumed by the Learner and interpretation). */
import type * as tf from '@tensorflow/tfjs';

/**
 * A loss: per-item values (the Learner averages them over real rows) and the activation that turns outputs into
 * predictions.
 */
export interface Loss {
  readonly name: string;
  /**
   * Loss of each item, shape [B] (a segmentation loss averages over an item's pixels). The training loss is the mean
   * over the batch's real rows; interpretation sorts items by it.
   */
  perItem(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor1D;
  /**
   * Turns raw model outputs into the predictions people read and metrics score: softmax for cross-entropy from
   * logits, sigmoid for binary cross-entropy with logits, identity otherwise.
   */
  activation(yPred: tf.Tensor): tf.Tensor;
}

/** An extra term added to the training loss from the weights, e.g. Nielsen's L2 penalty λ/(2n)·Σw². */
export interface WeightPenalty {
  readonly name: string;
  /** The penalty for these weights (kernels; biases are normally excluded by the caller). */
  (weights: readonly tf.Variable[]): tf.Scalar;
}
