/** The contract for metrics (implemented in this folder, consumed by the Learner and callbacks). */
import type * as tf from '@tensorflow/tfjs';

/** A metric: a name, its direction, and fresh on-device accumulators for passes over a split. */
export interface Metric {
  readonly name: string;
  /** Whether a larger value is better (the default direction for early stopping and save-best-model). */
  readonly higherIsBetter: boolean;
  /** A fresh accumulator for one pass over a split. */
  accumulator(): MetricAccumulator;
}

/**
 * Accumulates a metric over batches without reading anything back to the CPU until `result()`: sums stay on the
 * device so training never syncs per batch.
 */
export interface MetricAccumulator {
  /**
   * Adds one batch. `yPred` is the loss's `activation` of the model output (probabilities for classification).
   * Only the first `count` rows are real (see `Batch.count`). Must neither keep nor dispose its arguments.
   */
  update(yTrue: tf.Tensor, yPred: tf.Tensor, count: number): void;
  /** Reads the accumulated value back (the one sync). */
  result(): Promise<number>;
  dispose(): void;
}
