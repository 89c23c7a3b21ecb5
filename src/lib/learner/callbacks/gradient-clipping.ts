/**
 * Gradient clipping by global norm: when ‖g‖ over all gradients exceeds `maxNorm`, every gradient is scaled by
 * maxNorm/‖g‖ (PyTorch's `clip_grad_norm_`). Computed on the device: no read-back.
 */
import * as tf from '@tensorflow/tfjs';
import type {Callback, FitState} from '../callback';

/** Scales gradients so their global L2 norm is at most `maxNorm`; returns new tensors (direction unchanged). */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const names = Object.keys(grads).filter((k) => grads[k] != null);
  if (names.length === 0) return grads;
  return tf.tidy(() => {
    // Stacked, not addN'ed: tfjs-webgpu's AddN binds every input at once and fails beyond 7.
    const norm = tf.sqrt(tf.sum(tf.stack(names.map((k) => tf.sum(tf.square(grads[k]))))));
    const scale = tf.minimum(tf.div(maxNorm, tf.add(norm, 1e-6)), 1);
    return Object.fromEntries(names.map((k) => [k, tf.mul(grads[k], scale)]));
  });
}

/** Clips the gradients of every training step by global norm (fastai's `GradientClip`). */
export class GradientClipping implements Callback {
  readonly name = 'gradient-clipping';

  constructor(readonly maxNorm = 1) {
    if (!(maxNorm > 0)) throw new Error(`GradientClipping: maxNorm must be > 0, got ${maxNorm}`);
  }

  afterBackward(state: FitState): void {
    if (state.grads) state.grads = clipByGlobalNorm(state.grads, this.maxNorm);
  }
}
