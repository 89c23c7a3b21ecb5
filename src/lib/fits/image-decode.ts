/**
 * Big-endian image bytes → physical values, computed exactly as astropy computes them:
 * - BITPIX 8, 16, -32 give Float32Array (scaled 8/16-bit data in float32 arithmetic, like numpy's float32 ufuncs);
 *   BITPIX 32, 64, -64 give Float64Array (a float32 would lose integer precision).
 * - Pseudo-unsigned integers (BZERO = 2^(bits-1), BSCALE = 1) and signed bytes (BZERO = -128) are exact.
 * - BLANK (integer data only) is compared with the raw stored value and becomes NaN.
 */
import type {Bitpix} from './layout';

/** The scaling keywords of an image. */
export interface ImageScaling {
  bscale: number;
  bzero: number;
  /** The BLANK value for integer data (raw, before scaling). */
  blank?: number | bigint;
}

/** Typed array of physical pixel values. */
export type PixelArray = Float32Array | Float64Array;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Decodes `count` pixels from big-endian `bytes` (which must hold at least count × |BITPIX|/8 bytes). */
export function decodeImage(bytes: Uint8Array, count: number, bitpix: Bitpix, scaling: ImageScaling): PixelArray {
  switch (bitpix) {
    case -32:
      return scaleFloat32(swapFloat32(bytes, count), scaling);
    case -64:
      return scaleFloat64(swapFloat64(bytes, count), scaling);
    case 8:
      return decodeSmallInt(bytes, count, 1, scaling);
    case 16:
      return decodeSmallInt(bytes, count, 2, scaling);
    case 32:
      return decodeInt32(bytes, count, scaling);
    case 64:
      return decodeInt64(bytes, count, scaling);
  }
}

/** Copies big-endian float32 values into a native Float32Array. */
export function swapFloat32(bytes: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  if (!LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes.subarray(0, count * 4));
    return out;
  }
  const words = new Uint32Array(out.buffer);
  if (bytes.byteOffset % 4 === 0) {
    const src = new Uint32Array(bytes.buffer, bytes.byteOffset, count);
    for (let i = 0; i < count; i++) words[i] = bswap32(src[i]);
  } else {
    new Uint8Array(out.buffer).set(bytes.subarray(0, count * 4));
    for (let i = 0; i < count; i++) words[i] = bswap32(words[i]);
  }
  return out;
}

/** Copies big-endian float64 values into a native Float64Array. */
export function swapFloat64(bytes: Uint8Array, count: number): Float64Array {
  const out = new Float64Array(count);
  new Uint8Array(out.buffer).set(bytes.subarray(0, count * 8));
  if (!LITTLE_ENDIAN) return out;
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < 2 * count; i += 2) {
    const hi = words[i];
    words[i] = bswap32(words[i + 1]);
    words[i + 1] = bswap32(hi);
  }
  return out;
}

function bswap32(x: number): number {
  return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
}

function scaleFloat32(data: Float32Array, {bscale, bzero}: ImageScaling): Float32Array {
  if (bscale !== 1) {
    const s = Math.fround(bscale);
    for (let i = 0; i < data.length; i++) data[i] *= s;
  }
  if (bzero !== 0) {
    const z = Math.fround(bzero);
    for (let i = 0; i < data.length; i++) data[i] += z;
  }
  return data;
}

function scaleFloat64(data: Float64Array, {bscale, bzero}: ImageScaling): Float64Array {
  if (bscale !== 1) for (let i = 0; i < data.length; i++) data[i] *= bscale;
  if (bzero !== 0) for (let i = 0; i < data.length; i++) data[i] += bzero;
  return data;
}

// BITPIX 8 and 16: values fit a float32 exactly; scaling happens in float32 arithmetic as numpy does it.
function decodeSmallInt(bytes: Uint8Array, count: number, size: 1 | 2, {bscale, bzero, blank}: ImageScaling): Float32Array {
  const out = new Float32Array(count);
  if (size === 1) for (let i = 0; i < count; i++) out[i] = bytes[i];
  else for (let i = 0, j = 0; i < count; i++, j += 2) out[i] = ((bytes[j] << 24) >> 16) | bytes[j + 1];
  const blankValue = blank === undefined ? undefined : Number(blank);
  const blanks = blankValue === undefined ? undefined : findBlanks(out, blankValue);
  scaleFloat32(out, {bscale, bzero});
  if (blanks) for (const i of blanks) out[i] = NaN;
  return out;
}

function findBlanks(raw: ArrayLike<number>, blank: number): number[] | undefined {
  let found: number[] | undefined;
  for (let i = 0; i < raw.length; i++) if (raw[i] === blank) (found ??= []).push(i);
  return found;
}

function decodeInt32(bytes: Uint8Array, count: number, {bscale, bzero, blank}: ImageScaling): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0, j = 0; i < count; i++, j += 4) {
    out[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
  const blanks = blank === undefined ? undefined : findBlanks(out, Number(blank));
  scaleFloat64(out, {bscale, bzero});
  if (blanks) for (const i of blanks) out[i] = NaN;
  return out;
}

const TWO_32 = 4294967296;

function decodeInt64(bytes: Uint8Array, count: number, {bscale, bzero, blank}: ImageScaling): Float64Array {
  const out = new Float64Array(count);
  // Unsigned 64-bit (BZERO = 2^63): flip the sign bit of the stored value and read it unsigned, which is exact
  // until the single rounding to double (adding 2^63 in floating point would round twice).
  const unsigned = bscale === 1 && bzero === 9223372036854775808;
  const blankBig = blank === undefined ? undefined : BigInt.asIntN(64, BigInt(blank));
  const blankHi = blankBig === undefined ? 0 : Number(BigInt.asIntN(32, blankBig >> 32n));
  const blankLo = blankBig === undefined ? 0 : Number(BigInt.asUintN(32, blankBig));
  for (let i = 0, j = 0; i < count; i++, j += 8) {
    const hi = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    const lo = ((bytes[j + 4] << 24) | (bytes[j + 5] << 16) | (bytes[j + 6] << 8) | bytes[j + 7]) >>> 0;
    if (blankBig !== undefined && hi === blankHi && lo === blankLo) out[i] = NaN;
    else if (unsigned) out[i] = ((hi ^ 0x80000000) >>> 0) * TWO_32 + lo;
    else out[i] = (hi * TWO_32 + lo) * bscale + bzero;
  }
  return out;
}
