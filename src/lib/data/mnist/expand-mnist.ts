/**
 * Nielsen's `expand_mnist.py`: every training image plus its four one-pixel shifts (down, up, right, left; the row
 * or column shifted in is zero), so 50,000 images become 250,000.
 */
import {imageGeometry} from '../loader/dataset';
import {createRng, permutation} from '../random';
import type {MnistSet} from './load-mnist';

/** Options of {@link expandMnist}. */
export interface ExpandMnistOptions {
  /**
   * Shuffle the result with this seed, as Nielsen's script does (`random.shuffle`). By default the order is: each
   * image, then its shifts down, up, right and left; a DataLoader shuffles anyway.
   */
  shuffleSeed?: number;
}

/**
 * Returns a new set with each image followed by its four one-pixel displacements (5× the items; labels repeated).
 *
 * ```ts
 * const {train, valid, test} = await loadMnist({split: 'nielsen'});
 * const expanded = expandMnist(train);   // 250,000 images
 * ```
 */
export function expandMnist<I extends Uint8Array | Float32Array>(set: MnistSet<I>, options: ExpandMnistOptions = {}): MnistSet<I> {
  const geometry = imageGeometry(set.itemShape);
  if (!geometry) {
    throw new Error(`expandMnist: items of shape [${set.itemShape.join(', ')}] are not images (need [H, W, C] or a square [side²])`);
  }
  const [height, width, channels] = geometry;
  const size = height * width * channels;
  if (set.images.length !== set.count * size) {
    throw new Error(`expandMnist: ${set.count} images of ${size} values need ${set.count * size} values, got ${set.images.length}`);
  }
  const copies = 5;
  const images = new (set.images.constructor as new (n: number) => I)(set.images.length * copies);
  const labels = new Uint8Array(set.count * copies);
  const row = width * channels;
  for (let i = 0; i < set.count; i++) {
    const src = set.images.subarray(i * size, (i + 1) * size);
    const base = i * copies * size;
    images.set(src, base);
    // Down: row r comes from row r-1, row 0 is zero (np.roll(img, 1, axis=0); img[0, :] = 0).
    images.set(src.subarray(0, size - row), base + size + row);
    // Up: row r comes from row r+1, the last row is zero.
    images.set(src.subarray(row), base + 2 * size);
    for (let r = 0; r < height; r++) {
      const line = src.subarray(r * row, (r + 1) * row);
      // Right: column c comes from column c-1, column 0 is zero.
      images.set(line.subarray(0, row - channels), base + 3 * size + r * row + channels);
      // Left: column c comes from column c+1, the last column is zero.
      images.set(line.subarray(channels), base + 4 * size + r * row);
    }
    labels.fill(set.labels[i], i * copies, (i + 1) * copies);
  }
  const expanded: MnistSet<I> = {...set, count: set.count * copies, images, labels, itemShape: [...set.itemShape]};
  return options.shuffleSeed === undefined ? expanded : reorder(expanded, permutation(expanded.count, createRng(options.shuffleSeed)), size);
}

function reorder<I extends Uint8Array | Float32Array>(set: MnistSet<I>, order: Int32Array, size: number): MnistSet<I> {
  const images = new (set.images.constructor as new (n: number) => I)(set.images.length);
  const labels = new Uint8Array(set.count);
  order.forEach((from, to) => {
    images.set(set.images.subarray(from * size, (from + 1) * size), to * size);
    labels[to] = set.labels[from];
  });
  return {...set, images, labels};
}
