/** Layers that reshape or regularise without weights: flatten, dropout. */
import * as tf from '@tensorflow/tfjs';
import {baseArgs, type LayerOptions} from './options';

/** Flattens each example to one axis (batch axis kept). */
export function flatten(options: LayerOptions = {}): tf.layers.Layer {
  return tf.layers.flatten(baseArgs(options));
}

/** Options of {@link dropout}. */
export interface DropoutOptions extends LayerOptions {
  /** Fraction of inputs zeroed during training, in [0, 1). */
  rate: number;
  /**
   * Seed of the masks. tfjs reseeds its generator with it on every call, so a seeded layer drops the same units at
   * every training step (the same on every backend): useful for tests, not for training, where it should be left unset.
   */
  seed?: number;
}

/**
 * Inverted dropout: in training, zeroes a `rate` fraction of inputs and scales the rest by 1/(1-rate); at inference
 * it is the identity. (Nielsen's network3 instead scales weights by 1-p at inference; the two agree in expectation.)
 */
export function dropout(options: DropoutOptions): tf.layers.Layer {
  if (!(options.rate >= 0 && options.rate < 1)) throw new Error(`dropout: rate must be in [0, 1), got ${options.rate}`);
  return tf.layers.dropout({...baseArgs(options), rate: options.rate, seed: options.seed});
}
