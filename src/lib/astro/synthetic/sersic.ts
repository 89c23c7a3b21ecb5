/**
 * Sérsic profiles I(r) = I_e exp(-b_n [(r/r_e)^(1/n) - 1]) on an elliptical radius r² = A² + (B/q)², rendered
 * as pixel averages: pixels near the cuspy centre are integrated on a fine sub-pixel grid, so flux and concentration
 * are not biased. I_e comes from the total flux F = 2π n q r_e² I_e e^(b_n) Γ(2n) / b_n^(2n).
 */

/** b_n such that half the light falls within r_e: Ciotti & Bertin's expansion refined by Newton steps. */
export function sersicBn(n: number): number {
  let b = 2 * n - 1 / 3 + 4 / (405 * n) + 46 / (25515 * n * n) + 131 / (1148175 * n ** 3);
  for (let i = 0; i < 8; i++) {
    // P(2n, b) - 1/2 = 0, with dP/db = b^(2n-1) e^(-b) / Γ(2n).
    const f = regularizedGammaP(2 * n, b) - 0.5;
    const df = Math.exp((2 * n - 1) * Math.log(b) - b - logGamma(2 * n));
    const step = f / df;
    b -= step;
    if (Math.abs(step) < 1e-14 * b) break;
  }
  return b;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularised lower incomplete gamma function P(a, x). */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let k = 1; k < 500; k++) {
      term *= x / (a + k);
      sum += term;
      if (term < sum * 1e-16) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  // Continued fraction for Q(a, x) (Lentz).
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** A Sérsic component. Positions in 0-based pixel coordinates (pixel centres at integers). */
export interface SersicParams {
  x: number;
  y: number;
  /** Total flux. */
  flux: number;
  /** Effective (half-light) radius along the major axis, pixels. */
  re: number;
  n: number;
  /** Axis ratio b/a (1 - ellipticity). */
  q: number;
  /** Position angle of the major axis, radians counter-clockwise from +x. */
  theta: number;
  /** Skip pixels where the profile is below this intensity (default 0: evaluate the whole stamp). */
  floor?: number;
}

const cache = new Map<number, number>();

function bnCached(n: number): number {
  const key = Math.round(n * 1e6) / 1e6;
  let b = cache.get(key);
  if (b === undefined) {
    b = sersicBn(key);
    if (cache.size < 10000) cache.set(key, b);
  }
  return b;
}

/** Adds a Sérsic profile (pixel-averaged) to a size × size image. */
export function addSersic(out: Float32Array, size: number, p: SersicParams): void {
  const bn = bnCached(p.n);
  const twoN = 2 * p.n;
  const ie = p.flux / (2 * Math.PI * p.n * p.q * p.re * p.re * Math.exp(bn + logGamma(twoN) - twoN * Math.log(bn)));
  const cos = Math.cos(p.theta);
  const sin = Math.sin(p.theta);
  // Work with (r/re)² to skip a square root: (r/re)^(1/n) = ((r/re)²)^(1/2n).
  const halfInvN = 0.5 / p.n;
  const invRe2 = 1 / (p.re * p.re);
  const invQ = 1 / p.q;
  const logIe = Math.log(ie) + bn;
  const profile = (dx: number, dy: number) => {
    const a = dx * cos + dy * sin;
    const b = (-dx * sin + dy * cos) * invQ;
    const r2 = (a * a + b * b) * invRe2;
    return Math.exp(logIe - bn * (halfInvN === 0.5 ? Math.sqrt(r2) : Math.pow(r2, halfInvN)));
  };
  // Beyond this radius (in units of re) the profile is below the floor.
  const rMax = p.floor && p.floor > 0 && ie > p.floor ? (1 + Math.log(ie / p.floor) / bn) ** p.n : Infinity;
  const r2Max = rMax * rMax;
  // Sub-sample where the profile changes fast: 12x12 within 2 pixels of a cuspy (n > 2) centre, else 6x6 (even
  // counts, so no sample sits on the cusp itself).
  const near = 2.5;
  const fine = p.n > 2 ? 12 : 6;
  const reach = Math.min(size, Math.ceil(Math.min(12, rMax) * p.re + 4));
  const x0 = Math.max(0, Math.floor(p.x - reach));
  const x1 = Math.min(size - 1, Math.ceil(p.x + reach));
  const y0 = Math.max(0, Math.floor(p.y - reach));
  const y1 = Math.min(size - 1, Math.ceil(p.y + reach));
  for (let y = y0; y <= y1; y++) {
    const dy = y - p.y;
    for (let x = x0; x <= x1; x++) {
      const dx = x - p.x;
      let v: number;
      const a = dx * cos + dy * sin;
      const b = (-dx * sin + dy * cos) * invQ;
      if ((a * a + b * b) * invRe2 > r2Max) continue;
      if (Math.abs(dx) < near && Math.abs(dy) < near) {
        v = 0;
        for (let j = 0; j < fine; j++) {
          const sy = dy + (j + 0.5) / fine - 0.5;
          for (let i = 0; i < fine; i++) v += profile(dx + (i + 0.5) / fine - 0.5, sy);
        }
        v /= fine * fine;
      } else v = profile(dx, dy);
      out[y * size + x] += v;
    }
  }
}

/** Adds a circular Gaussian blob of total flux `flux` and width `sigma` (pixels), pixel-integrated. */
export function addGaussian(out: Float32Array, size: number, x: number, y: number, sigma: number, flux: number): void {
  const reach = Math.ceil(4 * sigma + 1);
  const cx0 = Math.max(0, Math.floor(x - reach));
  const cx1 = Math.min(size - 1, Math.ceil(x + reach));
  const cy0 = Math.max(0, Math.floor(y - reach));
  const cy1 = Math.min(size - 1, Math.ceil(y + reach));
  const s = Math.SQRT2 * sigma;
  // Pixel integral of a Gaussian factorises into 1-D error-function differences.
  const weight = (c: number, centre: number) => 0.5 * (erf((c + 0.5 - centre) / s) - erf((c - 0.5 - centre) / s));
  const wx: number[] = [];
  for (let i = cx0; i <= cx1; i++) wx.push(weight(i, x));
  for (let j = cy0; j <= cy1; j++) {
    const wy = weight(j, y) * flux;
    for (let i = cx0; i <= cx1; i++) out[j * size + i] += wy * wx[i - cx0];
  }
}

/** The error function (Abramowitz & Stegun 7.1.26 refined; |error| < 1.2e-7). */
export function erf(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    1 -
    t *
      Math.exp(
        -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
  return x >= 0 ? y : -y;
}
