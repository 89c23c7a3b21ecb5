/**
 * Running one computation on two tfjs backends and comparing the results: the reference is usually `cpu`.
 * Results are read back with `await data()` (webgpu in Node cannot `dataSync()`).
 */
import * as tf from '@tensorflow/tfjs';

/** Runs `compute` with `backend` active and reads every returned tensor back, disposing everything it made. */
export async function valuesOn(backend: string, compute: () => tf.Tensor[]): Promise<Float32Array[]> {
  const previous = tf.getBackend();
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} is not available`);
  try {
    const out = tf.tidy(compute);
    const values = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose(out);
    return values;
  } finally {
    await tf.setBackend(previous);
  }
}

/** max |a − b| / max |b|: the error relative to the reference's scale (0 when both are all zeros). */
export function relativeError(actual: ArrayLike<number>, reference: ArrayLike<number>): number {
  if (actual.length !== reference.length) throw new Error(`length ${actual.length} ≠ reference length ${reference.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - reference[i]));
    scale = Math.max(scale, Math.abs(reference[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Deterministic, non-trivial test data (no RNG: identical on every backend and run). */
export function wave(length: number, frequency: number, phase = 0): Float32Array {
  return Float32Array.from({length}, (_, i) => Math.sin(i * frequency + phase));
}
