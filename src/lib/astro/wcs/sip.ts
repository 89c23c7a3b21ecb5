/**
 * SIP distortion (Shupe et al. 2005), as HST `flt` images carry it: relative pixel offsets (u, v) = p − CRPIX get
 * polynomial corrections f = Σ A_p_q u^p v^q, g = Σ B_p_q u^p v^q before the linear transform. The inverse uses
 * AP/BP when given as a first guess and refines it with Newton steps on the forward polynomials, so both directions
 * agree to far below a pixel.
 */
import type {FitsHeader} from '../../fits';

/** Forward and inverse SIP distortion on pixel offsets from CRPIX. */
export interface Sip {
  forward(u: number, v: number): [number, number];
  inverse(U: number, V: number): [number, number];
}

type Terms = [number, number, number][];

function terms(h: FitsHeader, letter: string): Terms {
  const order = h.getNumber(`${letter}_ORDER`);
  if (order === undefined) return [];
  const out: Terms = [];
  for (let p = 0; p <= order; p++) {
    for (let q = 0; q + p <= order; q++) {
      const c = h.getNumber(`${letter}_${p}_${q}`);
      if (c) out.push([p, q, c]);
    }
  }
  return out;
}

function evaluate(t: Terms, u: number, v: number): number {
  let s = 0;
  for (const [p, q, c] of t) s += c * u ** p * v ** q;
  return s;
}

function derivative(t: Terms, u: number, v: number, du: boolean): number {
  let s = 0;
  for (const [p, q, c] of t) {
    if (du && p > 0) s += c * p * u ** (p - 1) * v ** q;
    if (!du && q > 0) s += c * q * u ** p * v ** (q - 1);
  }
  return s;
}

/** Reads A/B (and AP/BP) polynomials from a header. */
export function sipFromHeader(h: FitsHeader): Sip {
  const a = terms(h, 'A');
  const b = terms(h, 'B');
  const ap = terms(h, 'AP');
  const bp = terms(h, 'BP');
  const forward = (u: number, v: number): [number, number] => [u + evaluate(a, u, v), v + evaluate(b, u, v)];
  return {
    forward,
    inverse(U, V) {
      let u = U + evaluate(ap, U, V);
      let v = V + evaluate(bp, U, V);
      for (let i = 0; i < 20; i++) {
        const [fu, fv] = forward(u, v);
        const ru = fu - U;
        const rv = fv - V;
        if (Math.abs(ru) < 1e-12 && Math.abs(rv) < 1e-12) break;
        const j11 = 1 + derivative(a, u, v, true);
        const j12 = derivative(a, u, v, false);
        const j21 = derivative(b, u, v, true);
        const j22 = 1 + derivative(b, u, v, false);
        const det = j11 * j22 - j12 * j21;
        u -= (j22 * ru - j12 * rv) / det;
        v -= (-j21 * ru + j11 * rv) / det;
      }
      return [u, v];
    },
  };
}
