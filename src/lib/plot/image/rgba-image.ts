/**
 * Pixels in the two shapes the plotting module speaks: `PixelImage`, what callers hand in (any channel count and
 * number type, e.g. a data loader's item or a tensor read back), and `RgbaImage`, what specs carry (display-ready
 * 8-bit RGBA the page puts on a canvas as is).
 */

/**
 * An image as callers have it: row-major, channels last (interleaved, like tfjs' NHWC), row 0 at the top.
 * `data` holds `height * width * channels` values: bytes (0–255) in a `Uint8Array`/`Uint8ClampedArray`, or numbers
 * of any range in other arrays (see `imageSpec` for how they map to colours).
 */
export interface PixelImage {
  width: number;
  height: number;
  /** 1 (scalar: gray or a colormap), 3 (RGB) or 4 (RGBA); inferred from `data.length` when absent. */
  channels?: number;
  data: ArrayLike<number>;
}

/** Display-ready pixels: `height * width * 4` bytes, RGBA, row-major, row 0 at the top. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A tensor as far as images need one (a tfjs `Tensor` fits): its shape, dtype and an async read-back. */
export interface TensorLike {
  readonly shape: readonly number[];
  readonly dtype: string;
  /** Reads the values back; asynchronous so that it works on every backend (WebGPU cannot read synchronously). */
  data(): Promise<ArrayLike<number>>;
}

/** Whether `value` is already display-ready RGBA pixels. */
export function isRgbaImage(value: PixelImage | RgbaImage): value is RgbaImage {
  return value.data instanceof Uint8ClampedArray && value.data.length === value.width * value.height * 4 &&
    ((value as PixelImage).channels ?? 4) === 4;
}

/** Channels per pixel of `image`, checked against its size; throws a message naming the mismatch. */
export function channelCount(image: PixelImage): 1 | 3 | 4 {
  const {width, height, data} = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  const channels = image.channels ?? data.length / (width * height);
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new RangeError(
      `image ${width}x${height} with ${data.length} values: expected 1, 3 or 4 values per pixel` +
        (image.channels === undefined ? '' : `, got channels=${image.channels}`),
    );
  }
  if (data.length !== width * height * channels) {
    throw new RangeError(
      `image ${width}x${height}x${channels} needs ${width * height * channels} values, got ${data.length}`,
    );
  }
  return channels;
}
