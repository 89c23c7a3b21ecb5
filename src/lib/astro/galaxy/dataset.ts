/**
 * Galaxy datasets as the thesis built them (chapters 6–7): per-band cut-outs (I, J, H; V optional) and a segmentation
 * mask → keep the main galaxy (mask code 2) → Lupton RGB (R = 0.7·H, G = 0.7·J, B = I; stretch 0.05, Q 10) →
 * optional 4th channel (V band, or the mask) → resize / centre-crop → float images in [0, 1], with integer labels
 * (Huertas-Company classes) and the 5-value regression targets. The result is plain typed arrays that a DataLoader
 * (src/lib/data) can batch; `galaxyDatasetTensors` turns it into tensors.
 */
import * as tf from '@tensorflow/tfjs';
import {readFits} from '../../fits';
import {luptonRgb} from '../color/lupton';
import type {SyntheticSurvey} from '../synthetic/survey';
import {classIndex, GALAXY_CLASSES, huertasCompanyLabel, regressionTargets, type GalaxyClass, type GalaxyFractions} from './labels';

/** The bands of one galaxy, row-major, all the same size. */
export interface GalaxyBands {
  I: ArrayLike<number>;
  J: ArrayLike<number>;
  H: ArrayLike<number>;
  V?: ArrayLike<number>;
}

/** One galaxy: its bands, optional mask (1 background, 2 galaxy, 3 neighbour), and what is known about it. */
export interface GalaxySample {
  id?: string;
  width: number;
  height: number;
  bands: GalaxyBands;
  mask?: ArrayLike<number>;
  /** Vote fractions (give the label and the regression targets). */
  fractions?: GalaxyFractions;
  /** A label, when there are no fractions. */
  label?: GalaxyClass;
}

/** How to turn a galaxy into an image. Defaults are the thesis' settings. */
export interface GalaxyImageOptions {
  /** Lupton stretch (default 0.05) and softening (default 10). */
  stretch?: number;
  Q?: number;
  /** Multipliers for [R = H, G = J, B = I] (default [0.7, 0.7, 1]). */
  scale?: readonly [number, number, number];
  /** Mask codes whose pixels are kept (default [2]: the main galaxy); `'none'` keeps everything. */
  keep?: readonly number[] | 'none';
  /** Optional 4th channel: the V band (same asinh mapping) or the main-galaxy mask (1 inside). Default none. */
  fourthChannel?: 'none' | 'V' | 'mask';
  /** Resize to a square of this side (bilinear), e.g. 200. Default: keep the size. */
  resize?: number;
  /** Then crop this square from the centre, e.g. 100. */
  crop?: number;
}

/** The preset that reproduces the thesis: Lupton RGB, resize to 200, crop 100. */
export const THESIS_GALAXY_OPTIONS: GalaxyImageOptions = {stretch: 0.05, Q: 10, scale: [0.7, 0.7, 1], keep: [2], resize: 200, crop: 100};

/** An image, channels last, values in [0, 1]. */
export interface GalaxyImage {
  data: Float32Array;
  width: number;
  height: number;
  channels: number;
}

/** Makes the network input of one galaxy. */
export function galaxyImage(sample: GalaxySample, options: GalaxyImageOptions = {}): GalaxyImage {
  return prepare(sample, options).image;
}

