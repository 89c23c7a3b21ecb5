/**
 * Other classic data sets, downloaded from their canonical hosts for users who are online: Fashion-MNIST (Zalando,
 * IDX files like MNIST) and CIFAR-10 (Krizhevsky's binary version). Checksums are the published SHA-256 values
 * (as recorded by TensorFlow Datasets). Never used by defaults or tests over the network.
 */
import {maybeGunzip} from '../bytes';
import {downloadVerified, type ByteCache, type DownloadProgress} from './download';
import {loadMnist, type LoadMnistOptions, type Mnist, type MnistSet} from './load-mnist';
import type {MnistFiles} from './mnist-source';

/** Options shared by the remote loaders. */
export interface RemoteDatasetOptions {
  /** Another place with the same files (e.g. a mirror that allows this page's origin). */
  baseUrl?: string;
  /** Override the expected SHA-256 values (per file name), or `false` to skip verification (your own copy). */
  checksums?: Record<string, string> | false;
  fetch?: (url: string) => Promise<Response>;
  cache?: ByteCache | false;
  onProgress?: (progress: DownloadProgress) => void;
}

/** Fashion-MNIST's class names, index = label. */
export const FASHION_MNIST_CLASSES: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** Canonical host and published file sizes and SHA-256 values. */
export const FASHION_MNIST_SOURCE = {
  baseUrl: 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
  files: {
    'train-images-idx3-ubyte.gz': {size: 26421880, sha256: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84'},
    'train-labels-idx1-ubyte.gz': {size: 29515, sha256: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845'},
    't10k-images-idx3-ubyte.gz': {size: 4422102, sha256: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073'},
    't10k-labels-idx1-ubyte.gz': {size: 5148, sha256: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5'},
  },
} as const;

/** Canonical host, size and SHA-256 of CIFAR-10's binary version. */
export const CIFAR10_SOURCE = {
  baseUrl: 'https://www.cs.toronto.edu/~kriz/',
  files: {
    'cifar-10-binary.tar.gz': {size: 170052171, sha256: 'c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd'},
  },
} as const;

/** CIFAR-10's class names, index = label. */
export const CIFAR10_CLASSES: readonly string[] = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

function fetchAll<N extends string>(
  source: {baseUrl: string; files: Record<N, {size: number; sha256: string}>},
  options: RemoteDatasetOptions,
): Promise<Record<N, Uint8Array>> {
  const base = options.baseUrl ?? source.baseUrl;
  const names = Object.keys(source.files) as N[];
  return Promise.all(
    names.map((name) =>
      downloadVerified(fileUrl(name, base), {
        sha256: options.checksums === false ? undefined : (options.checksums?.[name] ?? source.files[name].sha256),
        size: source.files[name].size,
        fetch: options.fetch,
        cache: options.cache,
        onProgress: options.onProgress,
      }),
    ),
  ).then((bytes) => Object.fromEntries(names.map((n, i) => [n, bytes[i]])) as Record<N, Uint8Array>);
}

/** `name` under `base` (absolute, or relative to the page in a browser). */
function fileUrl(name: string, base: string): string {
  const folder = base.endsWith('/') ? base : `${base}/`;
  const page = (globalThis as {location?: {href: string}}).location?.href;
  try {
    return new URL(name, page ? new URL(folder, page) : folder).href;
  } catch {
    throw new Error(`baseUrl '${base}' is not a URL`);
  }
}

/**
 * Fashion-MNIST (70,000 28×28 greyscale clothes, 10 classes), downloaded and verified, in the same form as
 * `loadMnist()` (same layout, float and subset options).
 */
export async function loadFashionMnist(options: RemoteDatasetOptions & Pick<LoadMnistOptions, 'layout' | 'float' | 'subset'> = {}): Promise<Mnist> {
  const files = await fetchAll(FASHION_MNIST_SOURCE, options);
  const source: MnistFiles<Uint8Array> = {
    trainImages: files['train-images-idx3-ubyte.gz'],
    trainLabels: files['train-labels-idx1-ubyte.gz'],
    testImages: files['t10k-images-idx3-ubyte.gz'],
    testLabels: files['t10k-labels-idx1-ubyte.gz'],
  };
  const data = await loadMnist({source, verify: false, layout: options.layout, float: options.float, subset: options.subset});
  const rename = (set: MnistSet): MnistSet => ({...set, classes: FASHION_MNIST_CLASSES});
  return {train: rename(data.train), test: rename(data.test)};
}

/** CIFAR-10: 50,000 training and 10,000 test 32×32 RGB images, items [32, 32, 3] (channels last), bytes. */
export interface Cifar10 {
  train: MnistSet<Uint8Array>;
  test: MnistSet<Uint8Array>;
}

/** Downloads CIFAR-10's binary archive (170 MB, cached), verifies it and unpacks it. */
export async function loadCifar10(options: RemoteDatasetOptions = {}): Promise<Cifar10> {
  const files = await fetchAll(CIFAR10_SOURCE, options);
  return parseCifar10Archive(files['cifar-10-binary.tar.gz']);
}

const CIFAR_RECORD = 1 + 32 * 32 * 3;

/** Unpacks `cifar-10-binary.tar.gz` (or its .tar): data_batch_1–5.bin for training, test_batch.bin for test. */
export function parseCifar10Archive(archive: Uint8Array): Cifar10 {
  const tar = maybeGunzip(archive, 'CIFAR-10 archive');
  const entries = readTar(tar);
  const find = (name: string) => {
    const entry = [...entries.entries()].find(([path]) => path.endsWith(`/${name}`) || path === name);
    if (!entry) throw new Error(`CIFAR-10 archive: ${name} is missing (found ${[...entries.keys()].join(', ') || 'nothing'})`);
    return entry;
  };
  const train = [1, 2, 3, 4, 5].map((i) => find(`data_batch_${i}.bin`));
  return {train: cifarRecords(train), test: cifarRecords([find('test_batch.bin')])};
}

function cifarRecords(parts: [string, Uint8Array][]): MnistSet<Uint8Array> {
  for (const [name, bytes] of parts) {
    if (bytes.length % CIFAR_RECORD !== 0) {
      throw new Error(`CIFAR-10 archive: ${name} has ${bytes.length} bytes, not a whole number of ${CIFAR_RECORD}-byte records (truncated?)`);
    }
  }
  const count = parts.reduce((n, [, b]) => n + b.length / CIFAR_RECORD, 0);
  const labels = new Uint8Array(count);
  const images = new Uint8Array(count * 3072);
  let item = 0;
  for (const [name, bytes] of parts) {
    for (let offset = 0; offset < bytes.length; offset += CIFAR_RECORD, item++) {
      const label = bytes[offset];
      if (label > 9) throw new Error(`CIFAR-10 archive: ${name} record ${offset / CIFAR_RECORD} has label ${label}, not 0–9`);
      labels[item] = label;
      // Stored as three 1024-byte planes (R, G, B); items are channels-last.
      for (let p = 0; p < 1024; p++) {
        for (let c = 0; c < 3; c++) images[item * 3072 + p * 3 + c] = bytes[offset + 1 + c * 1024 + p];
      }
    }
  }
  return {count, labels, images, itemShape: [32, 32, 3], classes: CIFAR10_CLASSES};
}

/** Regular files of a (ustar or old-style) tar archive, by path. */
export function readTar(tar: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const text = (from: number, length: number) => {
    const field = tar.subarray(from, from + length);
    const end = field.indexOf(0);
    return new TextDecoder().decode(end < 0 ? field : field.subarray(0, end));
  };
  let offset = 0;
  while (offset + 512 <= tar.length) {
    if (tar.subarray(offset, offset + 512).every((b) => b === 0)) break; // end-of-archive block
    const name = text(offset, 100);
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[offset + 156]);
    const prefix = text(offset + 257, 6).startsWith('ustar') ? text(offset + 345, 155) : '';
    const start = offset + 512;
    if (!Number.isFinite(size) || start + size > tar.length) {
      throw new Error(`tar archive: the entry '${name}' claims ${size} bytes but the archive ends at byte ${tar.length} (truncated?)`);
    }
    if (type === '0' || type === '\0') files.set(prefix ? `${prefix}/${name}` : name, tar.subarray(start, start + size));
    offset = start + Math.ceil(size / 512) * 512;
  }
  return files;
}
