/**
 * U-Net decoder block (Ronneberger et al. 2015): upsample ×2, join the encoder's skip features of that resolution,
 * then two conv-BN-ReLU units. Encoders with 'same' padding and stride 2 give ceil(n/2), so an odd skip is one pixel
 * smaller than the upsampled map: the block crops (or pads) the upsampled map to the skip's size with standard
 * Cropping2D/ZeroPadding2D layers, so the model stays convertible to Keras.
 */
import * as tf from '@tensorflow/tfjs';
import {concatenate, conv2dTranspose, upsample2d, type ActivationName} from '../layers';
import {convBnAct} from './conv-bn-act';
import {applyLayer, spatialShape, uniqueName} from './graph';

/** Options of {@link unetDecoderBlock}. */
export interface UnetDecoderOptions {
  /** Output channels (and channels of the upsampling). */
  filters: number;
  /**
   * `transpose` — learnable 2x2 stride-2 transposed conv (classic U-Net); `nearest` / `bilinear` — fixed resize
   * followed by a 1x1 conv (no checkerboard artefacts). Default `transpose`.
   */
  upsample?: 'transpose' | 'nearest' | 'bilinear';
  /** Activation of the conv units. Default `relu`. */
  activation?: ActivationName;
  /** Name prefix of the block's layers. */
  name?: string;
}

/** Upsamples `x` ×2, matches it to `skip`'s height and width, concatenates, and applies two conv-BN-ReLU units. */
export function unetDecoderBlock(
  x: tf.SymbolicTensor,
  skip: tf.SymbolicTensor | null,
  options: UnetDecoderOptions,
): tf.SymbolicTensor {
  const name = options.name ?? uniqueName('unet_up');
  const mode = options.upsample ?? 'transpose';
  let up: tf.SymbolicTensor;
  if (mode === 'transpose') {
    up = applyLayer(
      conv2dTranspose({filters: options.filters, kernelSize: 2, strides: 2, init: 'kaimingNormal', name: `${name}_up`}),
      x,
    );
  } else {
    up = applyLayer(upsample2d({size: 2, interpolation: mode, name: `${name}_up`}), x);
    up = convBnAct(up, {filters: options.filters, kernelSize: 1, activation: options.activation, name: `${name}_up_proj`});
  }
  let joined = up;
  if (skip) {
    up = matchSize(up, skip, name);
    joined = applyLayer(concatenate({name: `${name}_cat`}), [up, skip]);
  }
  const y = convBnAct(joined, {filters: options.filters, activation: options.activation, name: `${name}_1`});
  return convBnAct(y, {filters: options.filters, activation: options.activation, name: `${name}_2`});
}

/** Crops or zero-pads `x` at the bottom/right so its height and width equal `ref`'s. */
export function matchSize(x: tf.SymbolicTensor, ref: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  const [h, w] = spatialShape(x, `U-Net block '${name}'`);
  const [rh, rw] = spatialShape(ref, `U-Net block '${name}' skip`);
  const dh = h - rh;
  const dw = w - rw;
  let y = x;
  if (dh > 0 || dw > 0) {
    y = applyLayer(tf.layers.cropping2D({cropping: [[0, Math.max(dh, 0)], [0, Math.max(dw, 0)]], name: `${name}_crop`}), y);
  }
  if (dh < 0 || dw < 0) {
    y = applyLayer(
      tf.layers.zeroPadding2d({padding: [[0, Math.max(-dh, 0)], [0, Math.max(-dw, 0)]], name: `${name}_pad`}),
      y,
    );
  }
  return y;
}
