/**
 * Draws a class mask over an image: each pixel's class colour blended with the image at a given opacity. The page's
 * segmentation renderer calls this when the user toggles classes or moves the opacity slider, and top-loss grids
 * call it to bake masks into thumbnails, so both look the same.
 */
import type {RgbaImage} from './rgba-image';

/** Class codes, one per pixel, row-major (`height * width` bytes). */
export interface ClassMask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One class of a segmentation: its code in the mask, name and colour. */
export interface SegmentationClass {
  code: number;
  name: string;
  /** `[r, g, b]` bytes. */
  color: [number, number, number];
}

/**
 * The image with `mask` drawn over it: pixels of a drawn class become `(1 - opacity) * image + opacity * colour`.
 * Codes in `hidden`, and codes without a class in `classes`, are left as the image.
 */
export function blendMask(
  image: RgbaImage,
  mask: ClassMask,
  classes: readonly SegmentationClass[],
  opacity: number,
  hidden: readonly number[] = [],
): Uint8ClampedArray {
  if (mask.width !== image.width || mask.height !== image.height) {
    throw new RangeError(`mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`);
  }
  const alpha = Math.max(0, Math.min(1, opacity));
  // Per code: the colour premultiplied by opacity, or undefined when the code is not drawn.
  const tint: (readonly number[] | undefined)[] = new Array(256);
  for (const c of classes) if (!hidden.includes(c.code)) tint[c.code] = c.color.map((v) => v * alpha);
  const out = new Uint8ClampedArray(image.data);
  const keep = 1 - alpha;
  for (let i = 0; i < mask.data.length; i++) {
    const t = tint[mask.data[i]];
    if (!t) continue;
    const o = i * 4;
    out[o] = out[o] * keep + t[0];
    out[o + 1] = out[o + 1] * keep + t[1];
    out[o + 2] = out[o + 2] * keep + t[2];
    out[o + 3] = Math.max(out[o + 3], Math.round(255 * alpha));
  }
  return out;
}
