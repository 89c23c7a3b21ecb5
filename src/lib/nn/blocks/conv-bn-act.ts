/** fastai's `ConvLayer`: convolution (no bias) → batch norm → activation, the unit every ResNet-style net is made of. */
import type * as tf from '@tensorflow/tfjs';
import type {InitSpec} from '../init';
import {activation as activationLayer, batchNorm, conv2d, type ActivationName} from '../layers';
import {applyLayer, uniqueName} from './graph';

/** Options of {@link convBnAct}. */
export interface ConvBnActOptions {
  /** Output channels. */
  filters: number;
  /** Window size. Default 3. */
  kernelSize?: number;
  /** Default 1. */
  strides?: number;
  /** Activation after the norm, or `none` (the last unit of a residual branch). Default `relu`. */
  activation?: ActivationName | 'none';
  /** Whether to batch-normalise. Default true (and the conv then has no bias). */
  batchNorm?: boolean;
  /** Start the BN scale γ at zero (last unit of a residual branch in the bag-of-tricks ResNet). Default false. */
  zeroGamma?: boolean;
  /** Groups of the convolution (ResNeXt). Default 1. */
  groups?: number;
  /** Conv kernel initialiser. Default `kaimingNormal` (fastai/torchvision). */
  init?: InitSpec;
  /** Name prefix of the layers: `<name>_conv`, `<name>_bn`, `<name>_act`. */
  name?: string;
}

/** conv ('same' padding) → BN → activation on a symbolic [B,H,W,C] tensor. */
export function convBnAct(x: tf.SymbolicTensor, options: ConvBnActOptions): tf.SymbolicTensor {
  const name = options.name ?? uniqueName('conv_bn');
  const bn = options.batchNorm ?? true;
  let y = applyLayer(
    conv2d({
      filters: options.filters,
      kernelSize: options.kernelSize ?? 3,
      strides: options.strides ?? 1,
      padding: 'same',
      groups: options.groups,
      useBias: !bn,
      init: options.init ?? 'kaimingNormal',
      name: `${name}_conv`,
    }),
    x,
  );
  if (bn) y = applyLayer(batchNorm({gammaInit: options.zeroGamma ? 'zeros' : 'ones', name: `${name}_bn`}), y);
  const act = options.activation ?? 'relu';
  if (act !== 'none') y = applyLayer(activationLayer(act, {name: `${name}_act`}), y);
  return y;
}
