/**
 * Images from tensors. Reading a tensor back is asynchronous (`await tensor.data()`): WebGPU, the backend notebooks
 * train on, cannot read synchronously, so neither can these functions. The tensor is left alone (not disposed).
 */
import {imageGrid, type ImageGridOptions, type ImageGridSpec} from './image-grid';
import {imageSpec, type ImageOptions, type ImageSpec} from './image-spec';
import type {PixelImage, TensorLike} from './rgba-image';

function imageShape(shape: readonly number[]): [height: number, width: number, channels: number] {
  const dims = shape.length === 4 && shape[0] === 1 ? shape.slice(1) : shape;
  if (dims.length === 2) return [dims[0], dims[1], 1];
  if (dims.length === 3 && [1, 3, 4].includes(dims[2])) return [dims[0], dims[1], dims[2]];
  throw new RangeError(
    `an image tensor must be [height, width], [height, width, channels] or [1, height, width, channels] with 1, 3 ` +
      `or 4 channels; got shape [${shape.join(', ')}]`,
  );
}

/**
 * Reads an image tensor back as `PixelImage`: shape `[H, W]`, `[H, W, C]` or `[1, H, W, C]` with C = 1, 3 or 4.
 * Following `tf.browser.toPixels`, an int32 colour tensor holds 0–255 values (read as bytes); float tensors are
 * mapped by `imageSpec`'s rules; a bool mask shows false black and true white.
 */
export async function pixelImageFromTensor(tensor: TensorLike): Promise<PixelImage> {
  const [height, width, channels] = imageShape(tensor.shape);
  const values = await tensor.data();
  // bool tensors read back as bytes 0/1: as numbers they span black to white instead of two shades of black.
  const data =
    tensor.dtype === 'int32' && channels > 1
      ? Uint8ClampedArray.from(values)
      : tensor.dtype === 'bool'
        ? Float32Array.from(values)
        : values;
  return {width, height, channels, data};
}

/** An image spec from a tensor (see `pixelImageFromTensor` for the shapes it takes). */
export async function imageSpecFromTensor(tensor: TensorLike, options: ImageOptions = {}): Promise<ImageSpec> {
  return imageSpec(await pixelImageFromTensor(tensor), options);
}

/**
 * The images of a batch tensor `[N, H, W, C]` (C = 1, 3 or 4; or `[N, H, W]`), read back in one go. Float values
 * are mapped by `imageSpec`'s rules, int32 colour values read as bytes.
 */
export async function pixelImagesFromTensor(tensor: TensorLike): Promise<PixelImage[]> {
  const {shape} = tensor;
  if (shape.length !== 3 && shape.length !== 4) {
    throw new RangeError(`a batch of images must be [count, height, width] or [count, height, width, channels]; got shape [${shape.join(', ')}]`);
  }
  const [count, height, width, channels = 1] = shape;
  const one = await pixelImageFromTensor({shape: [count * height, width, channels], dtype: tensor.dtype, data: () => tensor.data()});
  const size = height * width * channels;
  const slice = (start: number): ArrayLike<number> =>
    ArrayBuffer.isView(one.data) ? (one.data as Float32Array).subarray(start, start + size) : Array.prototype.slice.call(one.data, start, start + size);
  return Array.from({length: count}, (_, i) => ({width, height, channels, data: slice(i * size)}));
}

/**
 * A grid of the images in a batch tensor, optionally captioned (e.g. with labels).
 *
 * @example await imageGridFromTensor(batch.x, {captions: labels.map((l) => classes[l]), columns: 8})
 */
export async function imageGridFromTensor(tensor: TensorLike, options: ImageGridOptions & {captions?: readonly string[]} = {}): Promise<ImageGridSpec> {
  const images = await pixelImagesFromTensor(tensor);
  if (options.captions && options.captions.length !== images.length) {
    throw new RangeError(`imageGridFromTensor: ${options.captions.length} captions for ${images.length} images`);
  }
  return imageGrid(images.map((image, i) => (options.captions ? {image, caption: options.captions[i]} : {image})), options);
}
