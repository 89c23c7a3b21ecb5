/**
 * Undoing the quantization of floating-point tiles (ZQUANTIZ): `value = (q - dither + 0.5) * ZSCALE + ZZERO` with
 * SUBTRACTIVE_DITHER_1/2, or `q * ZSCALE + ZZERO` with NO_DITHER. The dither values come from the convention's
 * fixed sequence of 10,000 Park–Miller uniform numbers (a = 16807, m = 2^31 - 1), kept as float32 like the reference
 * implementation, and each tile starts at `(tile + ZDITHER0 - 1) mod 10000` (tile counted from 0).
 */

const N_RANDOM = 10000;
/** The integer that stands for NaN in quantized tiles when no ZBLANK is given. */
export const DEFAULT_QUANTIZED_NULL = -2147483647;
/** SUBTRACTIVE_DITHER_2 stores exact zeros as this integer. */
const ZERO_VALUE = -2147483646;

let randoms: Float32Array | undefined;

function randomSequence(): Float32Array {
  if (randoms) return randoms;
  randoms = new Float32Array(N_RANDOM);
  const a = 16807;
  const m = 2147483647;
  let seed = 1;
  for (let i = 0; i < N_RANDOM; i++) {
    const temp = a * seed;
    seed = temp - m * Math.trunc(temp / m);
    randoms[i] = seed / m;
  }
  return randoms;
}

/** How a tile was quantized. */
export interface Quantization {
  method: 'NO_DITHER' | 'SUBTRACTIVE_DITHER_1' | 'SUBTRACTIVE_DITHER_2';
  scale: number;
  zero: number;
  /** The integer that marks a null (NaN) pixel. */
  blank: number | undefined;
  /** ZDITHER0. */
  ditherSeed: number;
}

/**
 * Restores float values of one tile (0-based `tile` index) into `out` at the given pixel positions order.
 * `float32` rounds each value to single precision, as a BITPIX -32 image is returned.
 */
export function unquantizeTile(
  quantized: Int32Array,
  tile: number,
  q: Quantization,
  float32: boolean,
): Float64Array {
  const out = new Float64Array(quantized.length);
  const {scale, zero, blank} = q;
  if (q.method === 'NO_DITHER') {
    for (let i = 0; i < quantized.length; i++) {
      const v = quantized[i];
      out[i] = v === blank ? NaN : float32 ? Math.fround(v * scale + zero) : v * scale + zero;
    }
    return out;
  }
  const rand = randomSequence();
  let iseed = (tile + q.ditherSeed - 1) % N_RANDOM;
  let next = Math.trunc(rand[iseed] * 500);
  for (let i = 0; i < quantized.length; i++) {
    const v = quantized[i];
    if (v === blank) out[i] = NaN;
    else if (q.method === 'SUBTRACTIVE_DITHER_2' && v === ZERO_VALUE) out[i] = 0;
    else {
      const value = (v - rand[next] + 0.5) * scale + zero;
      out[i] = float32 ? Math.fround(value) : value;
    }
    next++;
    if (next === N_RANDOM) {
      iseed = (iseed + 1) % N_RANDOM;
      next = Math.trunc(rand[iseed] * 500);
    }
  }
  return out;
}
