/**
 * Display limits (vmin, vmax) for astronomical images, matching astropy.visualization: min/max, (asymmetric)
 * percentile with numpy's linear interpolation, and IRAF's zscale with astropy's defaults (1000 samples, contrast
 * 0.25, 2.5σ rejection with a dilated mask, at most 5 iterations). NaN and ±Inf are ignored everywhere.
 */

/** How to choose display limits. */
export type IntervalSpec =
  | 'minmax'
  | 'zscale'
  | {percentile: number}
  | {lower: number; upper: number}
  | {min: number; max: number}
  | ({zscale: true} & ZScaleOptions);

/** zscale parameters (astropy's defaults). */
export interface ZScaleOptions {
  nSamples?: number;
  contrast?: number;
  maxReject?: number;
  minNpixels?: number;
  krej?: number;
  maxIterations?: number;
}

/** The finite values of an array. */
export function finiteValues(data: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i])) n++;
  const out = new Float64Array(n);
  for (let i = 0, k = 0; i < data.length; i++) if (Number.isFinite(data[i])) out[k++] = data[i];
  return out;
}

/** Smallest and largest finite value ([NaN, NaN] when there is none). */
export function minMax(data: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}

/** Percentiles (0–100) of the finite values, with numpy's default linear interpolation. */
export function percentiles(data: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = finiteValues(data).sort();
  return ps.map((p) => quantileSorted(sorted, p / 100));
}

function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < sorted.length ? sorted[i] + (sorted[i + 1] - sorted[i]) * frac : sorted[i];
}

/** IRAF zscale limits, as astropy's ZScaleInterval computes them. */
export function zscale(data: ArrayLike<number>, options: ZScaleOptions = {}): [number, number] {
  const {nSamples = 1000, contrast = 0.25, maxReject = 0.5, minNpixels = 5, krej = 2.5, maxIterations = 5} = options;
  const values = finiteValues(data);
  if (values.length === 0) return [NaN, NaN];
  const stride = Math.trunc(Math.max(1, values.length / nSamples));
  const taken: number[] = [];
  for (let i = 0; i < values.length && taken.length < nSamples; i += stride) taken.push(values[i]);
  const samples = Float64Array.from(taken).sort();
  const npix = samples.length;
  let vmin = samples[0];
  let vmax = samples[npix - 1];
  const minpix = Math.max(minNpixels, Math.trunc(npix * maxReject));
  const ngrow = Math.max(1, Math.trunc(npix * 0.01));
  let bad: Uint8Array = new Uint8Array(npix);
  let ngood = npix;
  let lastNgood = npix + 1;
  let slope = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    if (ngood >= lastNgood || ngood < minpix) break;
    const fit = fitLine(samples, bad);
    slope = fit.slope;
    const flat = samples.map((v, i) => v - (fit.intercept + fit.slope * i));
    let mean = 0;
    let count = 0;
    for (let i = 0; i < npix; i++) {
      if (bad[i]) continue;
      mean += flat[i];
      count++;
    }
    mean /= count;
    let variance = 0;
    for (let i = 0; i < npix; i++) if (!bad[i]) variance += (flat[i] - mean) ** 2;
    const threshold = krej * Math.sqrt(variance / count);
    for (let i = 0; i < npix; i++) if (flat[i] < -threshold || flat[i] > threshold) bad[i] = 1;
    bad = dilate(bad, ngrow);
    lastNgood = ngood;
    ngood = bad.reduce((n, b) => n + (b ? 0 : 1), 0);
  }
  if (ngood >= minpix) {
    if (contrast > 0) slope /= contrast;
    const center = Math.floor((npix - 1) / 2);
    const median = npix % 2 ? samples[npix >> 1] : (samples[npix / 2 - 1] + samples[npix / 2]) / 2;
    vmin = Math.max(vmin, median - (center - 1) * slope);
    vmax = Math.min(vmax, median + (npix - center) * slope);
  }
  return [vmin, vmax];
}

// Least-squares line through (i, samples[i]) over the good samples, centred for accuracy.
function fitLine(samples: Float64Array, bad: Uint8Array): {slope: number; intercept: number} {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < samples.length; i++) {
    if (bad[i]) continue;
    n++;
    sx += i;
    sy += samples[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < samples.length; i++) {
    if (bad[i]) continue;
    sxx += (i - mx) ** 2;
    sxy += (i - mx) * (samples[i] - my);
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return {slope, intercept: my - slope * mx};
}

// numpy.convolve(mask, ones(k), mode='same') on booleans: a sample is bad if any within [i - k/2, i + (k-1)/2] is.
function dilate(bad: Uint8Array, k: number): Uint8Array {
  const out = new Uint8Array(bad.length);
  const before = Math.floor(k / 2);
  const after = Math.floor((k - 1) / 2);
  for (let i = 0; i < bad.length; i++) {
    if (!bad[i]) continue;
    for (let j = Math.max(0, i - after); j <= Math.min(bad.length - 1, i + before); j++) out[j] = 1;
  }
  return out;
}

/** Display limits for an image according to a spec. */
export function displayLimits(data: ArrayLike<number>, spec: IntervalSpec = 'minmax'): [number, number] {
  if (spec === 'minmax') return minMax(data);
  if (spec === 'zscale') return zscale(data);
  if ('zscale' in spec) return zscale(data, spec);
  if ('min' in spec) return [spec.min, spec.max];
  if ('percentile' in spec) {
    const lower = (100 - spec.percentile) / 2;
    return percentiles(data, [lower, 100 - lower]) as [number, number];
  }
  return percentiles(data, [spec.lower, spec.upper]) as [number, number];
}
