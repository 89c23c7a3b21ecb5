/**
 * Colormaps for scalar images: a name from the astronomy module's set (gray, cubehelix, hsv, viridis, inferno,
 * magma, heat, each reversible with `_r`), a lookup table of 256 RGB entries (768 bytes, the form display code and
 * colour bars use), or a function from [0, 1] to RGB bytes, sampled into such a table. Lookup follows matplotlib: a
 * value `t` in [0, 1] takes entry `floor(t * 256)`, clamped to 255.
 */
import {colormapByName, type ColormapName} from '../../astro/display';

export type {ColormapName};

/** Maps `t` in [0, 1] to `[r, g, b]`, each 0–255. */
export type ColormapFunction = (t: number) => ArrayLike<number>;

/** A colormap by name (e.g. `'viridis'`, `'cubehelix_r'`), a 256×RGB lookup table, or a function sampled into one. */
export type Colormap = ColormapName | Uint8Array | ColormapFunction;

/** Entries in a colormap lookup table. */
export const LUT_SIZE = 256;

/** Samples `fn` at 256 evenly spaced points from 0 to 1 (inclusive), as matplotlib builds its tables. */
export function colormapLut(fn: ColormapFunction): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const rgb = fn(i / (LUT_SIZE - 1));
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = Math.max(0, Math.min(255, Math.round(rgb[c])));
  }
  return lut;
}

/** The table entry for `t` in [0, 1] (values outside are clamped). */
export function lutIndex(t: number): number {
  return Math.max(0, Math.min(LUT_SIZE - 1, Math.floor(t * LUT_SIZE)));
}

/** The lookup table for `colormap` (gray when absent); throws on a table of the wrong size or an unknown name. */
export function resolveColormap(colormap: Colormap | undefined): Uint8Array {
  if (colormap === undefined) return colormapByName('gray');
  if (typeof colormap === 'string') return colormapByName(colormap);
  if (typeof colormap === 'function') return colormapLut(colormap);
  if (colormap.length !== LUT_SIZE * 3) {
    throw new RangeError(`a colormap table needs ${LUT_SIZE * 3} bytes (256 RGB entries), got ${colormap.length}`);
  }
  return colormap;
}
