/**
 * Turning an image into something to look at: limits (interval) → normalise → stretch → colormap → RGBA bytes, as
 * DS9 and astropy's `simple_norm` + matplotlib `imshow` do. The default orientation is `origin: 'lower'` (FITS
 * y = 1 at the bottom, as DS9 shows it); `'upper'` keeps row 0 on top like matplotlib's default imshow.
 */
import * as tf from '@tensorflow/tfjs';
import {asImage, type ImageInput, type RgbaImage} from '../image/types';
import {colormapByName, lutIndex, type ColormapName} from './colormaps';
import {displayLimits, type IntervalSpec} from './intervals';
import {makeStretch, type StretchSpec} from './stretches';

/** How to normalise an image for display. */
export interface NormalizeOptions {
  /** Display limits; default `'minmax'`. */
  interval?: IntervalSpec;
  /** Stretch after the limits; default `'linear'`. */
  stretch?: StretchSpec;
}

/** How to render an image. */
export interface RenderOptions extends NormalizeOptions {
  /** Default `'gray'`. */
  colormap?: ColormapName;
  /** `'lower'` (default) puts the first stored row at the bottom; `'upper'` at the top. */
  origin?: 'lower' | 'upper';
  /** RGBA for NaN pixels; default transparent `[0, 0, 0, 0]`. */
  nanColor?: readonly [number, number, number, number];
}

/**
 * Normalises an image to [0, 1] (NaN stays NaN): values are clipped to the display limits, scaled, stretched.
 * Row order is unchanged.
 */
export function normalizeImage(input: ImageInput, options: NormalizeOptions = {}): Float32Array {
  const {data} = asImage(input);
  const [lo, hi] = displayLimits(data, options.interval ?? 'minmax');
  const span = hi - lo;
  const linear = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    linear[i] = Number.isNaN(v) ? NaN : span > 0 ? Math.min(1, Math.max(0, (v - lo) / span)) : 0;
  }
  const spec = options.stretch ?? 'linear';
  if (spec === 'linear') return linear;
  const stretch = makeStretch(spec, spec === 'histeq' ? linear : undefined);
  for (let i = 0; i < linear.length; i++) if (!Number.isNaN(linear[i])) linear[i] = Math.min(1, Math.max(0, stretch(linear[i])));
  return linear;
}

/** Renders an image to RGBA bytes (an ImageData-compatible plain object). */
export function renderImage(input: ImageInput, options: RenderOptions = {}): RgbaImage {
  const {width, height} = asImage(input);
  const norm = normalizeImage(input, options);
  const lut = colormapByName(options.colormap ?? 'gray');
  const nan = options.nanColor ?? [0, 0, 0, 0];
  const flip = (options.origin ?? 'lower') === 'lower';
  const out = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const src = row * width;
    const dst = (flip ? height - 1 - row : row) * width * 4;
    for (let x = 0; x < width; x++) {
      const v = norm[src + x];
      const o = dst + 4 * x;
      if (Number.isNaN(v)) {
        out[o] = nan[0];
        out[o + 1] = nan[1];
        out[o + 2] = nan[2];
        out[o + 3] = nan[3];
      } else {
        const k = 3 * lutIndex(v);
        out[o] = lut[k];
        out[o + 1] = lut[k + 1];
        out[o + 2] = lut[k + 2];
        out[o + 3] = 255;
      }
    }
  }
  return {width, height, data: out};
}

/** Makes a real `ImageData` (browsers and workers) from RGBA bytes; throws where `ImageData` does not exist. */
export function toImageData(image: RgbaImage): ImageData {
  if (typeof ImageData === 'undefined') throw new Error('ImageData is not available here (it exists in browsers and workers, not in Node)');
  return new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
}

/**
 * An image as a tensor for a model: `[height, width, 1]` normalised values (NaN → 0) or, with a colormap,
 * `[height, width, 3]` colours in [0, 1]. Row 0 stays the first stored row (no flip) unless `origin: 'lower'`.
 */
export function imageToTensor(input: ImageInput, options: RenderOptions & {colormap?: ColormapName} = {}): tf.Tensor3D {
  const {width, height} = asImage(input);
  if (options.colormap) {
    const rgba = renderImage(input, {...options, origin: options.origin ?? 'upper', nanColor: [0, 0, 0, 255]});
    const rgb = new Float32Array(width * height * 3);
    for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) rgb[3 * i + c] = rgba.data[4 * i + c] / 255;
    return tf.tensor3d(rgb, [height, width, 3]);
  }
  const norm = normalizeImage(input, options);
  const out = new Float32Array(norm.length);
  const flip = options.origin === 'lower';
  for (let row = 0; row < height; row++) {
    const dst = (flip ? height - 1 - row : row) * width;
    for (let x = 0; x < width; x++) {
      const v = norm[row * width + x];
      out[dst + x] = Number.isNaN(v) ? 0 : v;
    }
  }
  return tf.tensor3d(out, [height, width, 1]);
}
