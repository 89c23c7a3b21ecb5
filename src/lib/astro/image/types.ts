/** The plain image shapes the astronomy tools exchange. */

/** A single-band image: row-major values, row 0 = the first stored row (FITS y = 1). */
export interface ImageArray {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

/**
 * An 8-bit RGBA image, compatible with `ImageData` and structured-cloneable (it can be posted from a worker); the
 * plotting module's type, so rendered images go straight into its image specs.
 */
export type {RgbaImage} from '../../plot/image/rgba-image';

/** Something with pixels and either width/height or a row-major `shape` ([height, width]), e.g. a FITS image HDU. */
export type ImageInput = ImageArray | {data: ArrayLike<number>; shape: readonly number[]};

/** Normalises an image input to {data, width, height} (2-D; a cube must be sliced first). */
export function asImage(input: ImageInput): ImageArray {
  if ('width' in input) {
    if (input.data.length !== input.width * input.height) {
      throw new Error(`image data has ${input.data.length} values, but ${input.width}x${input.height} needs ${input.width * input.height}`);
    }
    return input;
  }
  const shape = input.shape;
  if (shape.length !== 2) throw new Error(`expected a 2-D image, got shape [${shape.join(', ')}]: take one plane of a cube first`);
  return {data: input.data, height: shape[0], width: shape[1]};
}
