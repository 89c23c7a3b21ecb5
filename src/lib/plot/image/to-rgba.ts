/**
 * Turns any `PixelImage` into display-ready RGBA. Scalar images (one channel) go through a colormap between two
 * limits; colour images (3 or 4 channels) keep their colours. The rules follow what people expect from matplotlib's
 * `imshow` and tfjs' `toPixels`, so an image never comes out blank because of its number range:
 * - bytes (`Uint8Array`, `Uint8ClampedArray`) are 0–255 as stored;
 * - other scalar data spans its own finite min..max unless `vmin`/`vmax` are given;
 * - other colour data is taken as 0–1 when it all lies there, as 0–255 when it all lies there, and otherwise spans
 *   its own min..max;
 * - NaN and ±Infinity become `nanColor` (transparent by default).
 */
import {minMax} from '../../astro/display';
import {lutIndex, resolveColormap, type Colormap} from './colormap';
import {flipRows} from './resample';
import {channelCount, type PixelImage, type RgbaImage} from './rgba-image';

/** How stored pixel values become display colours. */
export interface PixelMapping {
  /** A colormap name (e.g. `'viridis'`), lookup table or function; gray when absent. Used for one-channel images only. */
  colormap?: Colormap;
  /** Value drawn with the colormap's first colour; values below are clamped. */
  vmin?: number;
  /** Value drawn with the colormap's last colour; values above are clamped. */
  vmax?: number;
  /** RGBA bytes for NaN and ±Infinity; transparent when absent. */
  nanColor?: readonly [number, number, number, number];
  /**
   * Where row 0 of the data goes: `'upper'` (default; photos, MNIST) or `'lower'` (FITS images, whose first row
   * is the bottom of the sky; like matplotlib's `origin='lower'`).
   */
  origin?: 'upper' | 'lower';
}

/** The result of `toRgba`: the pixels, and for scalar images the mapping used (for a colour bar). */
export interface RgbaConversion {
  image: RgbaImage;
  scalar?: {lut: Uint8Array; min: number; max: number};
}

const TRANSPARENT = [0, 0, 0, 0] as const;

function isBytes(data: ArrayLike<number>): boolean {
  return data instanceof Uint8Array || data instanceof Uint8ClampedArray;
}

function limits(data: ArrayLike<number>, mapping: PixelMapping, bytes: [number, number] | undefined): [number, number] {
  const auto = bytes ?? minMax(data);
  const min = mapping.vmin ?? auto[0];
  const max = mapping.vmax ?? auto[1];
  if (mapping.vmin !== undefined && mapping.vmax !== undefined && !(mapping.vmax > mapping.vmin)) {
    throw new RangeError(`vmax (${mapping.vmax}) must be greater than vmin (${mapping.vmin})`);
  }
  return [min, max];
}

function scalarToRgba(image: PixelImage, mapping: PixelMapping): RgbaConversion {
  const {width, height, data} = image;
  const lut = resolveColormap(mapping.colormap);
  const nan = mapping.nanColor ?? TRANSPARENT;
  const [min, max] = limits(data, mapping, isBytes(data) ? [0, 255] : undefined);
  // A constant image (or one with no finite value) maps to the middle of the colormap rather than dividing by 0.
  const span = max > min ? max - min : 0;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = data[i];
    const o = i * 4;
    if (!Number.isFinite(v)) {
      out[o] = nan[0];
      out[o + 1] = nan[1];
      out[o + 2] = nan[2];
      out[o + 3] = nan[3];
      continue;
    }
    const k = lutIndex(span > 0 ? (v - min) / span : 0.5) * 3;
    out[o] = lut[k];
    out[o + 1] = lut[k + 1];
    out[o + 2] = lut[k + 2];
    out[o + 3] = 255;
  }
  return {image: {width, height, data: out}, scalar: {lut, min: Number.isFinite(min) ? min : 0, max: Number.isFinite(max) ? max : 1}};
}

/** The affine map of stored colour values to bytes: `byte = value * scale + offset`. */
function colourScale(data: ArrayLike<number>, mapping: PixelMapping): [number, number] {
  if (mapping.vmin !== undefined || mapping.vmax !== undefined || !isBytes(data)) {
    const [lo, hi] = isBytes(data) ? [0, 255] : minMax(data);
    let min = mapping.vmin;
    let max = mapping.vmax;
    if (min === undefined && max === undefined) {
      if (lo >= 0 && hi <= 1) [min, max] = [0, 1];
      else if (lo >= 0 && hi <= 255) [min, max] = [0, 255];
    }
    min ??= lo;
    max ??= hi;
    if (!(max > min)) return [0, Number.isFinite(min) ? Math.min(255, Math.max(0, min)) : 0];
    const scale = 255 / (max - min);
    return [scale, -min * scale];
  }
  return [1, 0];
}

function colourToRgba(image: PixelImage, channels: 3 | 4, mapping: PixelMapping): RgbaConversion {
  const {width, height, data} = image;
  const [scale, offset] = colourScale(data, mapping);
  const nan = mapping.nanColor ?? TRANSPARENT;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const o = i * 4;
    let finite = true;
    for (let c = 0; c < channels; c++) {
      const v = data[s + c];
      if (!Number.isFinite(v)) finite = false;
      out[o + c] = Math.round(v * scale + offset);
    }
    if (channels === 3) out[o + 3] = 255;
    if (!finite) for (let c = 0; c < 4; c++) out[o + c] = nan[c];
  }
  return {image: {width, height, data: out}};
}

/** Converts `image` to RGBA bytes (see the module comment for the rules). */
export function toRgba(image: PixelImage, mapping: PixelMapping = {}): RgbaConversion {
  const channels = channelCount(image);
  const converted = channels === 1 ? scalarToRgba(image, mapping) : colourToRgba(image, channels, mapping);
  if (mapping.origin === 'lower') converted.image = flipRows(converted.image);
  return converted;
}
