/**
 * Nielsen's fully connected networks from *Neural Networks and Deep Learning*, chapters 1–3 (network.py and
 * network2.py): `nielsenNetwork([784, 30, 10])` is the book's first MNIST net.
 */
import * as tf from '@tensorflow/tfjs';
import {applyLayer} from '../blocks';
import {dense} from '../layers';
import {applyHeadOutput} from './head';
import {groupLayersByPrefix} from './groups';

/** Options of {@link nielsenNetwork}. */
export interface NielsenNetworkOptions {
  /**
   * Weight initialisation: `nielsenLarge` — N(0, 1), network.py (chapter 1) and network2's
   * `large_weight_initializer`; `nielsenNormal` — N(0, 1/n_in), network2's default (chapter 3). Biases are N(0, 1)
   * either way, as in the book. Default `nielsenLarge`.
   */
  init?: 'nielsenLarge' | 'nielsenNormal';
  /** Neuron of every layer. Default `sigmoid`. */
  activation?: 'sigmoid' | 'tanh' | 'relu';
  /**
   * The output layer: `activation` (default) — the same neuron as the hidden layers, as in the book (its quadratic
   * and cross-entropy costs take sigmoid outputs); `logits` — no activation (for cross-entropy from logits);
   * `softmax` — chapter 3's softmax output layer.
   */
  output?: 'activation' | 'logits' | 'softmax';
  /** Seed for reproducible initial weights. */
  seed?: number;
}

/**
 * A fully connected net with layer sizes `sizes` (input first): `nielsenNetwork([784, 30, 10])`. Inputs are
 * flattened images [B, sizes[0]]. Layers are named `fc1`, `fc2`, …; groups: hidden layers, output layer.
 */
export function nielsenNetwork(sizes: readonly number[], options: NielsenNetworkOptions = {}): tf.LayersModel {
  if (sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s > 0)) {
    throw new Error(`nielsenNetwork: sizes must be at least two positive integers (input first), got [${sizes.join(', ')}]`);
  }
  const act = options.activation ?? 'sigmoid';
  const output = options.output ?? 'activation';
  const input = tf.input({shape: [sizes[0]], name: 'input'});
  let x = input;
  for (let i = 1; i < sizes.length; i++) {
    const last = i === sizes.length - 1;
    x = applyLayer(
      dense({
        units: sizes[i],
        activation: last && output !== 'activation' ? 'linear' : act,
        init: options.init ?? 'nielsenLarge',
        biasInit: 'nielsenLarge',
        seed: options.seed === undefined ? undefined : options.seed + i,
        name: last ? 'out' : `fc${i}`,
      }),
      x,
    );
  }
  if (output === 'softmax') x = applyHeadOutput(x, 'softmax', 'out');
  const model = tf.model({inputs: input, outputs: x, name: `nielsen_${sizes.join('_')}`});
  groupLayersByPrefix(model, [sizes.slice(1, -1).map((_, i) => `fc${i + 1}`), ['out']].filter((g) => g.length > 0));
  return model;
}
