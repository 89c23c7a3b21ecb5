/**
 * Draws the random parameters of one batch's augmentation on the CPU (one seeded generator, so a seed gives the same
 * batch on every backend): one affine matrix per item for all geometric transforms together, and the per-item
 * photometric factors. Every random number is drawn whether or not the transform applies to that item, so
 * parameters of one transform don't shift when another's probability changes.
 */
import {createRng, type Rng} from '../random';
import type {Augmentation} from './augmentations';

/** The parameters of one batch's augmentation. */
export interface AugmentPlan {
  batch: number;
  height: number;
  width: number;
  /**
   * Per item, the 8 coefficients [a0, a1, a2, b0, b1, b2, 0, 0] mapping an output pixel (x, y) to the input point
   * (a0 x + a1 y + a2, b0 x + b1 y + b2), as `tf.image.transform` takes them. Absent when no affine transform is used.
   */
  matrices?: Float32Array;
  /** Elastic displacement: raw uniform noise [B, H, W, 2] (dx, dy), smoothing sigma and scale per item (0 = off). */
  elastic?: {noise: Float32Array; sigma: number; alpha: Float32Array};
  /** Per item: added to every value (brightness). */
  brightness?: Float32Array;
  /** Per item: deviations from the item's mean are multiplied by this (contrast). */
  contrast?: Float32Array;
  /** Standard deviation of the Gaussian noise added after normalisation, and its seed. */
  noise?: {std: number; seed: number};
}

type Mat = [number, number, number, number, number, number]; // [a, b, c, d, e, f]: x' = a x + b y + c, y' = d x + e y + f

const IDENTITY: Mat = [1, 0, 0, 0, 1, 0];

/** Composes two affine maps: (m ∘ n)(p) = m(n(p)). */
function compose(m: Mat, n: Mat): Mat {
  return [
    m[0] * n[0] + m[1] * n[3],
    m[0] * n[1] + m[1] * n[4],
    m[0] * n[2] + m[1] * n[5] + m[2],
    m[3] * n[0] + m[4] * n[3],
    m[3] * n[1] + m[4] * n[4],
    m[3] * n[2] + m[4] * n[5] + m[5],
  ];
}

function rotation(radians: number): Mat {
  const c = Math.cos(radians);
  const s = Math.sin(radians);
  return [c, -s, 0, s, c, 0];
}

/** Exact matrices for multiples of 90° (no 6e-17 from cos(π/2)), so the 90° rotation stays lossless. */
function quarterTurn(k: number): Mat {
  const turns: Mat[] = [IDENTITY, [0, -1, 0, 1, 0, 0], [-1, 0, 0, 0, -1, 0], [0, 1, 0, -1, 0, 0]];
  return turns[k & 3];
}

/** Draws a plan for a batch of `batch` items of `height`×`width` pixels. */
export function planAugmentation(
  augmentations: readonly Augmentation[],
  batch: number,
  height: number,
  width: number,
  seed: number,
): AugmentPlan {
  const rng = createRng(seed);
  const plan: AugmentPlan = {batch, height, width};
  const affine = augmentations.filter((a) => a.kind !== 'elastic' && a.kind !== 'brightness' && a.kind !== 'contrast' && a.kind !== 'noise');
  if (affine.some((a) => a.kind === 'rotate90') && height !== width) {
    throw new Error(`randomRotate90 needs square images; these are ${height}×${width} (use randomFlip instead)`);
  }
  if (affine.length > 0) {
    plan.matrices = new Float32Array(batch * 8);
    // Work about the centre of the pixel grid; the map goes from output to input (inverse transforms, in reverse).
    const cx = (width - 1) / 2;
    const cy = (height - 1) / 2;
    const toCentre: Mat = [1, 0, -cx, 0, 1, -cy];
    const fromCentre: Mat = [1, 0, cx, 0, 1, cy];
    for (let b = 0; b < batch; b++) {
      let inverse = IDENTITY;
      for (const a of affine) inverse = compose(inverse, inverseStep(a, rng, width, height));
      const m = compose(fromCentre, compose(inverse, toCentre));
      plan.matrices.set([m[0], m[1], m[2], m[3], m[4], m[5], 0, 0], b * 8);
    }
  }
  for (const a of augmentations) {
    if (a.kind === 'elastic') {
      if (plan.elastic) throw new Error('elasticDistortion is listed twice');
      const noise = new Float32Array(batch * height * width * 2);
      for (let i = 0; i < noise.length; i++) noise[i] = rng.uniform(-1, 1);
      const alpha = new Float32Array(batch);
      for (let b = 0; b < batch; b++) alpha[b] = rng.next() < a.p ? a.alpha : 0;
      plan.elastic = {noise, sigma: a.sigma, alpha};
    } else if (a.kind === 'brightness') {
      plan.brightness ??= new Float32Array(batch);
      for (let b = 0; b < batch; b++) {
        const delta = rng.uniform(-a.max, a.max);
        if (rng.next() < a.p) plan.brightness[b] += delta;
      }
    } else if (a.kind === 'contrast') {
      plan.contrast ??= new Float32Array(batch).fill(1);
      const logMax = Math.log(a.max);
      for (let b = 0; b < batch; b++) {
        const factor = Math.exp(rng.uniform(-logMax, logMax));
        if (rng.next() < a.p) plan.contrast[b] *= factor;
      }
    } else if (a.kind === 'noise') {
      if (plan.noise) throw new Error('gaussianNoise is listed twice');
      plan.noise = {std: a.std, seed: Math.floor(rng.next() * 2 ** 31)};
    }
  }
  return plan;
}

