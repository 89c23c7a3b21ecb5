/**
 * Cross-matching by position on the sky within a radius (never by equal coordinates). The second catalog is sorted by
 * declination once; each source then only examines the band dec ± radius and keeps the nearest within the radius
 * (or every pair with `all`), using exact great-circle separations, so it works across RA = 0 and near the poles.
 */
import {angularSeparation} from '../wcs/coords';

/** Sky positions in degrees. */
export interface SkyPositions {
  ra: ArrayLike<number>;
  dec: ArrayLike<number>;
}

/** One matched pair: indices into the two inputs and their separation in arcseconds. */
export interface SkyMatch {
  a: number;
  b: number;
  separation: number;
}

/** Options for {@link crossMatch}. */
export interface CrossMatchOptions {
  /** Match radius in arcseconds. */
  radius: number;
  /** Return every pair within the radius instead of the nearest counterpart of each source of `a`. */
  all?: boolean;
}

/** Matches the sources of `a` to those of `b` within `radius` arcseconds. */
export function crossMatch(a: SkyPositions, b: SkyPositions, options: CrossMatchOptions): SkyMatch[] {
  const radius = options.radius;
  if (!(radius > 0)) throw new Error(`crossMatch: radius must be a positive number of arcseconds, got ${radius}`);
  if (a.ra.length !== a.dec.length || b.ra.length !== b.dec.length) throw new Error('crossMatch: ra and dec must have the same length');
  const r = radius / 3600;
  const order = Array.from({length: b.dec.length}, (_, i) => i).filter((i) => Number.isFinite(b.dec[i]) && Number.isFinite(b.ra[i]));
  order.sort((i, j) => b.dec[i] - b.dec[j]);
  const decs = Float64Array.from(order, (i) => b.dec[i]);
  const matches: SkyMatch[] = [];
  for (let i = 0; i < a.ra.length; i++) {
    const ra = a.ra[i];
    const dec = a.dec[i];
    if (!Number.isFinite(ra) || !Number.isFinite(dec)) continue;
    let k = lowerBound(decs, dec - r);
    let best: SkyMatch | undefined;
    for (; k < decs.length && decs[k] <= dec + r; k++) {
      const j = order[k];
      const sep = angularSeparation(ra, dec, b.ra[j], b.dec[j]) * 3600;
      if (sep > radius) continue;
      if (options.all) matches.push({a: i, b: j, separation: sep});
      else if (!best || sep < best.separation) best = {a: i, b: j, separation: sep};
    }
    if (best) matches.push(best);
  }
  return matches;
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
