/** The `image` display spec: one picture, drawn on a canvas on the page, with a caption and an optional colour bar. */
import type {DisplaySpec} from '../../display';
import {shrinkToFit} from './resample';
import type {PixelImage, RgbaImage} from './rgba-image';
import {toRgba, type PixelMapping} from './to-rgba';

/** The colour bar of a scalar image: the colormap and the values at its two ends. */
export interface Colorbar {
  /** 256×RGB lookup table, low to high. */
  lut: Uint8Array;
  min: number;
  max: number;
  /** What the values are, e.g. `counts` or `log10 flux`. */
  label?: string;
}

/** An image to look at. Its pixels are display-ready RGBA (see `RgbaImage`). */
export interface ImageSpec extends DisplaySpec, RgbaImage {
  readonly $display: 'image';
  /** Shown under the image, and its accessible name unless `alt` is given. */
  caption?: string;
  /** Text alternative for screen readers; the caption (or the size) when absent. */
  alt?: string;
  /**
   * Screen pixels per image pixel. When absent the page scales small images up by a whole factor (crisp pixels, e.g.
   * MNIST at 8×) and large ones down to fit the output's width.
   */
  zoom?: number;
  colorbar?: Colorbar;
}

/** Options of `imageSpec`: how values become colours, plus what to show around the image. */
export interface ImageOptions extends PixelMapping {
  caption?: string;
  alt?: string;
  zoom?: number;
  /** For scalar images: draw a colour bar (`true`, or its label). Ignored for colour images. */
  colorbar?: boolean | string;
  /**
   * Images whose longer side exceeds this are shrunk to it (area averaging) before they leave the kernel, so a
   * 4k×4k frame does not post 64 MB to the page; default 2048. `Infinity` keeps every pixel.
   */
  maxSide?: number;
}

const DEFAULT_MAX_SIDE = 2048;

/**
 * An image spec from pixels: RGBA or RGB bytes as they are, scalar data through a colormap (gray by default) between
 * `vmin` and `vmax` (the data's range by default). See `toRgba` for how other number ranges are read.
 *
 * @example imageSpec({width: 28, height: 28, data: mnist.train.images.subarray(0, 784)}, {caption: 'a five'})
 */
export function imageSpec(image: PixelImage, options: ImageOptions = {}): ImageSpec {
  const {image: full, scalar} = toRgba(image, options);
  const rgba = shrinkToFit(full, options.maxSide ?? DEFAULT_MAX_SIDE);
  const spec: ImageSpec = {$display: 'image', width: rgba.width, height: rgba.height, data: rgba.data};
  if (options.caption !== undefined) spec.caption = options.caption;
  if (options.alt !== undefined) spec.alt = options.alt;
  if (options.zoom !== undefined) {
    if (!(options.zoom > 0)) throw new RangeError(`zoom must be positive, got ${options.zoom}`);
    spec.zoom = options.zoom;
  }
  if (options.colorbar && scalar) {
    spec.colorbar = {lut: scalar.lut.slice(), min: scalar.min, max: scalar.max};
    if (typeof options.colorbar === 'string') spec.colorbar.label = options.colorbar;
  }
  return spec;
}
