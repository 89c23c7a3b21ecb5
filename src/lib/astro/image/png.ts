/**
 * A small PNG encoder (8-bit gray, gray+alpha, RGB or RGBA; no interlace) on fflate's zlib, with each row filtered
 * by the PNG filter that gives the smallest sum of absolute values (the usual heuristic).
 */
import {concatBytes} from '../../data/bytes';
import {zlibSync} from 'fflate';

/** Pixels to encode: `channels` bytes per pixel, row-major, first row on top. */
export interface PngInput {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
  /** 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA; default 4 (an RgbaImage). */
  channels?: 1 | 2 | 3 | 4;
}

const COLOR_TYPE = {1: 0, 2: 4, 3: 2, 4: 6} as const;

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE) as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Encodes pixels as a PNG file. */
export function encodePng(image: PngInput): Uint8Array<ArrayBuffer> {
  const {width, height} = image;
  const channels = image.channels ?? 4;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) throw new Error(`PNG size ${width}x${height} is invalid`);
  if (image.data.length !== width * height * channels) {
    throw new Error(`PNG data has ${image.data.length} bytes, ${width}x${height}x${channels} needs ${width * height * channels}`);
  }
  const stride = width * channels;
  const raw = new Uint8Array((stride + 1) * height);
  const candidates = Array.from({length: 5}, () => new Uint8Array(stride));
  for (let y = 0; y < height; y++) {
    const row = image.data.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? image.data.subarray((y - 1) * stride, y * stride) : undefined;
    let best = 0;
    let bestScore = Infinity;
    for (let f = 0; f < 5; f++) {
      const out = candidates[f];
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= channels ? row[i - channels] : 0;
        const b = prev ? prev[i] : 0;
        const c = prev && i >= channels ? prev[i - channels] : 0;
        const predictor = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : paeth(a, b, c);
        const v = (row[i] - predictor) & 0xff;
        out[i] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) {
        bestScore = score;
        best = f;
      }
    }
    raw[y * (stride + 1)] = best;
    raw.set(candidates[best], y * (stride + 1) + 1);
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header[8] = 8;
  header[9] = COLOR_TYPE[channels];
  return concatBytes([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', zlibSync(raw, {level: 6})), chunk('IEND', new Uint8Array(0))]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

