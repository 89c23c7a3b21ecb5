/**
 * Central finite differences of a scalar function of one tensor, in float64 on the JS side around float32 tfjs
 * evaluations: the independent reference analytic gradients are checked against.
 */
import * as tf from '@tensorflow/tfjs';

/** d f / d x by central differences with step `h`, one element at a time. */
export function numericGradient(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, h = 1e-2): Float32Array {
  const base = Float32Array.from(x.dataSync());
  const grad = new Float32Array(base.length);
  const evalAt = (values: Float32Array) =>
    tf.tidy(() => f(tf.tensor(values, x.shape, 'float32')).dataSync()[0]);
  for (let i = 0; i < base.length; i++) {
    const plus = base.slice();
    plus[i] += h;
    const minus = base.slice();
    minus[i] -= h;
    grad[i] = (evalAt(plus) - evalAt(minus)) / (2 * h);
  }
  return grad;
}

/** The analytic gradient tfjs computes for the same function. */
export function analyticGradient(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): Float32Array {
  return tf.tidy(() => tf.grad((t: tf.Tensor) => f(t) as tf.Scalar)(x).dataSync() as Float32Array);
}
