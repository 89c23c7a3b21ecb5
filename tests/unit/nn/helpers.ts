/** Shared helpers of the nn tests: reading tensors back, comparing, finite differences, a plain training step. */
import * as tf from '@tensorflow/tfjs';

/** Reads tensors back (always with `await data()`, which works on every backend, webgpu in Node included). */
export async function read(tensors: tf.Tensor[]): Promise<Float32Array[]> {
  return Promise.all(tensors.map(async (t) => Float32Array.from(await t.data())));
}

/** max |a−b| / max(|a|∞, floor): a scale-aware difference that is robust to near-zero entries. */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  if (a.length !== b.length) throw new Error(`relDiff: lengths ${a.length} and ${b.length}`);
  let diff = 0;
  let scale = floor;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]));
  }
  return diff / scale;
}

/** Deterministic pseudo-random values in [-1, 1) (no dependence on tfjs' RNG). */
export function values(n: number, seed = 1): Float32Array {
  let s = seed >>> 0 || 1;
  return Float32Array.from({length: n}, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

/** A fixed random projection of the output: loss = Σ y·r, so every output element gets an O(1) gradient. */
export function projectionLoss(y: tf.Tensor, seed = 7): tf.Scalar {
  return tf.sum(tf.mul(y, tf.tensor(values(y.size, seed), y.shape))) as tf.Scalar;
}

/**
 * Checks analytic gradients of `loss(vars)` against central differences at `samples` coordinates of each variable.
 * Returns the worst relative error (|analytic − numeric| / max(|analytic|, |numeric|, 1e-2)).
 */
export async function finiteDifferenceError(
  loss: () => tf.Scalar,
  vars: tf.Variable[],
  {samples = 6, eps = 1e-2}: {samples?: number; eps?: number} = {},
): Promise<number> {
  const {grads, value} = tf.variableGrads(loss, vars);
  value.dispose();
  let worst = 0;
  for (const v of vars) {
    const analytic = Float32Array.from(await grads[v.name].data());
    const base = Float32Array.from(await v.data());
    for (let k = 0; k < samples; k++) {
      const i = Math.floor(((k + 0.5) / samples) * base.length);
      const at = async (delta: number) => {
        const shifted = base.slice();
        shifted[i] += delta;
        tf.tidy(() => v.assign(tf.tensor(shifted, v.shape)));
        const l = tf.tidy(loss);
        const out = (await l.data())[0];
        l.dispose();
        return out;
      };
      const numeric = ((await at(eps)) - (await at(-eps))) / (2 * eps);
      tf.tidy(() => v.assign(tf.tensor(base, v.shape)));
      worst = Math.max(worst, Math.abs(analytic[i] - numeric) / Math.max(Math.abs(analytic[i]), Math.abs(numeric), 1e-2));
    }
  }
  tf.dispose(grads);
  return worst;
}

/** One SGD step on `model` with a plain tfjs loss; returns the loss value. */
export async function sgdStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  x: tf.Tensor,
  y: tf.Tensor,
  loss: (y: tf.Tensor, p: tf.Tensor) => tf.Scalar = (t, p) => tf.losses.meanSquaredError(t, p) as tf.Scalar,
): Promise<number> {
  const cost = optimizer.minimize(() => loss(y, model.apply(x, {training: true}) as tf.Tensor), true);
  const value = (await cost!.data())[0];
  cost!.dispose();
  return value;
}
