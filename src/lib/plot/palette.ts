/**
 * Colours the plotting module picks when the caller does not: a quiet categorical palette (distinct for the first
 * ten classes, then evenly spread hues) and the colour that marks wrong predictions. They match the app's
 * stylesheet (src/app/styles.css).
 */

/** Ten distinguishable colours, the app's accent blue first. */
export const CATEGORICAL_PALETTE: readonly string[] = [
  '#2f5fd0',
  '#e07b39',
  '#3a9d5d',
  '#c8413b',
  '#8a63c9',
  '#8c6d4f',
  '#d36ba6',
  '#6f7782',
  '#b3a325',
  '#2aa3b8',
];

/** Colour marking a wrong prediction (the app's error red). */
export const WRONG_COLOR = '#b3261e';

/** The colour of category `index`: the palette first, then hues spread by the golden angle. */
export function categoryColor(index: number): string {
  if (index < CATEGORICAL_PALETTE.length) return CATEGORICAL_PALETTE[index];
  const hue = Math.round((index * 137.508) % 360);
  return `hsl(${hue}, 55%, 45%)`;
}

/** `[r, g, b]` bytes of category `index`'s colour (for masks drawn into pixels). */
export function categoryRgb(index: number): [number, number, number] {
  const color = categoryColor(index);
  if (color.startsWith('#')) return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
  const hue = ((index * 137.508) % 360) / 360;
  return hslToRgb(hue, 0.55, 0.45);
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v = u < 1 / 6 ? p + (q - p) * 6 * u : u < 1 / 2 ? q : u < 2 / 3 ? p + (q - p) * (2 / 3 - u) * 6 : p;
    return Math.round(v * 255);
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)];
}
