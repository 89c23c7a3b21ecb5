/**
 * Applies an augmentation plan to a batch on the device: one resampling for all geometric transforms of all items
 * (the image bilinearly, the mask nearest-neighbour with the very same coordinates), then the photometric factors as
 * a handful of broadcast ops.
 */
import * as tf from '@tensorflow/tfjs';
import {createRng} from '../random';
import type {Augmentation} from './augmentations';
import {planAugmentation, type AugmentPlan} from './plan';
import {affineResample, applyAffine, remap, type FillMode, type SamplerChoice} from './sampler';

/** How geometric augmentations resample. */
export interface AugmentOptions {
  /** Fill for pixels that come from outside the image: 'reflect' (default), 'nearest' (edge) or 'constant' (0). */
  fillMode?: FillMode;
  /** Resampling implementation; 'auto' (default) uses tfjs' Transform kernel where it works. */
  sampler?: SamplerChoice;
}

/** Images [B, H, W, C] and optional masks [B, H, W] (int32 class codes), before normalisation. */
export interface AugmentInput {
  x: tf.Tensor4D;
  mask?: tf.Tensor3D;
}

/**
 * Augments a batch with a seed (same seed, same result on every backend). Noise, if listed, is added last; inside a
 * DataLoaders it is added after normalisation instead (see `applyNoise`). Returns new tensors.
 *
 * ```ts
 * const {x, mask} = augmentBatch({x: images, mask: masks}, [randomFlip(), randomRotate90(), randomRotation()], 7);
 * ```
 */
export function augmentBatch(
  input: AugmentInput,
  augmentations: readonly Augmentation[],
  seed: number,
  options: AugmentOptions = {},
): {x: tf.Tensor4D; mask?: tf.Tensor3D} {
  const [batch, height, width] = input.x.shape;
  const plan = planAugmentation(augmentations, batch, height, width, seed);
  return tf.tidy(() => {
    const moved = applyGeometry(input, plan, options);
    const x = applyNoise(applyPhotometric(moved.x, plan), plan);
    return moved.mask ? {x, mask: moved.mask} : {x};
  });
}

/** The geometric part of a plan: affine maps and elastic displacement, applied to the image and the mask alike. */
export function applyGeometry(input: AugmentInput, plan: AugmentPlan, options: AugmentOptions): AugmentInput {
  const fillMode = options.fillMode ?? 'reflect';
  if (!plan.matrices && !plan.elastic) return {x: tf.clone(input.x), mask: input.mask && tf.clone(input.mask)};
  return tf.tidy(() => {
    const maskImage = input.mask ? input.mask.toFloat().expandDims(-1) as tf.Tensor4D : undefined;
    const toMask = (m: tf.Tensor4D) => m.squeeze([3]).round().toInt() as tf.Tensor3D;
    if (!plan.elastic) {
      const x = affineResample(input.x, plan.matrices!, 'bilinear', fillMode, options.sampler);
      const mask = maskImage && toMask(affineResample(maskImage, plan.matrices!, 'nearest', fillMode, options.sampler));
      return {x, mask};
    }
    const [xs, ys] = elasticCoordinates(plan);
    const x = remap(input.x, xs, ys, 'bilinear', fillMode);
    const mask = maskImage && toMask(remap(maskImage, xs, ys, 'nearest', fillMode));
    return {x, mask};
  });
}

/**
 * Input coordinates under elastic displacement followed by the affine map: p_in = A(p + d(p)), with d the smoothed,
 * scaled noise field.
 */
function elasticCoordinates(plan: AugmentPlan): [tf.Tensor3D, tf.Tensor3D] {
  const {batch, height, width} = plan;
  const {noise, sigma, alpha} = plan.elastic!;
  return tf.tidy(() => {
    const field = gaussianBlur(tf.tensor4d(noise, [batch, height, width, 2]), sigma).mul(tf.tensor4d(alpha, [batch, 1, 1, 1]));
    const [dx, dy] = tf.split(field, 2, 3).map((d) => d.squeeze([3]));
    const gx = tf.range(0, width, 1, 'float32').reshape([1, 1, width]);
    const gy = tf.range(0, height, 1, 'float32').reshape([1, height, 1]);
    const px = dx.add(gx) as tf.Tensor3D;
    const py = dy.add(gy) as tf.Tensor3D;
    return plan.matrices ? applyAffine(tf.tensor2d(plan.matrices, [batch, 8]), px, py) : [px, py];
  });
}

/** Separable Gaussian smoothing of every channel, zero-padded (as Simard's convolution of the random field). */
function gaussianBlur(field: tf.Tensor4D, sigma: number): tf.Tensor4D {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const weights = new Float32Array(2 * radius + 1);
  let total = 0;
  for (let i = -radius; i <= radius; i++) total += weights[i + radius] = Math.exp((-i * i) / (2 * sigma * sigma));
  weights.forEach((w, i) => (weights[i] = w / total));
  const channels = field.shape[3];
  return tf.tidy(() => {
    const kernel = tf.tensor1d(weights).reshape([2 * radius + 1, 1, 1, 1]).tile([1, 1, channels, 1]) as tf.Tensor4D;
    const rows = tf.depthwiseConv2d(field, kernel, 1, 'same');
    return tf.depthwiseConv2d(rows, kernel.reshape([1, 2 * radius + 1, channels, 1]) as tf.Tensor4D, 1, 'same');
  });
}

/** Brightness and contrast, per item, image only. */
export function applyPhotometric(x: tf.Tensor4D, plan: AugmentPlan): tf.Tensor4D {
  if (!plan.brightness && !plan.contrast) return x;
  return tf.tidy(() => {
    let out: tf.Tensor = x;
    if (plan.contrast) {
      const mean = tf.mean(out, [1, 2, 3], true);
      out = out.sub(mean).mul(tf.tensor4d(plan.contrast!, [plan.batch, 1, 1, 1])).add(mean);
    }
    if (plan.brightness) out = out.add(tf.tensor4d(plan.brightness, [plan.batch, 1, 1, 1]));
    return out as tf.Tensor4D;
  });
}

/** Adds the plan's Gaussian noise (drawn on the CPU from the plan's seed), or returns `x` unchanged. */
export function applyNoise<T extends tf.Tensor>(x: T, plan: AugmentPlan): T {
  if (!plan.noise) return x;
  const rng = createRng(plan.noise.seed);
  const values = new Float32Array(x.size);
  for (let i = 0; i < values.length; i++) values[i] = rng.normal() * plan.noise.std;
  return tf.tidy(() => x.add(tf.tensor(values, x.shape)) as T);
}
