/** Geometry on display-ready RGBA images: flipping rows and shrinking to thumbnails. */
import type {RgbaImage} from './rgba-image';

/** Copies the rows of `source` (`rows` rows of `rowLength` values) into `target` in reverse order; returns `target`. */
export function reverseRows<T extends Uint8Array | Uint8ClampedArray>(source: T, target: T, rowLength: number, rows: number): T {
  for (let y = 0; y < rows; y++) target.set(source.subarray(y * rowLength, (y + 1) * rowLength), (rows - 1 - y) * rowLength);
  return target;
}

/** The image upside down (FITS images store the bottom row first; astronomers view them with origin 'lower'). */
export function flipRows(image: RgbaImage): RgbaImage {
  const {width, height, data} = image;
  return {width, height, data: reverseRows(data, new Uint8ClampedArray(data.length), width * 4, height)};
}

/**
 * The image shrunk so that its longer side is at most `maxSide` pixels, each output pixel the average of the input
 * pixels it covers (area averaging: no aliasing on star fields or digit strokes). Smaller images come back as is.
 */
export function shrinkToFit(image: RgbaImage, maxSide: number): RgbaImage {
  const {width, height, data} = image;
  const factor = Math.max(width, height) / maxSide;
  if (factor <= 1) return image;
  const w = Math.max(1, Math.round(width / factor));
  const h = Math.max(1, Math.round(height / factor));
  const out = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * width) / w));
      const sum = [0, 0, 0, 0];
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const s = (sy * width + sx) * 4;
          for (let c = 0; c < 4; c++) sum[c] += data[s + c];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < 4; c++) out[(y * w + x) * 4 + c] = Math.round(sum[c] / n);
    }
  }
  return {width: w, height: h, data: out};
}
