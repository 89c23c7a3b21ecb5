/**
 * Nielsen's network3.py (chapter 6): conv-pool layers, fully connected layers and a softmax layer, with the book's
 * exact structure and initialisation:
 * - conv-pool: 5x5 valid convolution, 2x2 max-pool, then bias and activation (network3 applies them after the
 *   pool; the same thing for monotonic activations, and cheaper), weights N(0, 1/n_out) with
 *   n_out = filters·25/4, biases N(0, 1);
 * - fully connected: weights N(0, 1/n_out), biases N(0, 1), dropout on the layer's input when p > 0;
 * - softmax layer: weights and biases zero, dropout on its input when p > 0;
 * - L2: network3 adds 0.5·λ·Σw²/num_training_batches over every layer's weights (not biases): pass
 *   `l2: nielsenL2(λ, batchesPerEpoch)` (1e-5 for λ = 0.1 and 5,000 batches of 10).
 *
 * The output is logits by default (Deep Sky's cross-entropy takes logits; mathematically the book's log-likelihood
 * of the softmax); `output: 'softmax'` gives the book's probabilities.
 */
import * as tf from '@tensorflow/tfjs';
import {applyLayer, chain} from '../blocks';
import {fanNormal} from '../init';
import {activation, conv2d, dense, dropout, flatten, maxPool2d} from '../layers';
import {applyHeadOutput} from './head';
import {groupLayersByPrefix} from './groups';

/** Options of {@link network3}; {@link NETWORK3_LADDER} has the book's configurations. */
export interface Network3Options {
  /** Filters of each conv-pool layer, e.g. [20, 40]. Default [] (a plain fully connected net). */
  convPool?: number[];
  /** Units of each fully connected hidden layer. Default [100]. */
  fc?: number[];
  /** Neuron of the conv-pool and fully connected layers. Default `sigmoid`. */
  activation?: 'sigmoid' | 'relu' | 'tanh';
  /** Dropout probability on the input of every fully connected and softmax layer (the book's p_dropout). Default 0. */
  dropout?: number;
  /** tfjs `l2` coefficient on every kernel, used by `model.fit`; see the module notes. Default 0. */
  l2?: number;
  /** `logits` (default) or `softmax`. */
  output?: 'logits' | 'softmax';
  /** One image's shape. Default [28, 28, 1] (MNIST). */
  inputShape?: [number, number, number];
  /** Classes. Default 10. */
  nClasses?: number;
  /** Conv window. Default 5. */
  kernelSize?: number;
  /** Max-pool window. Default 2. */
  poolSize?: number;
  /** Seed for reproducible initial weights. */
  seed?: number;
}

/** The configurations chapter 6 walks through, in order. */
export const NETWORK3_LADDER = {
  /** FC(784→100) sigmoid + softmax: ~97.8%. */
  shallow: {fc: [100]},
  /** conv-pool(20) + FC(100) + softmax, sigmoid: ~98.8%. */
  convPool: {convPool: [20], fc: [100]},
  /** Two conv-pool layers (20, 40) + FC(100) + softmax, sigmoid: ~99.1%. */
  twoConvPool: {convPool: [20, 40], fc: [100]},
  /** The same with ReLU (and λ = 0.1 in the book): ~99.2%. */
  twoConvPoolRelu: {convPool: [20, 40], fc: [100], activation: 'relu'},
  /** An extra FC(100) layer, ReLU. */
  twoConvPoolTwoFc: {convPool: [20, 40], fc: [100, 100], activation: 'relu'},
  /** Two conv-pool, two FC(1000) with dropout 0.5 on the FC and softmax inputs, ReLU: ~99.6% (expanded data). */
  dropout: {convPool: [20, 40], fc: [1000, 1000], activation: 'relu', dropout: 0.5},
} as const satisfies Record<string, Network3Options>;

/**
 * A network3.py net. Layers: `convpool<i>_conv/_pool/_act`, `flatten`, `fc<i>_dropout`, `fc<i>`, `out_dropout`,
 * `out` (+ `out_softmax`). Groups: everything before the softmax layer, the softmax layer.
 */
export function network3(options: Network3Options = {}): tf.LayersModel {
  const act = options.activation ?? 'sigmoid';
  const p = options.dropout ?? 0;
  const k = options.kernelSize ?? 5;
  const pool = options.poolSize ?? 2;
  const seed = (i: number) => (options.seed === undefined ? undefined : options.seed + i);
  const l2 = options.l2 || undefined;
  const input = tf.input({shape: options.inputShape ?? [28, 28, 1], name: 'input'});
  let x = input;
  const convPool = options.convPool ?? [];
  convPool.forEach((filters, i) => {
    const name = `convpool${i + 1}`;
    x = chain(
      x,
      conv2d({
        filters,
        kernelSize: k,
        init: fanNormal({mode: 'fanOut', poolArea: pool * pool, seed: seed(i)}),
        biasInit: 'nielsenLarge',
        l2,
        // The kernel initialiser carries its own seed; this one seeds the N(0, 1) biases.
        seed: seed(i),
        name: `${name}_conv`,
      }),
      maxPool2d({poolSize: pool, name: `${name}_pool`}),
      activation(act, {name: `${name}_act`}),
    );
  });
  x = applyLayer(flatten({name: 'flatten'}), x);
  const fcLayer = (units: number, name: string, zero: boolean, i: number) => {
    if (p > 0) x = applyLayer(dropout({rate: p, name: `${name}_dropout`}), x);
    x = applyLayer(
      dense({
        units,
        activation: zero ? 'linear' : act,
        init: zero ? 'zeros' : 'network3',
        biasInit: zero ? 'zeros' : 'nielsenLarge',
        l2,
        seed: seed(100 + i),
        name,
      }),
      x,
    );
  };
  (options.fc ?? [100]).forEach((units, i) => fcLayer(units, `fc${i + 1}`, false, i));
  fcLayer(options.nClasses ?? 10, 'out', true, 99);
  x = applyHeadOutput(x, options.output ?? 'logits', 'out');
  const model = tf.model({inputs: input, outputs: x, name: 'network3'});
  const body = [...convPool.map((_, i) => `convpool${i + 1}`), 'flatten', ...(options.fc ?? [100]).map((_, i) => `fc${i + 1}`)];
  groupLayersByPrefix(model, [body, ['out']]);
  return model;
}
