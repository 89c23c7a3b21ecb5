/** Layers that combine or resize feature maps: skip connections, concatenation and upsampling for U-Net decoders. */
import * as tf from '@tensorflow/tfjs';
import {baseArgs, pair, type LayerOptions} from './options';

/** Element-wise sum of same-shaped inputs (residual connections). */
export function add(options: LayerOptions = {}): tf.layers.Layer {
  return tf.layers.add(baseArgs(options));
}

/** Element-wise product; broadcasts size-1 axes, e.g. [B,H,W,C]·[B,1,1,C] for squeeze-and-excitation. */
export function multiply(options: LayerOptions = {}): tf.layers.Layer {
  return tf.layers.multiply(baseArgs(options));
}

/** Options of {@link concatenate}. */
export interface ConcatenateOptions extends LayerOptions {
  /** Axis to join on. Default -1 (channels): a U-Net joins decoder and skip features. */
  axis?: number;
}

/** Joins inputs along an axis; the other axes must match. */
export function concatenate(options: ConcatenateOptions = {}): tf.layers.Layer {
  return tf.layers.concatenate({...baseArgs(options), axis: options.axis ?? -1});
}

/** Options of {@link upsample2d}. */
export interface Upsample2dOptions extends LayerOptions {
  /** Scale factor for rows and columns. Default 2. */
  size?: number | [number, number];
  /** `nearest` (default, repeats pixels) or `bilinear`. */
  interpolation?: 'nearest' | 'bilinear';
}

/** Upsamples a feature map by an integer factor: [B,H,W,C] → [B,sH,sW,C]. */
export function upsample2d(options: Upsample2dOptions = {}): tf.layers.Layer {
  return tf.layers.upSampling2d({
    ...baseArgs(options),
    size: pair(options.size ?? 2, 'upsample2d: size'),
    interpolation: options.interpolation ?? 'nearest',
  });
}
