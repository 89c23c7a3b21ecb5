/**
 * The `segmentation` display spec: an image with its class mask drawn over it and a legend. On the page the user can
 * hide classes and change the opacity; the spec carries the image and the mask separately for that.
 */
import type {DisplaySpec} from '../../display';
import {categoryRgb} from '../palette';
import {blendMask, type ClassMask, type SegmentationClass} from './blend-mask';
import {reverseRows} from './resample';
import {channelCount, type PixelImage, type RgbaImage} from './rgba-image';
import {toRgba, type PixelMapping} from './to-rgba';

/** An image with a class mask over it. */
export interface SegmentationSpec extends DisplaySpec {
  readonly $display: 'segmentation';
  image: RgbaImage;
  mask: ClassMask;
  /** The classes in the legend: every named class and every code that occurs in the mask, by code. */
  classes: (SegmentationClass & {/** Pixels of this class in the mask. */ pixels: number})[];
  /** Opacity of the mask colours, 0–1. */
  opacity: number;
  /** Codes not drawn at first (the user can show them). */
  hidden: number[];
  caption?: string;
  alt?: string;
  /** Screen pixels per image pixel (see `ImageSpec.zoom`). */
  zoom?: number;
}

/** A class name, or a name with a colour (`[r, g, b]` bytes). */
export type SegmentationClassInput = string | {name: string; color?: [number, number, number]};

/** Options of `segmentationOverlay`. */
export interface SegmentationOptions extends PixelMapping {
  /** Class names (or names and colours) by code: `classes[code]`. Unnamed codes are called `class <code>`. */
  classes?: readonly (SegmentationClassInput | undefined)[];
  /** Mask opacity, 0–1; default 0.5. */
  opacity?: number;
  /** Codes left undrawn at first, e.g. `[1]` for the thesis' background code. */
  hidden?: number[];
  caption?: string;
  alt?: string;
  zoom?: number;
}

/** The mask as one class code (0–255) per pixel. */
function classMask(mask: PixelImage): ClassMask {
  if (channelCount(mask) !== 1) throw new RangeError('a segmentation mask needs one value (the class code) per pixel');
  const data = new Uint8Array(mask.data.length);
  for (let i = 0; i < mask.data.length; i++) {
    const code = mask.data[i];
    if (!Number.isInteger(code) || code < 0 || code > 255) {
      throw new RangeError(`mask value at pixel ${i} is ${code}; class codes must be integers from 0 to 255`);
    }
    data[i] = code;
  }
  return {width: mask.width, height: mask.height, data};
}

/**
 * An image with its segmentation mask drawn over it, plus a legend of classes with their pixel counts.
 *
 * @example segmentationOverlay(rgbCutout, maskHdu, {classes: ['', 'background', 'galaxy', 'neighbour'], hidden: [1]})
 */
export function segmentationOverlay(image: PixelImage, mask: PixelImage, options: SegmentationOptions = {}): SegmentationSpec {
  const rgba = toRgba(image, options).image;
  const codes = classMask(mask);
  if (codes.width !== rgba.width || codes.height !== rgba.height) {
    throw new RangeError(`the mask is ${codes.width}x${codes.height} but the image is ${rgba.width}x${rgba.height}`);
  }
  // The mask is flipped with the image so that both stay aligned under origin 'lower'.
  const aligned: ClassMask =
    options.origin === 'lower'
      ? {...codes, data: reverseRows(codes.data, new Uint8Array(codes.data.length), codes.width, codes.height)}
      : codes;
  const counts = new Array<number>(256).fill(0);
  for (const code of aligned.data) counts[code]++;
  const named = options.classes ?? [];
  const classes: SegmentationSpec['classes'] = [];
  for (let code = 0; code < 256; code++) {
    const input = named[code];
    if (counts[code] === 0 && !input) continue;
    const name = typeof input === 'string' ? input : input?.name;
    const color = (typeof input === 'object' ? input.color : undefined) ?? categoryRgb(code);
    classes.push({code, name: name || `class ${code}`, color, pixels: counts[code]});
  }
  const opacity = options.opacity ?? 0.5;
  if (!(opacity >= 0 && opacity <= 1)) throw new RangeError(`opacity must be between 0 and 1, got ${opacity}`);
  const spec: SegmentationSpec = {$display: 'segmentation', image: rgba, mask: aligned, classes, opacity, hidden: [...(options.hidden ?? [])]};
  if (options.caption !== undefined) spec.caption = options.caption;
  if (options.alt !== undefined) spec.alt = options.alt;
  if (options.zoom !== undefined) spec.zoom = options.zoom;
  return spec;
}

/** The image with its mask blended in, as plain pixels (for grids of segmentation results). */
export function overlayPixels(image: PixelImage, mask: PixelImage, options: SegmentationOptions = {}): RgbaImage {
  const spec = segmentationOverlay(image, mask, options);
  const {width, height} = spec.image;
  return {width, height, data: blendMask(spec.image, spec.mask, spec.classes, spec.opacity, spec.hidden)};
}
