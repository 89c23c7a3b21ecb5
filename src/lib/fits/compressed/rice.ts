/**
 * Rice decompression as used by the FITS tiled-image convention (RICE_1; White, Greenfield, Pence & Tody 2013,
 * "Tiled Image Convention for Storing Compressed Images in FITS Binary Tables"). The stream starts with the first
 * pixel value in `bytepix` big-endian bytes; then, per block of `blocksize` pixels, an `fsbits`-wide code `fs + 1`
 * selects: 0 → all differences zero, maximum → differences stored raw, else Rice codes (unary high part, `fs` low
 * bits). Differences are zig-zag mapped (even → positive) and accumulated modulo 2^(8·bytepix).
 */
import {FitsError} from '../errors';

const PARAMS = {
  1: {fsbits: 3, fsmax: 6},
  2: {fsbits: 4, fsmax: 14},
  4: {fsbits: 5, fsmax: 25},
} as const;

/**
 * Decodes `count` pixels. Values are returned as signed integers for 2- and 4-byte pixels and unsigned for 1-byte
 * pixels (as cfitsio stores BITPIX 8 data).
 */
export function riceDecode(input: Uint8Array, count: number, bytepix: 1 | 2 | 4, blocksize: number): Int32Array {
  const params = PARAMS[bytepix];
  if (!params) throw new FitsError(`RICE_1 with BYTEPIX = ${bytepix} is not supported (only 1, 2, 4)`);
  const {fsbits, fsmax} = params;
  const bbits = 8 * bytepix;
  const out = new Int32Array(count);
  if (input.length < bytepix) throw new FitsError(`RICE_1 tile of ${input.length} bytes is too short`);
  let pos = 0;
  let lastpix = 0;
  for (let i = 0; i < bytepix; i++) lastpix = lastpix * 256 + input[pos++];
  const next = (): number => {
    if (pos >= input.length) throw new FitsError('RICE_1 tile ends before all its pixels were decoded (corrupt or truncated data)');
    return input[pos++];
  };
  let b = next();
  let nbits = 8;
  for (let i = 0; i < count; ) {
    nbits -= fsbits;
    while (nbits < 0) {
      b = (b << 8) | next();
      nbits += 8;
    }
    const fs = (b >>> nbits) - 1;
    b &= (1 << nbits) - 1;
    const imax = Math.min(i + blocksize, count);
    if (fs < 0) {
      for (; i < imax; i++) out[i] = lastpix;
    } else if (fs === fsmax) {
      for (; i < imax; i++) {
        let k = bbits - nbits;
        let diff = k >= 32 ? 0 : b * 2 ** k;
        for (k -= 8; k >= 0; k -= 8) {
          b = next();
          diff += b * 2 ** k;
        }
        if (nbits > 0) {
          b = next();
          diff += b >>> -k;
          b &= (1 << nbits) - 1;
        } else b = 0;
        lastpix = accumulate(unzigzag(diff), lastpix, bytepix);
        out[i] = lastpix;
      }
    } else {
      for (; i < imax; i++) {
        while (b === 0) {
          nbits += 8;
          b = next();
        }
        const nzero = nbits - (32 - Math.clz32(b));
        nbits -= nzero + 1;
        b ^= 1 << nbits;
        nbits -= fs;
        while (nbits < 0) {
          b = (b << 8) | next();
          nbits += 8;
        }
        const diff = nzero * 2 ** fs + (b >>> nbits);
        b &= (1 << nbits) - 1;
        lastpix = accumulate(unzigzag(diff), lastpix, bytepix);
        out[i] = lastpix;
      }
    }
  }
  return out;
}

// Even codes are non-negative differences, odd codes negative: 0, -1, 1, -2, 2, ...
function unzigzag(code: number): number {
  return code % 2 === 0 ? code / 2 : -(code + 1) / 2;
}

function accumulate(diff: number, last: number, bytepix: 1 | 2 | 4): number {
  const v = diff + last;
  if (bytepix === 1) return v & 0xff;
  if (bytepix === 2) return (v << 16) >> 16;
  return v | 0;
}
