/**
 * Batch normalisation, with PyTorch/fastai defaults rather than Keras': momentum 0.9 in tfjs' convention (PyTorch's
 * 0.1) and ε = 1e-5.
 *
 * Modes. Training (`model.fit`, or `model.apply(x, {training: true})` in a custom loop) normalises with the batch's
 * statistics and updates the moving mean/variance; inference (`predict`, or `apply` without `training`) uses the
 * moving statistics.
 *
 * Frozen behaviour. tfjs-layers decides between the two from the `training` flag alone: a BN layer whose
 * `trainable` is false still uses batch statistics and updates its moving averages during training (Keras ≥ 2.1.3
 * would switch it to inference mode). Deep Sky follows fastai instead: `freezeBody`/`freezeTo` leave BN layers
 * trainable, so a frozen body's BN layers keep learning γ/β and their statistics adapt to the new data, which is
 * what fine-tuning on astronomical images (far from ImageNet's statistics) needs.
 */
import * as tf from '@tensorflow/tfjs';
import {initializer} from '../init';
import {baseArgs, honourTrainable, type LayerOptions} from './options';

/** Options of {@link batchNorm}. */
export interface BatchNormOptions extends LayerOptions {
  /** tfjs/Keras momentum of the moving averages: new = momentum·old + (1−momentum)·batch. Default 0.9. */
  momentum?: number;
  /** Added to the variance. Default 1e-5. */
  epsilon?: number;
  /**
   * Initial scale γ: `ones` (default), or `zeros` for the last BN of a residual branch so each block starts as the
   * identity (Goyal et al.; the bag-of-tricks ResNet).
   */
  gammaInit?: 'ones' | 'zeros';
  /** Axis of the features. Default -1 (channels last). */
  axis?: number;
}

/** Batch normalisation over all axes but `axis`; see the module notes for training, inference and freezing. */
export function batchNorm(options: BatchNormOptions = {}): tf.layers.Layer {
  const momentum = options.momentum ?? 0.9;
  if (!(momentum >= 0 && momentum < 1)) throw new Error(`batchNorm: momentum must be in [0, 1), got ${momentum}`);
  return honourTrainable(
    tf.layers.batchNormalization({
      ...baseArgs(options),
      axis: options.axis ?? -1,
      momentum,
      epsilon: options.epsilon ?? 1e-5,
      gammaInitializer: initializer(options.gammaInit ?? 'ones'),
    }),
  );
}

/** Whether a layer is a normalisation layer that freezing leaves trainable (batch or layer norm), as in fastai. */
export function isNormLayer(layer: tf.layers.Layer): boolean {
  const kind = layer.getClassName();
  return kind === 'BatchNormalization' || kind === 'LayerNormalization';
}
