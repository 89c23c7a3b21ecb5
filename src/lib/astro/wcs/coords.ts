/**
 * Angles on the sky: separations (Vincenty's formula, accurate at all separations) and sexagesimal formatting for
 * read-outs.
 */

const D2R = Math.PI / 180;

/** Great-circle separation between two sky positions, all in degrees. */
export function angularSeparation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const dra = (ra2 - ra1) * D2R;
  const s1 = Math.sin(dec1 * D2R);
  const c1 = Math.cos(dec1 * D2R);
  const s2 = Math.sin(dec2 * D2R);
  const c2 = Math.cos(dec2 * D2R);
  const num1 = c2 * Math.sin(dra);
  const num2 = c1 * s2 - s1 * c2 * Math.cos(dra);
  const den = s1 * s2 + c1 * c2 * Math.cos(dra);
  return Math.atan2(Math.hypot(num1, num2), den) / D2R;
}

/** Formats degrees of right ascension as `hh:mm:ss.sss`. */
export function formatRa(ra: number, decimals = 3): string {
  return sexagesimal((((ra % 360) + 360) % 360) / 15, decimals, false, 24);
}

/** Formats degrees of declination as `±dd:mm:ss.ss`. */
export function formatDec(dec: number, decimals = 2): string {
  return sexagesimal(dec, decimals, true);
}

/** `value` in units of `dd`/`hh`; `wrapAt` (24 for hours) folds a value that rounds up to it back to 0. */
function sexagesimal(value: number, decimals: number, signed: boolean, wrapAt?: number): string {
  const scale = 10 ** decimals;
  let total = Math.round(Math.abs(value) * 3600 * scale);
  if (wrapAt !== undefined) total %= wrapAt * 3600 * scale;
  // The sign of what is printed: a value that rounds to zero is +00:00:00, not -00:00:00.
  const sign = value < 0 && total > 0 ? '-' : signed ? '+' : '';
  const frac = total % scale;
  total = (total - frac) / scale;
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const d = Math.floor(total / 3600);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(d)}:${pad(m)}:${pad(s)}${decimals > 0 ? '.' + String(frac).padStart(decimals, '0') : ''}`;
}
