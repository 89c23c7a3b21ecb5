/**
 * Mixup (Zhang et al.; fastai's `MixUp`): each training batch becomes λ·x + (1 − λ)·x[perm] for a random permutation
 * of its real rows and λ ~ Beta(α, α) per item (folded to λ ≥ ½ so each mixed item stays closest to its own label),
 * and the loss becomes λ·loss(y) + (1 − λ)·loss(y[perm]). Works with any loss and target type; validation is unmixed.
 */
import * as tf from '@tensorflow/tfjs';
import {createRng, permutation, type Rng} from '../../data/random';
import type {Callback, FitState} from '../callback';

/** Options of {@link MixUp}. */
export interface MixUpOptions {
  /** Beta(α, α) concentration (default 0.4, fastai's): small α mixes little most of the time. */
  alpha?: number;
  /** Seed of λ and the permutations (default 0). */
  seed?: number;
}

/** A Gamma(shape, 1) sample (Marsaglia and Tsang; boosted for shape < 1). */
function sampleGamma(shape: number, rng: Rng): number {
  if (shape < 1) return sampleGamma(shape + 1, rng) * (1 - rng.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Beta(a, b) sample as G₁/(G₁ + G₂). */
export function sampleBeta(a: number, b: number, rng: Rng): number {
  const x = sampleGamma(a, rng);
  const y = sampleGamma(b, rng);
  return x / (x + y);
}

/** Mixes training batches and their losses; see the module comment. */
export class MixUp implements Callback {
  readonly name = 'mixup';
  readonly order = -5;
  private readonly alpha: number;
  private readonly rng: Rng;
  /** λ of each row of the last mixed batch (1 for padding rows), for inspection. */
  lastLambda?: Float32Array;

  constructor(options: MixUpOptions = {}) {
    this.alpha = options.alpha ?? 0.4;
    if (!(this.alpha > 0)) throw new Error(`MixUp: alpha must be > 0, got ${this.alpha}`);
    this.rng = createRng(options.seed ?? 0);
  }

  beforeBatch(state: FitState): void {
    if (!state.training || !state.batch) return;
    const {x, y, count} = state.batch;
    const rows = x.shape[0];
    const lambda = new Float32Array(rows).fill(1);
    for (let i = 0; i < count; i++) {
      const l = sampleBeta(this.alpha, this.alpha, this.rng);
      lambda[i] = Math.max(l, 1 - l);
    }
    const order = Int32Array.from({length: rows}, (_, i) => i);
    order.set(permutation(count, this.rng));
    this.lastLambda = lambda;
    // Created inside the training step's tidy: freed after the batch.
    const lam = tf.tensor1d(lambda);
    const perm = tf.tensor1d(order, 'int32');
    const broadcast = (t: tf.Tensor) => tf.reshape(lam, [rows, ...t.shape.slice(1).map(() => 1)]);
    const mixed = tf.add(tf.mul(x, broadcast(x)), tf.mul(tf.gather(x, perm), tf.sub(1, broadcast(x))));
    const other = tf.gather(y, perm);
    const base = state.lossFn;
    state.batch = {...state.batch, x: mixed};
    state.lossFn = (yTrue, yPred) =>
      tf.add(tf.mul(base(yTrue, yPred), lam), tf.mul(base(other, yPred), tf.sub(1, lam))) as tf.Tensor1D;
  }
}
