/**
 * Weight initialisers by name, so layer and model options can say `init: 'nielsenNormal'` instead of building
 * tfjs objects. Every name maps to a serialisable tfjs initializer, so models save and load with their init config.
 */
import * as tf from '@tensorflow/tfjs';
import {fanNormal} from './fan-normal';

/** A tfjs-layers weight initializer object. */
export type Initializer = ReturnType<typeof tf.initializers.glorotNormal>;

/**
 * Initialisers by name:
 * - `nielsenLarge` — N(0, 1), network.py's ("large") weights and every Nielsen bias;
 * - `nielsenNormal` — N(0, 1/n_in), network2.py's `default_weight_initializer`;
 * - `network3` — N(0, 1/n_out), network3.py's fully connected layers (its conv-pool layers divide n_out by the pool
 *   area: use `fanNormal({mode: 'fanOut', poolArea})`);
 * - `glorotUniform` / `glorotNormal` — Glorot & Bengio (Keras' default; glorotNormal is truncated as in Keras);
 * - `heNormal` / `heUniform` — He et al., fan-in, as Keras defines them (heNormal is truncated);
 * - `kaimingNormal` — PyTorch's `kaiming_normal_(mode='fan_out', nonlinearity='relu')`, untruncated (torchvision ResNet convs);
 * - `zeros` / `ones`.
 */
export type InitName =
  | 'nielsenLarge'
  | 'nielsenNormal'
  | 'network3'
  | 'glorotUniform'
  | 'glorotNormal'
  | 'heNormal'
  | 'heUniform'
  | 'kaimingNormal'
  | 'zeros'
  | 'ones';

/** An initialiser given by name or as a ready tfjs initializer (e.g. from {@link fanNormal}). */
export type InitSpec = InitName | Initializer;

const INIT_NAMES: readonly InitName[] = [
  'nielsenLarge',
  'nielsenNormal',
  'network3',
  'glorotUniform',
  'glorotNormal',
  'heNormal',
  'heUniform',
  'kaimingNormal',
  'zeros',
  'ones',
];

/** Turns an {@link InitSpec} into a tfjs initializer; `seed` makes random ones reproducible. */
export function initializer(spec: InitSpec, seed?: number): Initializer {
  if (typeof spec !== 'string') return spec;
  switch (spec) {
    case 'nielsenLarge':
      return tf.initializers.randomNormal({mean: 0, stddev: 1, seed});
    case 'nielsenNormal':
      return fanNormal({mode: 'fanIn', seed});
    case 'network3':
      return fanNormal({mode: 'fanOut', seed});
    case 'glorotUniform':
      return tf.initializers.glorotUniform({seed});
    case 'glorotNormal':
      return tf.initializers.glorotNormal({seed});
    case 'heNormal':
      return tf.initializers.heNormal({seed});
    case 'heUniform':
      return tf.initializers.heUniform({seed});
    case 'kaimingNormal':
      return fanNormal({mode: 'fanOut', scale: 2, seed});
    case 'zeros':
      return tf.initializers.zeros();
    case 'ones':
      return tf.initializers.ones();
    default:
      throw new Error(`Unknown initialiser '${String(spec)}'; expected one of ${INIT_NAMES.join(', ')}`);
  }
}
