/**
 * Stretches map normalised values x ∈ [0, 1] (after the display limits) to [0, 1], as astropy.visualization defines
 * them: linear; log `log(a·x + 1) / log(a + 1)` (a = 1000, the DS9 exponent); sqrt; asinh `asinh(x/a) / asinh(1/a)`
 * (a = 0.1); power `x^a`; sinh; squared; and histogram equalisation from the image's own distribution.
 */

/** A stretch by name, or with its parameter. */
export type StretchSpec =
  | 'linear'
  | 'log'
  | 'sqrt'
  | 'asinh'
  | 'sinh'
  | 'squared'
  | 'histeq'
  | {log: number}
  | {asinh: number}
  | {sinh: number}
  | {power: number};

/** A stretch ready to apply: x in [0, 1] → [0, 1]. */
export type StretchFunction = (x: number) => number;

/**
 * Builds the stretch function. `histeq` needs the image's values normalised to [0, 1] (NaN ignored), from which it
 * builds the cumulative distribution.
 */
export function makeStretch(spec: StretchSpec, normalised?: ArrayLike<number>): StretchFunction {
  if (spec === 'linear') return (x) => x;
  if (spec === 'sqrt') return Math.sqrt;
  if (spec === 'squared') return (x) => x * x;
  if (spec === 'log') return logStretch(1000);
  if (spec === 'asinh') return asinhStretch(0.1);
  if (spec === 'sinh') return sinhStretch(1 / 3);
  if (spec === 'histeq') return histeqStretch(normalised ?? []);
  if ('log' in spec) return logStretch(spec.log);
  if ('asinh' in spec) return asinhStretch(spec.asinh);
  if ('sinh' in spec) return sinhStretch(spec.sinh);
  const a = spec.power;
  return (x) => x ** a;
}

function logStretch(a: number): StretchFunction {
  const norm = Math.log(a + 1);
  return (x) => Math.log(a * x + 1) / norm;
}

function asinhStretch(a: number): StretchFunction {
  const norm = Math.asinh(1 / a);
  return (x) => Math.asinh(x / a) / norm;
}

function sinhStretch(a: number): StretchFunction {
  const norm = Math.sinh(1 / a);
  return (x) => Math.sinh(x / a) / norm;
}

// Histogram equalisation: y is the fraction of pixels at or below x (linear between sorted values), as
// astropy's HistEqStretch interpolates the sorted data onto a uniform ramp.
function histeqStretch(normalised: ArrayLike<number>): StretchFunction {
  const values: number[] = [];
  for (let i = 0; i < normalised.length; i++) if (Number.isFinite(normalised[i])) values.push(normalised[i]);
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n < 2) return (x) => x;
  return (x) => {
    if (x <= sorted[0]) return 0;
    if (x >= sorted[n - 1]) return 1;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= x) lo = mid;
      else hi = mid;
    }
    const span = sorted[hi] - sorted[lo];
    return (lo + (span > 0 ? (x - sorted[lo]) / span : 0)) / (n - 1);
  };
}
