/**
 * What precision WebGL really computes in. tfjs 4.22's `floatPrecision()` for webgl is inverted: it answers 16
 * whenever WebGL *can* render to float32 textures (its check runs only when it cannot), so on most desktops it
 * reports float16 and makes `epsilon()` 1e-4 instead of 1e-7 (used, e.g., to clip probabilities in cross-entropy).
 * Here the GPU itself is asked: 1 + 2⁻²⁰ survives a round trip through a render target only at float32.
 */
import * as tf from '@tensorflow/tfjs';

/** Measures the float precision (16 or 32 bits) of the active webgl backend's render targets. */
export async function measureWebGlPrecision(): Promise<16 | 32> {
  // Large enough (> WEBGL_CPU_HANDOFF_SIZE_THRESHOLD, 128) that tfjs runs the addition on the GPU, not on the CPU.
  const x = tf.tensor1d(new Float32Array(1024).fill(1 + 2 ** -20));
  const sum = x.add(x);
  const [value] = await sum.data();
  tf.dispose([x, sum]);
  return value === 2 ? 16 : 32;
}

/**
 * Makes tfjs' webgl backend report the measured precision (and so the matching epsilon). Returns the precision.
 * tfjs-layers caches `epsilon()` on first use, so this runs right after the backend starts.
 */
export async function correctWebGlPrecision(): Promise<16 | 32> {
  const measured = await measureWebGlPrecision();
  const backend = tf.backend() as tf.KernelBackend & {floatPrecisionValue?: 16 | 32};
  if (backend.floatPrecision() !== measured) backend.floatPrecisionValue = measured;
  return measured;
}
