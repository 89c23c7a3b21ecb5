/** Squeeze-and-excitation (Hu et al. 2018): reweights channels by a gate computed from their global averages. */
import * as tf from '@tensorflow/tfjs';
import {dense, globalAvgPool2d, multiply} from '../layers';
import {applyLayer, chain, spatialShape, uniqueName} from './graph';

/** Options of {@link squeezeExcite}. */
export interface SqueezeExciteOptions {
  /** Channel reduction of the bottleneck: C → C/ratio → C. Default 16. */
  ratio?: number;
  /** Name prefix: `<name>_pool`, `<name>_fc1`, `<name>_fc2`, `<name>_reshape`, `<name>_scale`. */
  name?: string;
}

/** x · σ(W2·relu(W1·mean_hw(x))), channel-wise; output shape = input shape. */
export function squeezeExcite(x: tf.SymbolicTensor, options: SqueezeExciteOptions = {}): tf.SymbolicTensor {
  const name = options.name ?? uniqueName('se');
  const [, , channels] = spatialShape(x, `squeezeExcite '${name}'`);
  const hidden = Math.max(1, Math.floor(channels / (options.ratio ?? 16)));
  const gate = chain(
    x,
    globalAvgPool2d({name: `${name}_pool`}),
    dense({units: hidden, activation: 'relu', init: 'heNormal', name: `${name}_fc1`}),
    dense({units: channels, activation: 'sigmoid', name: `${name}_fc2`}),
    tf.layers.reshape({targetShape: [1, 1, channels], name: `${name}_reshape`}),
  );
  return applyLayer(multiply({name: `${name}_scale`}), [x, gate]);
}