/** The inverse (output → input, centred coordinates) of one random affine step, or the identity when it is skipped. */
function inverseStep(a: Augmentation, rng: Rng, width: number, height: number): Mat {
  switch (a.kind) {
    case 'flip': {
      const flipX = rng.next() < a.p && a.horizontal;
      const flipY = rng.next() < a.p && a.vertical;
      return [flipX ? -1 : 1, 0, 0, 0, flipY ? -1 : 1, 0];
    }
    case 'rotate90': {
      const k = rng.int(4);
      return rng.next() < a.p ? quarterTurn(-k) : IDENTITY;
    }
    case 'rotate': {
      const degrees = rng.uniform(-a.maxDegrees, a.maxDegrees);
      return rng.next() < a.p ? rotation((-degrees * Math.PI) / 180) : IDENTITY;
    }
    case 'shift': {
      const dx = rng.uniform(-a.maxFraction, a.maxFraction) * width;
      const dy = rng.uniform(-a.maxFraction, a.maxFraction) * height;
      return rng.next() < a.p ? [1, 0, -dx, 0, 1, -dy] : IDENTITY;
    }
    case 'zoom': {
      const s = rng.uniform(a.min, a.max);
      return rng.next() < a.p ? [1 / s, 0, 0, 0, 1 / s, 0] : IDENTITY;
    }
    case 'resizedCrop': {
      const {sx, sy, tx, ty} = cropBox(a, rng, width, height);
      return rng.next() < a.p ? [sx, 0, tx, 0, sy, ty] : IDENTITY;
    }
    default:
      return IDENTITY;
  }
}

/**
 * A random crop (area fraction in [minScale, 1], log-uniform aspect ratio) as the scale and offset that map the full
 * output grid onto it, in centred coordinates. Falls back to the largest centred crop of a valid ratio, like
 * torchvision, when 10 draws don't fit.
 */
function cropBox(a: Extract<Augmentation, {kind: 'resizedCrop'}>, rng: Rng, width: number, height: number) {
  const area = width * height;
  const logRatio = [Math.log(a.ratio[0]), Math.log(a.ratio[1])];
  let cw = width;
  let ch = height;
  let x0 = 0;
  let y0 = 0;
  let found = false;
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * rng.uniform(a.minScale, 1);
    const ratio = Math.exp(rng.uniform(logRatio[0], logRatio[1]));
    const w = Math.sqrt(target * ratio);
    const h = Math.sqrt(target / ratio);
    const u = rng.next();
    const v = rng.next();
    if (!found && w <= width && h <= height) {
      [cw, ch, x0, y0] = [w, h, u * (width - w), v * (height - h)];
      found = true;
    }
  }
  if (!found) {
    const ratio = Math.min(Math.max(width / height, a.ratio[0]), a.ratio[1]);
    [cw, ch] = width / height > ratio ? [height * ratio, height] : [width, width / ratio];
    [x0, y0] = [(width - cw) / 2, (height - ch) / 2];
  }
  // Output pixel centre (i + 0.5) maps to x0 + (i + 0.5) * cw / width in continuous coordinates.
  const sx = cw / width;
  const sy = ch / height;
  const tx = x0 + cw / 2 - width / 2;
  const ty = y0 + ch / 2 - height / 2;
  return {sx, sy, tx, ty};
}
