/**
 * Turning a file's bytes into pixels. Images (PNG, JPEG, WebP...) go through an {@link ImageDecoder}: in browsers and
 * the kernel worker, `createImageBitmap` + `OffscreenCanvas`; in Node, the decoder that the node module installs
 * (pure-JS PNG and JPEG). FITS files go through the library's own FITS reader.
 */
import {readFits, type FitsImageHdu} from '../../fits';
import {errorMessage} from '../bytes';

/** Decoded pixels, row-major, channels last. */
export interface DecodedImage {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array | Uint8ClampedArray | Float32Array;
}

/** Decodes an image file's bytes (`path` names it in errors and hints at its format). */
export type ImageDecoder = (bytes: Uint8Array, path: string) => Promise<DecodedImage>;

let installed: ImageDecoder | undefined;

/**
 * Sets the decoder used when a source is given none (the node module installs its PNG/JPEG decoder this way, with
 * `keepExisting` so that a decoder the user set stays).
 */
export function setImageDecoder(decoder: ImageDecoder | undefined, options: {keepExisting?: boolean} = {}): void {
  if (!(options.keepExisting && installed)) installed = decoder;
}

/** The installed decoder, else the browser's, else an error that says what to do. */
export function defaultImageDecoder(): ImageDecoder {
  if (installed) return installed;
  if (typeof createImageBitmap === 'function' && typeof OffscreenCanvas === 'function') return browserImageDecoder;
  throw new Error(
    'no image decoder here: in Node, read files with filesFromPath() from the node module (it installs a PNG/JPEG ' +
      'decoder), or call setImageDecoder(nodeImageDecoder)',
  );
}

const MIME: Record<string, string> = {png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', bmp: 'image/bmp'};

/** Decodes with the browser's own codecs (PNG, JPEG, WebP, GIF, BMP); works in workers. RGBA out. */
export const browserImageDecoder: ImageDecoder = async (bytes, path) => {
  const type = MIME[path.toLowerCase().split('.').pop() ?? ''] ?? '';
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], {type}), {
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'none',
    });
  } catch (error) {
    throw new Error(`${path}: the browser could not decode it as an image (${errorMessage(error)})`);
  }
  const {width, height} = bitmap;
  const context = new OffscreenCanvas(width, height).getContext('2d', {willReadFrequently: true});
  if (!context) throw new Error(`${path}: no 2D canvas context available to read its pixels`);
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return {width, height, channels: 4, data: context.getImageData(0, 0, width, height).data};
};

/**
 * Reads an image HDU of a FITS file as float32 pixels: `hdu` by index, or the first image HDU with data. A 2-D image
 * has one channel; a cube [bands, H, W] gives `bands` channels. NaN (blank) pixels become `nanValue` (default 0).
 */
export function decodeFitsImage(bytes: Uint8Array, path: string, options: {hdu?: number; nanValue?: number} = {}): DecodedImage {
  let hdus;
  try {
    hdus = readFits(bytes).hdus;
  } catch (error) {
    throw new Error(`${path}: ${errorMessage(error)}`);
  }
  const images = hdus.filter((h): h is FitsImageHdu => h.kind === 'image' && h.data.length > 0);
  const hdu = options.hdu === undefined ? images[0] : hdus[options.hdu];
  if (!hdu || hdu.kind !== 'image') {
    const what = options.hdu === undefined ? 'has no image HDU with data' : `HDU ${options.hdu} is ${hdus[options.hdu]?.kind ?? 'missing'}, not an image`;
    throw new Error(`${path}: ${what}`);
  }
  const shape = hdu.shape;
  if (shape.length !== 2 && shape.length !== 3) {
    throw new Error(`${path}: HDU ${hdu.index} is [${shape.join(', ')}]; a dataset item needs a 2-D image or a [bands, H, W] cube`);
  }
  const [channels, height, width] = shape.length === 2 ? [1, shape[0], shape[1]] : [shape[0], shape[1], shape[2]];
  const nanValue = options.nanValue ?? 0;
  const plane = height * width;
  const data = new Float32Array(plane * channels);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < plane; i++) {
      const v = hdu.data[c * plane + i];
      data[i * channels + c] = Number.isNaN(v) ? nanValue : v;
    }
  }
  return {width, height, channels, data};
}

/** Converts between 1 (grey), 3 (RGB) and 4 (RGBA) channels; grey from colour is ITU-R 601 luma, as PIL's 'L'. */
export function convertChannels(image: DecodedImage, channels: number, path: string): DecodedImage {
  const from = image.channels;
  if (from === channels) return image;
  const known = [1, 3, 4];
  if (!known.includes(from) || !known.includes(channels)) {
    throw new Error(`${path}: cannot convert ${from} channels to ${channels} (only between 1, 3 and 4)`);
  }
  const pixels = image.width * image.height;
  const float = image.data instanceof Float32Array;
  const out = float ? new Float32Array(pixels * channels) : new Uint8Array(pixels * channels);
  const src = image.data;
  for (let p = 0; p < pixels; p++) {
    const s = p * from;
    const [r, g, b] = from === 1 ? [src[s], src[s], src[s]] : [src[s], src[s + 1], src[s + 2]];
    const d = p * channels;
    if (channels === 1) {
      const luma = (r * 299 + g * 587 + b * 114) / 1000;
      out[d] = float ? luma : Math.round(luma);
    } else {
      out[d] = r;
      out[d + 1] = g;
      out[d + 2] = b;
      if (channels === 4) out[d + 3] = from === 4 ? src[s + 3] : float ? 1 : 255;
    }
  }
  return {width: image.width, height: image.height, channels, data: out};
}

/** Bilinear resize with half-pixel centres (as `tf.image.resizeBilinear(..., halfPixelCenters)`). */
export function resizeImage(image: DecodedImage, height: number, width: number): DecodedImage {
  if (image.height === height && image.width === width) return image;
  const {channels, data: src} = image;
  const float = src instanceof Float32Array;
  const out = float ? new Float32Array(height * width * channels) : new Uint8Array(height * width * channels);
  const sy = image.height / height;
  const sx = image.width / width;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), image.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < channels; c++) {
        const at = (yy: number, xx: number) => src[(yy * image.width + xx) * channels + c];
        const v = (at(y0, x0) * (1 - wx) + at(y0, x1) * wx) * (1 - wy) + (at(y1, x0) * (1 - wx) + at(y1, x1) * wx) * wy;
        out[(y * width + x) * channels + c] = float ? v : Math.round(v);
      }
    }
  }
  return {width, height, channels, data: out};
}
