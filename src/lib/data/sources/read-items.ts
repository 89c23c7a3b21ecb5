/**
 * Reads a list of image or FITS files into one array of items of a common shape, a few files at a time, with
 * progress, and a content hash per file for the leakage guard.
 */
import {contentHash, errorMessage} from '../bytes';
import {convertChannels, decodeFitsImage, defaultImageDecoder, resizeImage, type DecodedImage, type ImageDecoder} from './decode';
import {fileKind, type DataFile} from './files';

/** How files become items. */
export interface ReadItemsOptions {
  /** Channels per item: 1, 3 or 4 (default 3 for images; as stored for FITS). */
  channels?: number;
  /** Resize every item to [height, width] (or a square side). By default all items must be the size of the first. */
  size?: number | [number, number];
  /** Image decoder (default: the installed one, else the browser's). */
  decode?: ImageDecoder;
  /** FITS: which HDU (default: the first image HDU with data). */
  fitsHdu?: number;
  /** FITS: value for NaN (blank) pixels (default 0). */
  nanValue?: number;
  /** Called after each file: how many are done, of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Files read at once (default 8). */
  concurrency?: number;
}

/** Items read from files, in the order of the files. */
export interface ReadItems {
  /** Bytes for images, float32 for FITS. */
  x: Uint8Array | Float32Array;
  itemShape: [number, number, number];
  /** Content hash of each file's bytes. */
  hashes: string[];
}

/** Reads `files` (all images, or all FITS) into items of one shape; errors name the file and what is wrong. */
export async function readItems(files: readonly DataFile[], options: ReadItemsOptions = {}): Promise<ReadItems> {
  if (files.length === 0) throw new Error('no files to read');
  const concurrency = options.concurrency ?? 8;
  // A NaN here would start no worker at all and leave every file after the first as zeros.
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  const kinds = new Set(files.map((f) => fileKind(f.path)));
  if (kinds.has(undefined)) {
    const odd = files.find((f) => fileKind(f.path) === undefined)!;
    throw new Error(`${odd.path}: not an image (png, jpg, webp, gif, bmp) or FITS (fits, fit, fts, fz) file`);
  }
  if (kinds.size > 1) throw new Error('the files mix images and FITS; a dataset holds one or the other');
  const fits = kinds.has('fits');
  const decode = fits ? undefined : (options.decode ?? defaultImageDecoder());
  const toItem = async (file: DataFile): Promise<{image: DecodedImage; hash: string}> => {
    let bytes: Uint8Array;
    try {
      bytes = await file.read();
    } catch (error) {
      throw new Error(`${file.path}: could not be read (${errorMessage(error)})`);
    }
    let image = fits ? decodeFitsImage(bytes, file.path, {hdu: options.fitsHdu, nanValue: options.nanValue}) : await decode!(bytes, file.path);
    if (options.channels !== undefined || !fits) image = convertChannels(image, options.channels ?? 3, file.path);
    return {image, hash: contentHash(bytes)};
  };

  const first = await toItem(files[0]);
  const size = options.size === undefined ? undefined : typeof options.size === 'number' ? [options.size, options.size] : options.size;
  const [height, width] = size ?? [first.image.height, first.image.width];
  const channels = first.image.channels;
  const itemSize = height * width * channels;
  const x = fits ? new Float32Array(files.length * itemSize) : new Uint8Array(files.length * itemSize);
  const hashes = new Array<string>(files.length);
  let done = 0;
  const place = (index: number, {image, hash}: {image: DecodedImage; hash: string}) => {
    const file = files[index];
    if (!size && (image.height !== height || image.width !== width)) {
      throw new Error(
        `${file.path} is ${image.width}×${image.height} pixels, but ${files[0].path} is ${width}×${height}: ` +
          'all items must have the same size (pass `size` to resize them all)',
      );
    }
    if (image.channels !== channels) {
      throw new Error(`${file.path} has ${image.channels} channels, ${files[0].path} has ${channels}`);
    }
    x.set(resizeImage(image, height, width).data, index * itemSize);
    hashes[index] = hash;
    options.onProgress?.(++done, files.length);
  };
  place(0, first);
  let next = 1;
  let failed = false;
  const worker = async () => {
    try {
      while (!failed && next < files.length) {
        const index = next++;
        place(index, await toItem(files[index]));
      }
    } catch (error) {
      failed = true; // the other workers stop at their next file
      throw error;
    }
  };
  await Promise.all(Array.from({length: concurrency}, worker));
  return {x, itemShape: [height, width, channels], hashes};
}
