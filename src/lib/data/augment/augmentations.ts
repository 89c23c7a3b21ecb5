/**
 * Augmentations as plain data (serialisable, comparable, printable). A DataLoaders applies them to training batches
 * only, all items of a batch at once on the device, with parameters drawn from a seeded generator.
 *
 * Geometric ones (flip, 90° rotation, rotation, shift, zoom, random resized crop, elastic distortion) move an image
 * and its segmentation mask identically (masks are resampled nearest-neighbour); photometric ones (brightness,
 * contrast) change the image only; Gaussian noise is added after normalisation.
 */

/** One augmentation. Build them with the functions below (`randomFlip()`, `randomRotation({maxDegrees: 20})`...). */
export type Augmentation =
  | {kind: 'flip'; horizontal: boolean; vertical: boolean; p: number}
  | {kind: 'rotate90'; p: number}
  | {kind: 'rotate'; maxDegrees: number; p: number}
  | {kind: 'shift'; maxFraction: number; p: number}
  | {kind: 'zoom'; min: number; max: number; p: number}
  | {kind: 'resizedCrop'; minScale: number; ratio: [number, number]; p: number}
  | {kind: 'elastic'; alpha: number; sigma: number; p: number}
  | {kind: 'brightness'; max: number; p: number}
  | {kind: 'contrast'; max: number; p: number}
  | {kind: 'noise'; std: number};

function probability(p: number | undefined, fallback: number, what: string): number {
  const value = p ?? fallback;
  if (!(value >= 0 && value <= 1)) throw new Error(`${what}: p must be in [0, 1], got ${value}`);
  return value;
}

function positive(value: number, what: string): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${what} must be a positive number, got ${value}`);
  return value;
}

/** Mirror left–right (and/or top–bottom), each with probability `p` (default 0.5). Default: horizontal only. */
export function randomFlip(options: {horizontal?: boolean; vertical?: boolean; p?: number} = {}): Augmentation {
  return {
    kind: 'flip',
    horizontal: options.horizontal ?? true,
    vertical: options.vertical ?? false,
    p: probability(options.p, 0.5, 'randomFlip'),
  };
}

/**
 * Rotate by a random multiple of 90° (0, 90, 180 or 270, equally likely), exact (no interpolation). For square images:
 * with both flips this covers all 8 symmetries of the square (the galaxy thesis' random rotation).
 */
export function randomRotate90(options: {p?: number} = {}): Augmentation {
  return {kind: 'rotate90', p: probability(options.p, 1, 'randomRotate90')};
}

/** Rotate about the centre by an angle uniform in [-maxDegrees, maxDegrees] (default 10), with probability `p` (0.75). */
export function randomRotation(options: {maxDegrees?: number; p?: number} = {}): Augmentation {
  return {
    kind: 'rotate',
    maxDegrees: positive(options.maxDegrees ?? 10, 'randomRotation: maxDegrees'),
    p: probability(options.p, 0.75, 'randomRotation'),
  };
}

/** Translate by up to `maxFraction` (default 0.1) of the width/height in each direction, with probability `p` (0.75). */
export function randomShift(options: {maxFraction?: number; p?: number} = {}): Augmentation {
  return {
    kind: 'shift',
    maxFraction: positive(options.maxFraction ?? 0.1, 'randomShift: maxFraction'),
    p: probability(options.p, 0.75, 'randomShift'),
  };
}

/** Scale about the centre by a factor uniform in [min, max] (default [1, 1.1]; >1 zooms in), with probability `p` (0.75). */
export function randomZoom(options: {min?: number; max?: number; p?: number} = {}): Augmentation {
  const min = positive(options.min ?? 1, 'randomZoom: min');
  const max = positive(options.max ?? 1.1, 'randomZoom: max');
  if (max < min) throw new Error(`randomZoom: max (${max}) is smaller than min (${min})`);
  return {kind: 'zoom', min, max, p: probability(options.p, 0.75, 'randomZoom')};
}

/**
 * Crop a random region covering `minScale`–100% of the area (default 0.35) with aspect ratio in `ratio` (default
 * [3/4, 4/3]) and resize it back to the full image size (torchvision/fastai RandomResizedCrop, same output size).
 */
export function randomResizedCrop(options: {minScale?: number; ratio?: [number, number]; p?: number} = {}): Augmentation {
  const minScale = positive(options.minScale ?? 0.35, 'randomResizedCrop: minScale');
  if (minScale > 1) throw new Error(`randomResizedCrop: minScale must be at most 1, got ${minScale}`);
  const ratio = options.ratio ?? [3 / 4, 4 / 3];
  if (!(ratio[0] > 0 && ratio[1] >= ratio[0])) throw new Error(`randomResizedCrop: ratio must be [low, high] with 0 < low <= high`);
  return {kind: 'resizedCrop', minScale, ratio: [ratio[0], ratio[1]], p: probability(options.p, 1, 'randomResizedCrop')};
}

/**
 * Elastic distortion (Simard et al. 2003): a random displacement field, uniform in [-1, 1] per pixel, smoothed by a
 * Gaussian of `sigma` pixels and scaled by `alpha` pixels. Simard's MNIST values: alpha 34, sigma 4 (the defaults).
 */
export function elasticDistortion(options: {alpha?: number; sigma?: number; p?: number} = {}): Augmentation {
  return {
    kind: 'elastic',
    alpha: positive(options.alpha ?? 34, 'elasticDistortion: alpha'),
    sigma: positive(options.sigma ?? 4, 'elasticDistortion: sigma'),
    p: probability(options.p, 1, 'elasticDistortion'),
  };
}

/** Add a value uniform in [-max, max] (default 0.2, in scaled units, e.g. pixels in [0, 1]) to the whole image. */
export function randomBrightness(options: {max?: number; p?: number} = {}): Augmentation {
  return {kind: 'brightness', max: positive(options.max ?? 0.2, 'randomBrightness: max'), p: probability(options.p, 0.75, 'randomBrightness')};
}

/** Scale each image's deviations from its mean by a factor log-uniform in [1/max, max] (default max 1.3). */
export function randomContrast(options: {max?: number; p?: number} = {}): Augmentation {
  const max = positive(options.max ?? 1.3, 'randomContrast: max');
  if (max < 1) throw new Error(`randomContrast: max must be at least 1, got ${max}`);
  return {kind: 'contrast', max, p: probability(options.p, 0.75, 'randomContrast')};
}

/** Add Gaussian noise of standard deviation `std` (default 0.005, the galaxy thesis' value) after normalisation. */
export function gaussianNoise(options: {std?: number} = {}): Augmentation {
  return {kind: 'noise', std: positive(options.std ?? 0.005, 'gaussianNoise: std')};
}
