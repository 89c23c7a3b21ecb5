/**
 * Resampling a batch of images at new coordinates, all items in one pass.
 *
 * The fast path is tfjs' `Transform` kernel (`tf.image.transform`): one op per batch. It is trusted where it was
 * checked against TensorFlow's semantics: webgpu and webgl. In tfjs 4.22 the cpu kernel returns after the first item
 * (the rest of the batch stays at the fill value), and the wasm kernel's 'reflect' fill is wrong for coordinates
 * left of or above the image. Elastic distortion needs per-pixel coordinates that Transform cannot take. For all of
 * these there is a gather-based sampler built from ordinary ops (gather, floor, where) that runs on every backend and
 * follows the kernel's conventions (pixel-index coordinates, round-half-up for nearest, the same reflect/nearest/
 * constant fills).
 */
import * as tf from '@tensorflow/tfjs';

/** How pixels outside the image are filled: mirrored (default), repeated from the edge, or a constant 0. */
export type FillMode = 'reflect' | 'nearest' | 'constant';
/** Bilinear for images, nearest for masks. */
export type Interpolation = 'bilinear' | 'nearest';
/** Which implementation resamples: 'auto' picks the Transform kernel where it works, else the gather sampler. */
export type SamplerChoice = 'auto' | 'kernel' | 'gather';

/** Whether tfjs' Transform kernel can be trusted on the active backend for `fillMode` (see the module comment). */
export function transformKernelWorks(fillMode: FillMode): boolean {
  const backend = tf.getBackend();
  if (backend === 'cpu' || tf.getKernel('Transform', backend) === undefined) return false;
  return backend !== 'wasm' || fillMode !== 'reflect';
}

/** Applies per-item affine maps (8 coefficients each, output → input) to images [B, H, W, C]. */
export function affineResample(
  images: tf.Tensor4D,
  matrices: Float32Array,
  interpolation: Interpolation,
  fillMode: FillMode,
  sampler: SamplerChoice = 'auto',
): tf.Tensor4D {
  return tf.tidy(() => {
    const useKernel = sampler === 'kernel' || (sampler === 'auto' && transformKernelWorks(fillMode));
    const transforms = tf.tensor2d(matrices, [images.shape[0], 8]);
    if (useKernel) return tf.image.transform(images, transforms, interpolation, fillMode, 0);
    const [xs, ys] = affineCoordinates(transforms, images.shape[1], images.shape[2]);
    return remap(images, xs, ys, interpolation, fillMode);
  });
}

/** Input coordinates [B, H, W] (x, then y) of every output pixel under per-item affine maps [B, 8]. */
export function affineCoordinates(transforms: tf.Tensor2D, height: number, width: number): [tf.Tensor3D, tf.Tensor3D] {
  return tf.tidy(() => {
    const gx = tf.range(0, width, 1, 'float32').reshape([1, 1, width]).tile([1, height, 1]) as tf.Tensor3D;
    const gy = tf.range(0, height, 1, 'float32').reshape([1, height, 1]).tile([1, 1, width]) as tf.Tensor3D;
    return applyAffine(transforms, gx, gy);
  });
}

/** Maps points (px, py) [B or 1, H, W] through per-item affine maps [B, 8]: (a0 x + a1 y + a2, b0 x + b1 y + b2). */
export function applyAffine(transforms: tf.Tensor2D, px: tf.Tensor3D, py: tf.Tensor3D): [tf.Tensor3D, tf.Tensor3D] {
  return tf.tidy(() => {
    const batch = transforms.shape[0];
    const c = tf.split(transforms, 8, 1).map((t) => t.reshape([batch, 1, 1]));
    const xs = c[0].mul(px).add(c[1].mul(py)).add(c[2]) as tf.Tensor3D;
    const ys = c[3].mul(px).add(c[4].mul(py)).add(c[5]) as tf.Tensor3D;
    return [xs, ys];
  });
}

/**
 * Samples images [B, H, W, C] at input coordinates xs, ys [B, H', W'] (pixel indices, fractional allowed), returning
 * [B, H', W', C]. Out-of-range points follow `fillMode` (constant: 0).
 */
export function remap(
  images: tf.Tensor4D,
  xs: tf.Tensor3D,
  ys: tf.Tensor3D,
  interpolation: Interpolation,
  fillMode: FillMode,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, height, width, channels] = images.shape;
    const [, outH, outW] = xs.shape;
    const flat = images.reshape([batch * height * width, channels]);
    // Index arithmetic stays in int32 (numbers would promote it to float32, inexact beyond 2^24 pixels).
    const int = (v: number) => tf.scalar(v, 'int32');
    const base = tf.range(0, batch, 1, 'int32').mul(int(height * width)).reshape([batch, 1, 1]);
    const x = mapCoordinate(xs, width, fillMode);
    const y = mapCoordinate(ys, height, fillMode);
    // Reads pixel (xi, yi) of each item, or 0 where it lies outside the image.
    const read = (xi: tf.Tensor, yi: tf.Tensor): tf.Tensor => {
      const inside = tf.logicalAnd(
        tf.logicalAnd(xi.greaterEqual(0), xi.less(width)),
        tf.logicalAnd(yi.greaterEqual(0), yi.less(height)),
      );
      // minimum/maximum, not clipByValue: the wasm backend's ClipByValue ignores the bounds on int32 tensors.
      const clampInt = (t: tf.Tensor, top: number) => tf.minimum(tf.maximum(t, int(0)), int(top));
      const index = base.add(clampInt(yi, height - 1).mul(int(width)).add(clampInt(xi, width - 1)));
      const values = tf.gather(flat, index.reshape([-1])).reshape([batch, outH, outW, channels]);
      return values.mul(inside.expandDims(-1).toFloat());
    };
    if (interpolation === 'nearest') {
      return read(x.add(0.5).floor().toInt(), y.add(0.5).floor().toInt()) as tf.Tensor4D;
    }
    const x0 = x.floor();
    const y0 = y.floor();
    const wx = x.sub(x0).expandDims(-1);
    const wy = y.sub(y0).expandDims(-1);
    const [x0i, y0i] = [x0.toInt(), y0.toInt()];
    const [x1i, y1i] = [x0i.add(int(1)), y0i.add(int(1))];
    const top = read(x0i, y0i).mul(tf.sub(1, wx)).add(read(x1i, y0i).mul(wx));
    const bottom = read(x0i, y1i).mul(tf.sub(1, wx)).add(read(x1i, y1i).mul(wx));
    return top.mul(tf.sub(1, wy)).add(bottom.mul(wy)) as tf.Tensor4D;
  });
}

/** Folds coordinates into the image as the Transform kernel does ('reflect': half-sample symmetric, then clamp). */
function mapCoordinate(c: tf.Tensor3D, length: number, fillMode: FillMode): tf.Tensor3D {
  if (fillMode === 'constant') return c;
  if (fillMode === 'nearest' || length <= 1) return c.clipByValue(0, length - 1) as tf.Tensor3D;
  const period = 2 * length;
  const folded = tf.sub(c, tf.floor(tf.div(c, period)).mul(period)); // in [0, 2L)
  const mirrored = tf.where(folded.greaterEqual(length), tf.sub(period - 1, folded), folded) as tf.Tensor3D;
  return mirrored.clipByValue(0, length - 1) as tf.Tensor3D;
}
