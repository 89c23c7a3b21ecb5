/**
 * Lupton et al. (2004) asinh colour composites, computed as astropy's `make_lupton_rgb`: subtract `minimum` per band,
 * I = (R + G + B) / 3, scale every band by f(I)/I with f(I) = asinh(I·Q/stretch) · 0.1·255 / asinh(0.1·Q), clip
 * negatives, divide all three by the largest when it reaches 255 (so colours keep their hue), truncate to bytes.
 * Output row 0 is the first data row (no flip; astropy flips only when saving to a file).
 */
import {asImage, type RgbaImage} from '../image/types';

/** Three bands of equal size, row-major. */
export interface RgbBands {
  r: ArrayLike<number>;
  g: ArrayLike<number>;
  b: ArrayLike<number>;
  width: number;
  height: number;
}

/** Parameters of the asinh stretch. */
export interface LuptonOptions {
  /** The linear range of the stretch (astropy default 5; the thesis used 0.05). */
  stretch?: number;
  /** The asinh softening (astropy default 8; the thesis used 10). */
  Q?: number;
  /** Value mapped to black, for all bands or per band [r, g, b] (default 0). */
  minimum?: number | readonly [number, number, number];
  /** Multiply the bands by these factors [r, g, b] first (the thesis used r = 0.7, g = 0.7, b = 1). */
  scale?: readonly [number, number, number];
}

/** Composes an RGB image: `height * width * 3` bytes, row-major, row 0 = first data row. */
export function luptonRgb(bands: RgbBands, options: LuptonOptions = {}): Uint8Array {
  const {r, g, b, width, height} = bands;
  const n = width * height;
  for (const [name, band] of [['r', r], ['g', g], ['b', b]] as const) {
    if (band.length !== n) throw new Error(`luptonRgb: band ${name} has ${band.length} values, ${width}x${height} needs ${n}`);
  }
  const stretch = options.stretch ?? 5;
  let Q = options.Q ?? 8;
  if (Math.abs(Q) < 1 / 2 ** 23) Q = 0.1;
  else if (Q > 1e10) Q = 1e10;
  if (!(stretch > 0)) throw new Error(`luptonRgb: stretch must be positive, got ${stretch}`);
  const minimum = typeof options.minimum === 'number' || options.minimum === undefined ? [options.minimum ?? 0, options.minimum ?? 0, options.minimum ?? 0] : options.minimum;
  const [sr, sg, sb] = options.scale ?? [1, 1, 1];
  // Double precision throughout, as astropy computes with float64 bands; the operation order follows astropy's,
  // which decides whether a saturated channel truncates to 255 or 254.
  const slope = (0.1 * 255) / Math.asinh(0.1 * Q);
  const soften = Q / stretch;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const R = r[i] * sr - minimum[0];
    const G = g[i] * sg - minimum[1];
    const B = b[i] * sb - minimum[2];
    const I = (R + G + B) / 3;
    const fac = I <= 0 ? 0 : (Math.asinh(I * soften) * slope) / I;
    const r0 = Math.max(0, R * fac);
    const g0 = Math.max(0, G * fac);
    const b0 = Math.max(0, B * fac);
    // astropy's comparison cascade for the largest channel, then c * 255 / max in that order.
    const max = r0 > g0 ? (r0 > b0 ? r0 : b0) : g0 > b0 ? g0 : b0;
    const saturated = max >= 255;
    out[3 * i] = toByte(saturated ? (r0 * 255) / max : r0);
    out[3 * i + 1] = toByte(saturated ? (g0 * 255) / max : g0);
    out[3 * i + 2] = toByte(saturated ? (b0 * 255) / max : b0);
  }
  return out;
}

function toByte(v: number): number {
  return Number.isNaN(v) ? 0 : Math.min(255, Math.trunc(v));
}

/** The composite as RGBA for display; `origin: 'lower'` (default) puts the first data row at the bottom. */
export function luptonRgba(bands: RgbBands, options: LuptonOptions & {origin?: 'lower' | 'upper'} = {}): RgbaImage {
  const {width, height} = asImage({data: bands.r, width: bands.width, height: bands.height});
  const rgb = luptonRgb(bands, options);
  const out = new Uint8ClampedArray(width * height * 4);
  const flip = (options.origin ?? 'lower') === 'lower';
  for (let row = 0; row < height; row++) {
    const dst = (flip ? height - 1 - row : row) * width;
    for (let x = 0; x < width; x++) {
      const s = 3 * (row * width + x);
      const d = 4 * (dst + x);
      out[d] = rgb[s];
      out[d + 1] = rgb[s + 1];
      out[d + 2] = rgb[s + 2];
      out[d + 3] = 255;
    }
  }
  return {width, height, data: out};
}
