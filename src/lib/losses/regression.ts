/**
 * Losses that compare predictions with targets element by element: Nielsen's quadratic cost, MSE, L1 (MAE) and
 * smooth L1. Class-code targets are one-hot encoded first, so a classifier can train on them (Nielsen's network.py).
 */
import * as tf from '@tensorflow/tfjs';
import type {Loss} from './types';
import {checkBatch, denseTargets, perItemReduce} from './targets';

function elementwiseLoss(
  name: string,
  reduce: 'mean' | 'sum',
  scale: number,
  perElement: (diff: tf.Tensor) => tf.Tensor,
): Loss {
  return {
    name,
    perItem(yTrue, yPred) {
      checkBatch(name, yTrue, yPred);
      return tf.tidy(() => {
        const item = perItemReduce(perElement(tf.sub(yPred, denseTargets(name, yTrue, yPred))), reduce);
        return scale === 1 ? item : (tf.mul(item, scale) as tf.Tensor1D);
      });
    },
    activation: (yPred) => yPred,
  };
}

/**
 * Nielsen's quadratic cost, per item ½‖a − y‖² (summed over outputs, not averaged: network.py and network2.py's
 * `QuadraticCost`). Its gradient is (a − y), so with the batch mean it reproduces Nielsen's update exactly.
 */
export function quadraticLoss(): Loss {
  return elementwiseLoss('quadratic', 'sum', 0.5, tf.square);
}

/** Mean squared error: per item the mean over outputs (and pixels) of (a − y)². */
export function mseLoss(): Loss {
  return elementwiseLoss('mse', 'mean', 1, tf.square);
}

/** L1 loss (mean absolute error): per item the mean of |a − y|. */
export function l1Loss(): Loss {
  return elementwiseLoss('l1', 'mean', 1, tf.abs);
}

/** Options of {@link smoothL1Loss}. */
export interface SmoothL1Options {
  /** Where the loss turns from quadratic to linear (PyTorch's `beta`, default 1). */
  beta?: number;
}

/**
 * Smooth L1 (Huber-like, PyTorch semantics): ½d²/β where |d| < β, else |d| − ½β; per item the mean over outputs.
 * Robust to outliers in regression targets (galaxy sizes, redshifts) while smooth near zero.
 */
export function smoothL1Loss(options: SmoothL1Options = {}): Loss {
  const beta = options.beta ?? 1;
  if (!(beta > 0)) throw new Error(`smoothL1Loss: beta must be > 0, got ${beta}`);
  // With c = min(|d|, β): ½c²/β + (|d| − c) is both branches at once, and differentiable (tf.less is not).
  return elementwiseLoss('smooth-l1', 'mean', 1, (d) => {
    const a = tf.abs(d);
    const c = tf.minimum(a, beta);
    return tf.add(tf.mul(tf.square(c), 0.5 / beta), tf.sub(a, c));
  });
}
