/**
 * Weight penalties added to the training loss, in the form of Nielsen's chapter 3: L2 is λ/(2n)·Σw² and L1 is
 * λ/n·Σ|w|, where n is the size of the training set. The Learner applies them to kernels only (weights of rank ≥ 2),
 * not to biases or batch-norm parameters, as the book does.
 *
 * Equivalence with network2.py: the gradient of λ/(2n)·Σw² is (λ/n)·w, so one SGD step on the batch-mean loss plus the
 * penalty is w ← w − η·(∇C₀ + (λ/n)·w) = (1 − ηλ/n)·w − η·∇C₀, exactly network2.py's `update_mini_batch`
 * (`(1-eta*(lmbda/n))*w - (eta/len(mini_batch))*nw`). For plain SGD the optimizer's decoupled weight decay `wd = λ/n`
 * gives the same update; with momentum or Adam the two differ (the penalty's gradient passes through the moments,
 * decoupled decay does not: the AdamW point).
 */
import * as tf from '@tensorflow/tfjs';
import type {WeightPenalty} from './types';

/** Options of the weight penalties: Nielsen's λ and n. */
export interface PenaltyOptions {
  /** Regularisation strength λ (Nielsen uses 5.0 for MNIST with n = 50,000; 0.1 in network3.py). */
  lambda: number;
  /** Training-set size n (the penalty is divided by it so λ does not depend on the data size). */
  n: number;
}

function namedPenalty(name: string, perWeight: (w: tf.Tensor) => tf.Tensor, scale: number): WeightPenalty {
  // Per-weight sums are stacked, not addN'ed: tfjs-webgpu's AddN binds every input at once and fails beyond 7.
  const fn = (weights: readonly tf.Variable[]): tf.Scalar =>
    tf.tidy(() => {
      if (weights.length === 0) return tf.scalar(0);
      return tf.mul(tf.sum(tf.stack(weights.map((w) => tf.sum(perWeight(w))))), scale) as tf.Scalar;
    });
  // A function's own `name` is read-only; define it so the penalty reports what it is.
  return Object.defineProperty(fn, 'name', {value: name}) as WeightPenalty;
}

function checkOptions(kind: string, {lambda, n}: PenaltyOptions): void {
  if (!(lambda >= 0)) throw new Error(`${kind}: lambda must be ≥ 0, got ${lambda}`);
  if (!(n > 0)) throw new Error(`${kind}: n (the training-set size) must be > 0, got ${n}`);
}

/** Nielsen's L2 penalty λ/(2n)·Σw² (network2.py). */
export function l2Penalty(options: PenaltyOptions): WeightPenalty {
  checkOptions('l2Penalty', options);
  return namedPenalty(`l2(λ=${options.lambda}, n=${options.n})`, tf.square, options.lambda / (2 * options.n));
}

/** Nielsen's L1 penalty λ/n·Σ|w| (chapter 3): shrinks weights by a constant amount, driving small ones to 0. */
export function l1Penalty(options: PenaltyOptions): WeightPenalty {
  checkOptions('l1Penalty', options);
  return namedPenalty(`l1(λ=${options.lambda}, n=${options.n})`, tf.abs, options.lambda / options.n);
}
