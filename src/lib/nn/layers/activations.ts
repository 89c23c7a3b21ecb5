/**
 * Activation layers. `activation(name)` covers tfjs' element-wise functions; leaky ReLU and softmax (with an axis)
 * have their own layers, as in Keras.
 */
import * as tf from '@tensorflow/tfjs';
import {baseArgs, type ActivationName, type LayerOptions} from './options';

/** An activation layer: `activation('gelu')`, `activation('sigmoid', {name: 'out'})`. */
export function activation(name: ActivationName, options: LayerOptions = {}): tf.layers.Layer {
  return tf.layers.activation({...baseArgs(options), activation: name});
}

/** Logistic sigmoid 1/(1+e^-x), Nielsen's neuron. */
export function sigmoid(options: LayerOptions = {}): tf.layers.Layer {
  return activation('sigmoid', options);
}

/** Hyperbolic tangent (LeNet-5's squashing function). */
export function tanh(options: LayerOptions = {}): tf.layers.Layer {
  return activation('tanh', options);
}

/** Rectified linear unit max(0, x). */
export function relu(options: LayerOptions = {}): tf.layers.Layer {
  return activation('relu', options);
}

/** GELU x·Φ(x) with the exact normal CDF (erf), as PyTorch's default `nn.GELU()`. */
export function gelu(options: LayerOptions = {}): tf.layers.Layer {
  return activation('gelu', options);
}

/** Options of {@link leakyRelu}. */
export interface LeakyReluOptions extends LayerOptions {
  /** Slope for x < 0. Default 0.01 (PyTorch and fastai; Keras uses 0.3). */
  alpha?: number;
}

/** Leaky ReLU: x for x ≥ 0, alpha·x otherwise. */
export function leakyRelu(options: LeakyReluOptions = {}): tf.layers.Layer {
  return tf.layers.leakyReLU({...baseArgs(options), alpha: options.alpha ?? 0.01});
}

/** Options of {@link softmax}. */
export interface SoftmaxOptions extends LayerOptions {
  /** Axis to normalise over. Default -1 (channels / classes). */
  axis?: number;
}

/**
 * Softmax. Library classifiers output logits and the cross-entropy losses take logits, so add this only where you
 * want probabilities in the model itself (Nielsen's network3 `output: 'softmax'`, or an exported inference model).
 */
export function softmax(options: SoftmaxOptions = {}): tf.layers.Layer {
  return tf.layers.softmax({...baseArgs(options), axis: options.axis ?? -1});
}
