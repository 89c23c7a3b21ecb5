/**
 * LeNet-5 (LeCun et al. 1998) as taught in course material: tanh units and 2x2 average pooling (subsampling),
 * C1 6@5x5 → S2 → C3 16@5x5 → S4 → F5 120 → F6 84 → output. For 28x28 MNIST the first conv pads ('same') so the
 * feature maps have the original 32x32 sizes (28 → 14 → 10 → 5); 61,706 parameters for 10 classes.
 */
import * as tf from '@tensorflow/tfjs';
import {chain} from '../blocks';
import type {InitSpec} from '../init';
import {avgPool2d, conv2d, dense, flatten, maxPool2d} from '../layers';
import {groupLayersByPrefix} from './groups';

/** Options of {@link lenet5}. */
export interface LeNet5Options {
  /** One image's shape. Default [28, 28, 1]. */
  inputShape?: [number, number, number];
  /** Classes. Default 10. */
  nClasses?: number;
  /** Neuron. Default `tanh`. */
  activation?: 'tanh' | 'sigmoid' | 'relu';
  /** Subsampling. Default `avg`. */
  pooling?: 'avg' | 'max';
  /** Padding of C1. Default `same` for inputs smaller than 32 pixels, else `valid` (the original 32x32 LeNet). */
  firstPadding?: 'same' | 'valid';
  /** Kernel initialiser. Default `glorotUniform`. */
  init?: InitSpec;
}

/** LeNet-5, logits out. Layers `c1, s2, c3, s4, flatten, f5, f6, out`; groups: convolutional part, dense part. */
export function lenet5(options: LeNet5Options = {}): tf.LayersModel {
  const inputShape = options.inputShape ?? [28, 28, 1];
  const act = options.activation ?? 'tanh';
  const init = options.init ?? 'glorotUniform';
  const pool = (name: string) => (options.pooling === 'max' ? maxPool2d : avgPool2d)({poolSize: 2, name});
  const input = tf.input({shape: inputShape, name: 'input'});
  const out = chain(
    input,
    conv2d({
      filters: 6,
      kernelSize: 5,
      padding: options.firstPadding ?? (Math.min(inputShape[0], inputShape[1]) < 32 ? 'same' : 'valid'),
      activation: act,
      init,
      name: 'c1',
    }),
    pool('s2'),
    conv2d({filters: 16, kernelSize: 5, activation: act, init, name: 'c3'}),
    pool('s4'),
    flatten({name: 'flatten'}),
    dense({units: 120, activation: act, init, name: 'f5'}),
    dense({units: 84, activation: act, init, name: 'f6'}),
    dense({units: options.nClasses ?? 10, init, name: 'out'}),
  );
  const model = tf.model({inputs: input, outputs: out, name: 'lenet5'});
  groupLayersByPrefix(model, [['c1', 's2', 'c3', 's4', 'flatten'], ['f5', 'f6', 'out']]);
  return model;
}
