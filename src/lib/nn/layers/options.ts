/** Options shared by the layer factories. */
import * as tf from '@tensorflow/tfjs';
import {initializer, type InitSpec} from '../init';

/** Element-wise activations a layer can apply to its output (tfjs-layers' identifiers; `gelu` is the exact erf form). */
export type ActivationName =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'elu'
  | 'selu'
  | 'sigmoid'
  | 'tanh'
  | 'softmax'
  | 'softplus'
  | 'swish'
  | 'gelu';

/** What every layer factory accepts. */
export interface LayerOptions {
  /** Layer name, unique within a model. Library models name every layer so state-dict keys are stable. */
  name?: string;
  /** Shape of one example (no batch axis), only for the first layer of a `tf.sequential` model. */
  inputShape?: number[];
  /** False creates the layer frozen. Default true. */
  trainable?: boolean;
}

/** Options of layers that own a kernel and a bias. */
export interface WeightOptions {
  /** Kernel initialiser. Default `glorotUniform` (Keras' default). */
  init?: InitSpec;
  /** Bias initialiser. Default `zeros`. */
  biasInit?: InitSpec;
  /** Whether the layer adds a bias. Default true (false before a batch norm, which has its own shift). */
  useBias?: boolean;
  /**
   * L2 penalty coefficient on the kernel, added to the loss by `model.fit` (`l2·Σw²`). Nielsen's λ maps to
   * `λ / (2·batchesPerEpoch)` for network3 (see {@link nielsenL2}); the Learner applies penalties itself instead.
   */
  l2?: number;
  /** Seed for the kernel initialiser (the bias initialiser gets a seed derived from it). */
  seed?: number;
}

/** tfjs layer arguments for the shared options (undefined entries are dropped so tfjs defaults apply). */
export function baseArgs(options: LayerOptions): {name?: string; inputShape?: number[]; trainable?: boolean} {
  return compact({name: options.name, inputShape: options.inputShape, trainable: options.trainable});
}

/**
 * Makes `trainable: false` at construction stick. tfjs-layers creates a layer's variables trainable even when the
 * layer was constructed frozen (only `model.fit` looks at the layer's flag), so a custom loop or optimizer that
 * trusts `variable.trainable` would train it. Re-applying the flag once the weights exist fixes the variables.
 */
export function honourTrainable<L extends tf.layers.Layer>(layer: L): L {
  if (layer.trainable) return layer;
  const build = layer.build.bind(layer);
  layer.build = (inputShape) => {
    build(inputShape);
    layer.trainable = false;
  };
  return layer;
}

/** tfjs arguments for a kernel + bias layer. */
export function weightArgs(options: WeightOptions): {
  kernelInitializer: ReturnType<typeof initializer>;
  biasInitializer: ReturnType<typeof initializer>;
  useBias: boolean;
  kernelRegularizer?: ReturnType<typeof tf.regularizers.l2>;
} {
  return compact({
    kernelInitializer: initializer(options.init ?? 'glorotUniform', options.seed),
    // The bias gets its own seed derived from the kernel's, so a seeded layer is reproducible with random biases too
    // (Nielsen's N(0, 1) biases) without drawing the same numbers as the kernel.
    biasInitializer: initializer(options.biasInit ?? 'zeros', options.seed === undefined ? undefined : options.seed + 7919),
    useBias: options.useBias ?? true,
    kernelRegularizer: options.l2 ? tf.regularizers.l2({l2: options.l2}) : undefined,
  });
}

/**
 * Network3's L2 coefficient for tfjs' `l2` regulariser: network3.py adds `0.5·λ·Σw²/num_training_batches` to the
 * cost, so λ = 0.1 with 50,000 images in batches of 10 is `nielsenL2(0.1, 5000)` = 1e-5.
 */
export function nielsenL2(lambda: number, batchesPerEpoch: number): number {
  if (!(batchesPerEpoch > 0)) throw new Error(`nielsenL2: batchesPerEpoch must be positive, got ${batchesPerEpoch}`);
  return (0.5 * lambda) / batchesPerEpoch;
}

/** Normalises a size given as one number or a pair. */
export function pair(value: number | [number, number], what: string): [number, number] {
  const p: [number, number] = typeof value === 'number' ? [value, value] : [value[0], value[1]];
  if (!p.every((v) => Number.isInteger(v) && v > 0)) {
    throw new Error(`${what} must be a positive integer or a pair of them, got ${JSON.stringify(value)}`);
  }
  return p;
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