function prepare(sample: GalaxySample, options: GalaxyImageOptions): {image: GalaxyImage; mask?: Uint8Array} {
  const {width, height, bands} = sample;
  const n = width * height;
  for (const [name, band] of Object.entries(bands)) {
    if (band && band.length !== n) throw new Error(`galaxy ${sample.id ?? ''}: band ${name} has ${band.length} values, ${width}x${height} needs ${n}`);
  }
  if (sample.mask && sample.mask.length !== n) throw new Error(`galaxy ${sample.id ?? ''}: mask has ${sample.mask.length} values, needs ${n}`);
  const keep = options.keep ?? [2];
  const keepSet = keep === 'none' || !sample.mask ? undefined : new Set(keep);
  const masked = (band: ArrayLike<number>) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = keepSet && !keepSet.has(sample.mask![i]) ? 0 : Number.isFinite(band[i]) ? band[i] : 0;
    return out;
  };
  const stretch = options.stretch ?? 0.05;
  const Q = options.Q ?? 10;
  const scale = options.scale ?? [0.7, 0.7, 1];
  const rgb = luptonRgb({r: masked(bands.H), g: masked(bands.J), b: masked(bands.I), width, height}, {stretch, Q, scale});
  const fourth = options.fourthChannel ?? 'none';
  const channels = fourth === 'none' ? 3 : 4;
  let data: Float32Array = new Float32Array(n * channels);
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) data[i * channels + c] = rgb[3 * i + c] / 255;
  if (fourth === 'V') {
    if (!bands.V) throw new Error(`galaxy ${sample.id ?? ''}: fourthChannel 'V' needs a V band`);
    // The V band alone through the same asinh mapping (a one-band Lupton stretch).
    const v = luptonRgb({r: masked(bands.V), g: new Float64Array(n), b: new Float64Array(n), width, height}, {stretch: stretch / 3, Q});
    for (let i = 0; i < n; i++) data[i * channels + 3] = v[3 * i] / 255;
  } else if (fourth === 'mask') {
    if (!sample.mask) throw new Error(`galaxy ${sample.id ?? ''}: fourthChannel 'mask' needs a mask`);
    for (let i = 0; i < n; i++) data[i * channels + 3] = sample.mask[i] === 2 ? 1 : 0;
  }
  let mask: Uint8Array | undefined = sample.mask ? Uint8Array.from(sample.mask) : undefined;
  let w = width;
  let h = height;
  if (options.resize && (options.resize !== w || options.resize !== h)) {
    data = resizeBilinear(data, w, h, channels, options.resize, options.resize);
    if (mask) mask = resizeNearest(mask, w, h, options.resize, options.resize);
    w = h = options.resize;
  }
  if (options.crop) {
    if (options.crop > w || options.crop > h) throw new Error(`galaxy: crop ${options.crop} is larger than the ${w}x${h} image`);
    const x0 = (w - options.crop) >> 1;
    const y0 = (h - options.crop) >> 1;
    data = cropChannels(data, w, channels, x0, y0, options.crop);
    if (mask) mask = cropChannels(mask, w, 1, x0, y0, options.crop) as Uint8Array;
    w = h = options.crop;
  }
  return {image: {data, width: w, height: h, channels}, ...(mask ? {mask} : {})};
}

