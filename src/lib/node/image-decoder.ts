/**
 * Image decoding in Node, where there is no createImageBitmap: PNG with fast-png (MIT) and JPEG with jpeg-js
 * (BSD-3-Clause), both pure JavaScript. WebP, GIF and BMP have no maintained pure-JS decoder worth depending on, so
 * they get a clear error (the browser decodes them all).
 */
import {convertIndexedToRgb, decode as decodePng, type DecodedPng} from 'fast-png';
import jpeg from 'jpeg-js';
import type {DecodedImage, ImageDecoder} from '../data';

/** Decodes PNG (any bit depth, palette, alpha, interlace; 16-bit is reduced to 8) and JPEG bytes. */
export const nodeImageDecoder: ImageDecoder = async (bytes, path) => {
  const format = sniff(bytes);
  try {
    if (format === 'png') return fromPng(decodePng(bytes));
    if (format === 'jpeg') {
      const image = jpeg.decode(bytes, {useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 2048});
      return {width: image.width, height: image.height, channels: 3, data: image.data};
    }
  } catch (error) {
    throw new Error(`${path}: could not decode the ${format.toUpperCase()} data (${error instanceof Error ? error.message : String(error)})`);
  }
  if (format === 'unknown') throw new Error(`${path}: not a PNG, JPEG, WebP, GIF or BMP image (unrecognised first bytes)`);
  throw new Error(`${path}: ${format.toUpperCase()} images cannot be decoded in Node (no pure-JS decoder); convert them to PNG, or load them in the browser`);
};

function sniff(b: Uint8Array): 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp' | 'unknown' {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (ascii(0, 2) === 'BM') return 'bmp';
  return 'unknown';
}

function fromPng(png: DecodedPng): DecodedImage {
  const {width, height} = png;
  if (png.palette) {
    const rgb = convertIndexedToRgb(png);
    return {width, height, channels: rgb.length / (width * height), data: rgb};
  }
  const channels = png.channels;
  const count = width * height * channels;
  const data = new Uint8Array(count);
  if (png.depth === 16) {
    for (let i = 0; i < count; i++) data[i] = png.data[i] >> 8;
  } else if (png.depth === 8) {
    data.set(png.data.subarray(0, count));
  } else {
    // 1, 2 or 4 bits per sample, packed MSB first, each row starting on a byte; scaled to 0–255.
    const depth = png.depth;
    const max = (1 << depth) - 1;
    const rowBytes = Math.ceil((width * channels * depth) / 8);
    for (let y = 0; y < height; y++) {
      for (let s = 0; s < width * channels; s++) {
        const bit = s * depth;
        const byte = png.data[y * rowBytes + (bit >> 3)];
        const value = (byte >> (8 - depth - (bit & 7))) & max;
        data[y * width * channels + s] = Math.round((value * 255) / max);
      }
    }
  }
  if (channels === 2) {
    // Grey + alpha → RGBA, which the channel conversion understands.
    const rgba = new Uint8Array(width * height * 4);
    for (let p = 0; p < width * height; p++) rgba.set([data[2 * p], data[2 * p], data[2 * p], data[2 * p + 1]], 4 * p);
    return {width, height, channels: 4, data: rgba};
  }
  return {width, height, channels, data};
}
