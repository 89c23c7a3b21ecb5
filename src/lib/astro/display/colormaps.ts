/**
 * Colormaps as 256-entry RGB lookup tables, looked up the way matplotlib does (index = floor(v·256), clamped to
 * 255): gray, cubehelix (Green 2011 with matplotlib's defaults γ = 1, s = 0.5, r = -1.5, h = 1), hsv (the hue wheel),
 * viridis, inferno, magma (published tables) and DS9's heat; any of them reversed.
 */
import {INFERNO_HEX, MAGMA_HEX, VIRIDIS_HEX} from './colormap-data';

/** Colormap names. */
export const COLORMAP_NAMES = ['gray', 'cubehelix', 'hsv', 'viridis', 'inferno', 'magma', 'heat'] as const;

/** A colormap name; append `_r` for the reversed map (matplotlib's convention), e.g. `'viridis_r'`. */
export type ColormapName = (typeof COLORMAP_NAMES)[number] | `${(typeof COLORMAP_NAMES)[number]}_r`;

const cache = new Map<string, Uint8Array>();

/** The 256 × RGB lookup table of a colormap (shared; do not modify). */
export function colormapByName(name: ColormapName): Uint8Array {
  let lut = cache.get(name);
  if (lut) return lut;
  const reversed = name.endsWith('_r');
  const base = (reversed ? name.slice(0, -2) : name) as (typeof COLORMAP_NAMES)[number];
  if (!COLORMAP_NAMES.includes(base)) throw new Error(`unknown colormap ${JSON.stringify(name)}; known: ${COLORMAP_NAMES.join(', ')} (add _r to reverse)`);
  lut = buildLut(base);
  if (reversed) {
    const r = new Uint8Array(768);
    for (let i = 0; i < 256; i++) r.set(lut.subarray(3 * (255 - i), 3 * (255 - i) + 3), 3 * i);
    lut = r;
  }
  cache.set(name, lut);
  return lut;
}

function buildLut(name: (typeof COLORMAP_NAMES)[number]): Uint8Array {
  switch (name) {
    case 'viridis':
      return fromHex(VIRIDIS_HEX);
    case 'inferno':
      return fromHex(INFERNO_HEX);
    case 'magma':
      return fromHex(MAGMA_HEX);
    case 'gray':
      return sampled(() => (x) => [x, x, x]);
    case 'cubehelix':
      return sampled(() => cubehelix);
    case 'hsv':
      return sampled(() => hueWheel);
    case 'heat':
      // DS9's heat: red ramps up by 0.34, green linearly, blue from 0.65 to 0.98.
      return sampled(() => (x) => [piecewise(x, [[0, 0], [0.34, 1], [1, 1]]), x, piecewise(x, [[0, 0], [0.65, 0], [0.98, 1], [1, 1]])]);
  }
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// Evaluates a colour function at linspace(0, 1, 256), clips to [0, 1] and rounds to bytes.
function sampled(make: () => (x: number) => [number, number, number]): Uint8Array {
  const f = make();
  const out = new Uint8Array(768);
  for (let i = 0; i < 256; i++) {
    const rgb = f(i / 255);
    for (let c = 0; c < 3; c++) out[3 * i + c] = Math.round(255 * Math.min(1, Math.max(0, rgb[c])));
  }
  return out;
}

function cubehelix(x: number): [number, number, number] {
  const gamma = 1;
  const s = 0.5;
  const r = -1.5;
  const h = 1;
  const xg = x ** gamma;
  const a = (h * xg * (1 - xg)) / 2;
  const phi = 2 * Math.PI * (s / 3 + r * x);
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  return [xg + a * (-0.14861 * cos + 1.78277 * sin), xg + a * (-0.29227 * cos - 0.90649 * sin), xg + a * (1.97294 * cos)];
}

function hueWheel(x: number): [number, number, number] {
  const h = (x % 1) * 6;
  const f = h - Math.floor(h);
  switch (Math.floor(h)) {
    case 0:
      return [1, f, 0];
    case 1:
      return [1 - f, 1, 0];
    case 2:
      return [0, 1, f];
    case 3:
      return [0, 1 - f, 1];
    case 4:
      return [f, 0, 1];
    default:
      return [1, 0, 1 - f];
  }
}

function piecewise(x: number, points: [number, number][]): number {
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return points[points.length - 1][1];
}

/** The LUT index of a normalised value (matplotlib: floor(v·256), clamped to [0, 255]). */
export function lutIndex(v: number): number {
  return Math.min(255, Math.max(0, Math.floor(v * 256)));
}