/** Bilinear resize with pixel centres at half-integers (as image libraries do), channels last. */
export function resizeBilinear(data: Float32Array, w: number, h: number, channels: number, W: number, H: number): Float32Array {
  const out = new Float32Array(W * H * channels);
  for (let y = 0; y < H; y++) {
    const sy = Math.min(h - 1, Math.max(0, ((y + 0.5) * h) / H - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(h - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < W; x++) {
      const sx = Math.min(w - 1, Math.max(0, ((x + 0.5) * w) / W - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(w - 1, x0 + 1);
      const fx = sx - x0;
      for (let c = 0; c < channels; c++) {
        const a = data[(y0 * w + x0) * channels + c];
        const b = data[(y0 * w + x1) * channels + c];
        const d = data[(y1 * w + x0) * channels + c];
        const e = data[(y1 * w + x1) * channels + c];
        out[(y * W + x) * channels + c] = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
      }
    }
  }
  return out;
}

function resizeNearest(data: Uint8Array, w: number, h: number, W: number, H: number): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const sy = Math.min(h - 1, Math.floor(((y + 0.5) * h) / H));
    for (let x = 0; x < W; x++) out[y * W + x] = data[sy * w + Math.min(w - 1, Math.floor(((x + 0.5) * w) / W))];
  }
  return out;
}

function cropChannels<T extends Float32Array | Uint8Array>(data: T, w: number, channels: number, x0: number, y0: number, size: number): T {
  const out = new (data.constructor as new (n: number) => T)(size * size * channels);
  for (let y = 0; y < size; y++) out.set(data.subarray(((y0 + y) * w + x0) * channels, ((y0 + y) * w + x0 + size) * channels), y * size * channels);
  return out;
}

/** A dataset of galaxy images with labels, targets and (when masks were given) segmentation masks. */
export interface GalaxyDataset {
  /** Images, [n, height, width, channels] flattened, values in [0, 1]. */
  images: Float32Array;
  shape: [number, number, number, number];
  /** Class index per galaxy (into `classNames`), -1 when unknown. */
  labels: Int32Array;
  classNames: readonly GalaxyClass[];
  /** [n, 5] regression targets (f_sph, f_disk, f_irr, f_ps, f_unc), NaN where fractions are unknown. */
  targets: Float32Array;
  /** [n, height, width] mask codes (1, 2, 3), resized/cropped like the images; absent if no sample had a mask. */
  masks?: Uint8Array;
  ids: string[];
}

/** Builds a dataset from galaxies (all the same size). */
export function buildGalaxyDataset(samples: readonly GalaxySample[], options: GalaxyImageOptions = {}): GalaxyDataset {
  if (samples.length === 0) throw new Error('buildGalaxyDataset: no galaxies');
  const first = prepare(samples[0], options);
  const {width, height, channels} = first.image;
  const per = width * height * channels;
  const bytes = samples.length * per * 4;
  if (bytes > 2 ** 31) {
    throw new Error(`buildGalaxyDataset: ${samples.length} images of ${width}x${height}x${channels} need ${(bytes / 2 ** 30).toFixed(1)} GiB; use fewer galaxies, a smaller resize, or a crop`);
  }
  const images = new Float32Array(samples.length * per);
  const labels = new Int32Array(samples.length);
  const targets = new Float32Array(samples.length * 5).fill(NaN);
  const anyMask = samples.some((s) => s.mask);
  const masks = anyMask ? new Uint8Array(samples.length * width * height) : undefined;
  samples.forEach((s, k) => {
    const {image, mask} = k === 0 ? first : prepare(s, options);
    if (image.width !== width || image.height !== height || image.channels !== channels) {
      throw new Error(`buildGalaxyDataset: galaxy ${s.id ?? k} gives ${image.width}x${image.height}x${image.channels}, the first gave ${width}x${height}x${channels} (use resize)`);
    }
    images.set(image.data, k * per);
    if (masks && mask) masks.set(mask, k * width * height);
    const label = s.fractions ? huertasCompanyLabel(s.fractions) : s.label;
    labels[k] = label ? classIndex(label) : -1;
    if (s.fractions) targets.set(regressionTargets(s.fractions), k * 5);
  });
  return {images, shape: [samples.length, height, width, channels], labels, classNames: GALAXY_CLASSES, targets, ...(masks ? {masks} : {}), ids: samples.map((s, k) => s.id ?? String(k))};
}

/** Tensors for training: x [n, h, w, c], one-hot y [n, 6], targets [n, 5], masks [n, h, w, 1] (caller disposes). */
export function galaxyDatasetTensors(ds: GalaxyDataset): {x: tf.Tensor4D; y: tf.Tensor2D; targets: tf.Tensor2D; masks?: tf.Tensor4D} {
  return tf.tidy(() => {
    const [n, h, w] = ds.shape;
    const labels = tf.tensor1d(Array.from(ds.labels, (l) => Math.max(l, 0)), 'int32');
    const known = tf.tensor1d(Array.from(ds.labels, (l) => (l >= 0 ? 1 : 0)), 'float32');
    return {
      x: tf.tensor4d(ds.images, ds.shape),
      y: tf.oneHot(labels, ds.classNames.length).toFloat().mul(known.expandDims(1)) as tf.Tensor2D,
      targets: tf.tensor2d(ds.targets, [n, 5]),
      ...(ds.masks ? {masks: tf.tensor4d(ds.masks, [n, h, w, 1], 'int32')} : {}),
    };
  });
}

/** Reads one galaxy from per-band FITS files (the first image HDU of each) and an optional mask FITS. */
export function galaxySampleFromFits(
  files: {I: Uint8Array | ArrayBuffer; J: Uint8Array | ArrayBuffer; H: Uint8Array | ArrayBuffer; V?: Uint8Array | ArrayBuffer; mask?: Uint8Array | ArrayBuffer},
  info: {id?: string; fractions?: GalaxyFractions; label?: GalaxyClass} = {},
): GalaxySample {
  const read = (bytes: Uint8Array | ArrayBuffer, name: string) => {
    const hdu = readFits(bytes).image();
    if (hdu.naxis.length !== 2) throw new Error(`galaxy ${info.id ?? ''}: ${name} is not a 2-D image (shape ${hdu.shape.join('x')})`);
    return hdu;
  };
  const H = read(files.H, 'H');
  const [height, width] = H.shape;
  const same = (name: string, bytes: Uint8Array | ArrayBuffer) => {
    const hdu = read(bytes, name);
    if (hdu.shape[0] !== height || hdu.shape[1] !== width) throw new Error(`galaxy ${info.id ?? ''}: ${name} is ${hdu.shape.join('x')}, H is ${height}x${width}`);
    return hdu.data;
  };
  return {
    ...info,
    width,
    height,
    bands: {I: same('I', files.I), J: same('J', files.J), H: H.data, ...(files.V ? {V: same('V', files.V)} : {})},
    ...(files.mask ? {mask: same('mask', files.mask)} : {}),
  };
}

/** The galaxies of a synthetic survey as dataset samples. */
export function galaxySamplesFromSurvey(survey: SyntheticSurvey): GalaxySample[] {
  return survey.galaxies.map((g) => {
    if (!g.bands.I || !g.bands.J || !g.bands.H) throw new Error('galaxySamplesFromSurvey: the survey needs the I, J and H bands');
    return {
      id: g.id,
      width: g.size,
      height: g.size,
      bands: {I: g.bands.I, J: g.bands.J, H: g.bands.H, ...(g.bands.V ? {V: g.bands.V} : {})},
      mask: g.mask,
      fractions: g.fractions,
    };
  });
}
