/** Fully connected layer. */
import * as tf from '@tensorflow/tfjs';
import {baseArgs, honourTrainable, weightArgs, type ActivationName, type LayerOptions, type WeightOptions} from './options';

/** Options of {@link dense}. */
export interface DenseOptions extends LayerOptions, WeightOptions {
  /** Output features. */
  units: number;
  /** Activation applied to the output. Default `linear` (none). */
  activation?: ActivationName;
}

/** A fully connected layer `y = act(x·W + b)` (tfjs-layers `Dense`); applied to the last axis. */
export function dense(options: DenseOptions): tf.layers.Layer {
  if (!Number.isInteger(options.units) || options.units < 1) {
    throw new Error(`dense: units must be a positive integer, got ${options.units}`);
  }
  return honourTrainable(
    tf.layers.dense({
      ...baseArgs(options),
      ...weightArgs(options),
      units: options.units,
      activation: options.activation ?? 'linear',
    }),
  );
}
