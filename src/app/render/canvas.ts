/** Putting RGBA pixels on canvases, at a size that keeps small images crisp and large ones within the output. */
import type {RgbaImage} from '../../lib/plot/image/rgba-image';

/** Longer side, in CSS pixels, that small images are scaled up towards (by a whole factor). */
export const SMALL_IMAGE_TARGET = 256;

/** Screen pixels per image pixel: whole-number upscaling of small images towards `target`, 1 for large ones. */
export function autoZoom(image: {width: number; height: number}, target = SMALL_IMAGE_TARGET): number {
  return Math.max(1, Math.floor(target / Math.max(image.width, image.height)));
}

/**
 * A canvas holding `image` at its own resolution, displayed `zoom` times larger (never wider than its container).
 * Upscaled images keep hard pixel edges; downscaled ones are smoothed.
 */
export function imageCanvas(image: RgbaImage, zoom: number, label: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  drawPixels(canvas, image, image.data);
  canvas.style.width = `${image.width * zoom}px`;
  canvas.style.imageRendering = zoom > 1 ? 'pixelated' : 'auto';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  canvas.textContent = label;
  return canvas;
}

/** Draws `pixels` (RGBA, the image's size) onto `canvas`, resizing the canvas to the image. */
export function drawPixels(canvas: HTMLCanvasElement, image: {width: number; height: number}, pixels: Uint8ClampedArray): void {
  if (canvas.width !== image.width) canvas.width = image.width;
  if (canvas.height !== image.height) canvas.height = image.height;
  // ImageData needs its own ArrayBuffer-backed array of exactly the image's size.
  const own = pixels.buffer instanceof ArrayBuffer && pixels.byteOffset === 0 && pixels.length === pixels.buffer.byteLength
    ? (pixels as Uint8ClampedArray<ArrayBuffer>)
    : new Uint8ClampedArray(pixels);
  canvas.getContext('2d')!.putImageData(new ImageData(own, image.width, image.height), 0, 0);
}

/** A vertical colour bar for a 256×RGB lookup table, high values on top. */
export function colorbarCanvas(lut: Uint8Array): HTMLCanvasElement {
  const steps = lut.length / 3;
  const pixels = new Uint8ClampedArray(steps * 4);
  for (let i = 0; i < steps; i++) {
    const row = steps - 1 - i;
    pixels.set([lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2], 255], row * 4);
  }
  const canvas = document.createElement('canvas');
  drawPixels(canvas, {width: 1, height: steps}, pixels);
  canvas.className = 'ds-colorbar-scale';
  canvas.setAttribute('aria-hidden', 'true');
  return canvas;
}
