import * as tf from '@tensorflow/tfjs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {DataLoaders, loadMnist, randomFlip, type Batch, type DataLoader} from '../../../src/lib';

/** n items of shape [2, 2, 1] whose pixels are all equal to the item number; label = item number % 3. */
function tinySplit(n: number, offset = 0) {
  const x = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) x.fill(offset + i, i * 4, i * 4 + 4);
  const y = Uint8Array.from({length: n}, (_, i) => (offset + i) % 3);
  return {x, y};
}

async function collect(loader: DataLoader): Promise<{ids: number[][]; counts: number[]; shapes: number[][]; labels: number[][]}> {
  const out = {ids: [] as number[][], counts: [] as number[], shapes: [] as number[][], labels: [] as number[][]};
  for await (const batch of loader) {
    const x = await batch.x.data();
    out.ids.push(Array.from({length: batch.x.shape[0]}, (_, b) => Math.round(x[b * 4] * 255)));
    out.labels.push(Array.from(await batch.y.data()));
    out.counts.push(batch.count);
    out.shapes.push(batch.x.shape);
    tf.dispose([batch.x, batch.y]);
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('DataLoaders.fromArrays', () => {
  it('batches with fixed shapes: the training split drops the last partial batch, the others pad it', async () => {
    const dls = DataLoaders.fromArrays({train: tinySplit(10), valid: tinySplit(5, 100), itemShape: [2, 2, 1]}, {batchSize: 4, seed: 1});
    expect([dls.train.length, dls.train.size, dls.valid.length, dls.valid.size]).toEqual([2, 10, 2, 5]);
    const train = await collect(dls.train);
    expect(train.shapes).toEqual([[4, 2, 2, 1], [4, 2, 2, 1]]);
    expect(train.counts).toEqual([4, 4]);
    expect(new Set(train.ids.flat()).size).toBe(8); // 8 distinct items of 10, none twice
    const valid = await collect(dls.valid);
    expect(valid.ids).toEqual([[100, 101, 102, 103], [104, 104, 104, 104]]); // in order; padding repeats the last item
    expect(valid.counts).toEqual([4, 1]);
    expect(valid.labels[1][0]).toBe(104 % 3);
    dls.dispose();
  });

  it('reports the dataset index of each real row and uses int32 class targets', async () => {
    const dls = DataLoaders.fromArrays({train: tinySplit(8), valid: tinySplit(3, 50), itemShape: [4]}, {batchSize: 2, seed: 3});
    for await (const batch of dls.train) {
      const x = await batch.x.data();
      expect(batch.y.dtype).toBe('int32');
      expect(batch.indices.length).toBe(batch.count);
      // The row's pixel value is its dataset index in this split (tinySplit), so indices must point at it.
      expect(Array.from(batch.indices)).toEqual([Math.round(x[0] * 255), Math.round(x[4] * 255)]);
      tf.dispose([batch.x, batch.y]);
    }
    const last = dls.valid.batchAt(1);
    expect(Array.from(last.indices)).toEqual([2]);
    tf.dispose([last.x, last.y]);
  });

  it('shuffles reproducibly: same seed same order, a new order every epoch, every item once', async () => {
    const make = (seed: number) => DataLoaders.fromArrays({train: tinySplit(12), valid: tinySplit(2, 200), itemShape: [2, 2, 1]}, {batchSize: 4, seed});
    const a = make(7);
    const b = make(7);
    const a1 = (await collect(a.train)).ids.flat();
    const a2 = (await collect(a.train)).ids.flat();
    expect((await collect(b.train)).ids.flat()).toEqual(a1);
    expect((await collect(b.train)).ids.flat()).toEqual(a2);
    expect(a2).not.toEqual(a1);
    expect([...a1].sort((p, q) => p - q)).toEqual(Array.from({length: 12}, (_, i) => i));
    expect((await collect(make(8).train)).ids.flat()).not.toEqual(a1);
    expect(a.seed).toBe(7);
    expect(Number.isInteger(DataLoaders.fromArrays({train: tinySplit(4), valid: tinySplit(2, 200), itemShape: [4]}, {batchSize: 2}).seed)).toBe(true);
  });

  it('keeps the tensor count flat across epochs, including an epoch abandoned after one batch', async () => {
    const dls = DataLoaders.fromArrays(
      {train: tinySplit(20), valid: tinySplit(6, 200), itemShape: [2, 2, 1]},
      {batchSize: 4, seed: 2, normalize: 'data', augment: [randomFlip()]},
    );
    const before = tf.memory().numTensors;
    for (let epoch = 0; epoch < 3; epoch++) {
      await collect(dls.train);
      await collect(dls.valid);
      expect(tf.memory().numTensors).toBe(before);
    }
    for await (const batch of dls.train) {
      tf.dispose([batch.x, batch.y]);
      break; // the prefetched next batch must be disposed by the loader
    }
    expect(tf.memory().numTensors).toBe(before);
    dls.dispose();
    expect(tf.memory().numTensors).toBe(before - 2);
  });

  it('prepares the next batch in the background while the current one is in use', async () => {
    const dls = DataLoaders.fromArrays({train: tinySplit(12), valid: tinySplit(2, 200), itemShape: [2, 2, 1]}, {batchSize: 4, seed: 2});
    const iterator = dls.train[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as Batch;
    const afterFirst = tf.memory().numTensors;
    await new Promise((resolve) => setTimeout(resolve, 5)); // the consumer awaits something (e.g. the GPU)
    expect(tf.memory().numTensors).toBe(afterFirst + 2); // batch 2's x and y now exist
    const second = (await iterator.next()).value as Batch;
    expect(tf.memory().numTensors).toBe(afterFirst + 2); // handed over; batch 3 is scheduled...
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(tf.memory().numTensors).toBe(afterFirst + 4); // ...and prepared while we wait
    tf.dispose([first.x, first.y, second.x, second.y]);
    await iterator.return?.();
    expect(tf.memory().numTensors).toBe(afterFirst - 2);

    const eager = DataLoaders.fromArrays({train: tinySplit(12), valid: tinySplit(2, 200), itemShape: [2, 2, 1]}, {batchSize: 4, seed: 2, prefetch: false});
    const it2 = eager.train[Symbol.asyncIterator]();
    const only = (await it2.next()).value as Batch;
    const count = tf.memory().numTensors;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(tf.memory().numTensors).toBe(count);
    tf.dispose([only.x, only.y]);
    await it2.return?.();
  });

  it('batches survive the consumer ending its own engine scope (prefetch happens inside it)', async () => {
    const dls = DataLoaders.fromArrays({train: tinySplit(8), valid: tinySplit(2, 200), itemShape: [4]}, {batchSize: 4, seed: 1});
    const iterator = dls.train[Symbol.asyncIterator]();
    tf.engine().startScope();
    const first = (await iterator.next()).value as Batch;
    await new Promise((resolve) => setTimeout(resolve, 5)); // batch 2 is built while the scope is open
    tf.engine().endScope();
    expect(first.x.isDisposed).toBe(false);
    const second = (await iterator.next()).value as Batch;
    expect(second.x.isDisposed).toBe(false);
    expect((await second.x.data()).length).toBe(16);
    tf.dispose([first.x, first.y, second.x, second.y]);
    await iterator.return?.();
  });

  it('normalises from given statistics, from the training data, and preprocess() matches the batches', async () => {
    const {x, y} = tinySplit(6);
    const given = DataLoaders.fromArrays({train: {x, y}, valid: {x, y}, itemShape: [2, 2, 1]}, {batchSize: 6, normalize: {mean: 0.5, std: 0.25}, checkLeakage: false});
    const batch = given.valid.batchAt(0);
    const values = await batch.x.data();
    expect(values[4]).toBeCloseTo((1 / 255 - 0.5) / 0.25, 5);
    const raw = tf.tensor(x, [6, 2, 2, 1], 'int32');
    const pre = given.preprocess(raw);
    expect(Array.from(await pre.data())).toEqual(Array.from(values));
    const back = await given.denormalize(batch.x).data();
    expect(back[4]).toBeCloseTo(1 / 255, 6);
    expect(() => given.preprocess(tf.zeros([2, 4]))).toThrow(/expected inputs \[B, 2, 2, 1\], got \[2, 4\]/);

    const fromData = DataLoaders.fromArrays({train: {x, y}, valid: {x, y}, itemShape: [2, 2, 1]}, {batchSize: 6, normalize: 'data', checkLeakage: false});
    const normalized = Array.from(await fromData.valid.batchAt(0).x.data());
    const mean = normalized.reduce((a, v) => a + v, 0) / normalized.length;
    const variance = normalized.reduce((a, v) => a + (v - mean) ** 2, 0) / normalized.length;
    expect(mean).toBeCloseTo(0, 5);
    expect(variance).toBeCloseTo(1, 4);
    expect(fromData.stats!.mean[0]).toBeCloseTo(2.5 / 255, 6);
    tf.dispose([batch.x, batch.y, raw, pre]);
  });

  it('ImageNet statistics normalise RGB per channel and refuse other channel counts', async () => {
    const x = new Uint8Array(2 * 3).fill(255);
    const dls = DataLoaders.fromArrays({train: {x, y: new Uint8Array(2)}, valid: {x, y: new Uint8Array(2)}, itemShape: [1, 1, 3]}, {batchSize: 2, normalize: 'imagenet', checkLeakage: false});
    const values = await dls.valid.batchAt(0).x.data();
    const expected = [(1 - 0.485) / 0.229, (1 - 0.456) / 0.224, (1 - 0.406) / 0.225];
    expected.forEach((v, c) => expect(values[c]).toBeCloseTo(v, 5));
    expect(() => DataLoaders.fromArrays({train: tinySplit(2), valid: tinySplit(2, 200), itemShape: [2, 2, 1]}, {normalize: 'imagenet', batchSize: 1})).toThrow(
      /normalize: 3 std values for 1-channel items \(ImageNet statistics are for RGB images\)/,
    );
  });

  it('checks shapes and sizes with clear errors', () => {
    const bad = {x: new Uint8Array(10), y: new Uint8Array(2)};
    expect(() => DataLoaders.fromArrays({train: bad, valid: bad, itemShape: [4]})).toThrow(/train: x has 10 values, not a whole number of items of shape \[4\]/);
    const mismatch = {x: new Uint8Array(8), y: new Uint8Array(3)};
    expect(() => DataLoaders.fromArrays({train: mismatch, valid: mismatch, itemShape: [4]})).toThrow(/x holds 2 items but y has 3 values/);
    expect(() => DataLoaders.fromArrays({train: tinySplit(3), valid: tinySplit(2, 200), itemShape: [4]}, {batchSize: 4})).toThrow(
      /the training split has 3 items, fewer than one batch of 4/,
    );
    expect(() => DataLoaders.fromArrays({train: tinySplit(4), valid: tinySplit(2, 200), itemShape: [4]}, {batchSize: 0})).toThrow(/batchSize must be a positive integer/);
    const vectors = {x: new Uint8Array(12), y: new Uint8Array(4)};
    expect(() => DataLoaders.fromArrays({train: vectors, valid: vectors, itemShape: [3]}, {batchSize: 2, augment: [randomFlip()], checkLeakage: false})).toThrow(
      /augmentation needs image items .* these items are \[3\]/,
    );
  });

  it('previews items as stored, with class names and square images for flat vectors', () => {
    const dls = DataLoaders.fromArrays({train: tinySplit(4), valid: tinySplit(4, 9), itemShape: [4], classes: ['a', 'b', 'c']}, {batchSize: 2});
    const p = dls.valid.preview(1);
    expect(p.label).toBe('b'); // item value 10, label 10 % 3 = 1
    expect(p.image).toEqual({width: 2, height: 2, channels: 1, data: new Uint8Array([10, 10, 10, 10])});
    expect(() => dls.valid.preview(4)).toThrow(/out of range \[0, 4\)/);
  });
});

describe('DataLoaders from MNIST and from tensors', () => {
  it("fromMnist: Nielsen's split gives 50,000 / 10,000 / 10,000 items in image batches on the active backend", async () => {
    const mnist = await loadMnist({split: 'nielsen', layout: 'image'});
    const dls = DataLoaders.fromMnist(mnist, {batchSize: 10, seed: 4, checkLeakage: false});
    expect([dls.train.size, dls.valid.size, dls.test?.size]).toEqual([50_000, 10_000, 10_000]);
    expect([dls.train.length, dls.valid.length]).toEqual([5000, 1000]);
    expect(dls.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const batch = dls.valid.batchAt(0);
    expect(batch.x.shape).toEqual([10, 28, 28, 1]);
    expect(Array.from(await batch.y.data())).toEqual(Array.from(mnist.valid.labels.subarray(0, 10)));
    const pixels = await batch.x.data();
    expect(pixels[0]).toBe(0);
    expect(Math.max(...pixels)).toBeCloseTo(1, 6);
    expect(dls.valid.preview(0).label).toBe(String(mnist.valid.labels[0]));
    tf.dispose([batch.x, batch.y]);

    // Without Nielsen's split, the test set validates. Float pixels are not scaled again.
    const official = DataLoaders.fromMnist(await loadMnist({subset: 100, float: true}), {batchSize: 10, checkLeakage: false});
    expect([official.valid.size, official.test]).toEqual([100, undefined]);
    const b = official.train.batchAt(0);
    expect(Math.max(...(await b.x.data()))).toBeLessThanOrEqual(1);
    expect(Math.max(...(await b.x.data()))).toBeGreaterThan(0.9);
    tf.dispose([b.x, b.y]);
  });

  it('builds batches on whichever backend is active (wasm here), with the same values as on cpu', async () => {
    const dls = DataLoaders.fromArrays({train: tinySplit(8), valid: tinySplit(4, 50), itemShape: [2, 2, 1]}, {batchSize: 4, seed: 9, normalize: 'data'});
    const onCpu = dls.valid.batchAt(0);
    const cpuValues = await onCpu.x.data();
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
    try {
      const onWasm = dls.valid.batchAt(0);
      expect(tf.engine().backendName).toBe('wasm');
      expect(Array.from(await onWasm.x.data())).toEqual(Array.from(cpuValues));
      tf.dispose([onWasm.x, onWasm.y]);
    } finally {
      await tf.setBackend('cpu');
    }
    tf.dispose([onCpu.x, onCpu.y]);
  });

  it('fromTensors reads the tensors once and infers shapes and class targets', async () => {
    const x = tf.tensor4d(Float32Array.from({length: 6 * 4}, (_, i) => i), [6, 2, 2, 1]);
    const y = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const vx = tf.tensor4d(Float32Array.from({length: 2 * 4}, (_, i) => 100 + i), [2, 2, 2, 1]);
    const vy = tf.tensor1d([1, 1], 'int32');
    const dls = await DataLoaders.fromTensors({train: {x, y}, valid: {x: vx, y: vy}}, {batchSize: 3, seed: 1});
    expect(dls.itemShape).toEqual([2, 2, 1]);
    expect(dls.target).toBe('class');
    const batch = dls.valid.batchAt(0);
    expect(Array.from(await batch.x.data())).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 104, 105, 106, 107]);
    expect(batch.count).toBe(2);
    tf.dispose([x, y, vx, vy, batch.x, batch.y]);
    await expect(DataLoaders.fromTensors({train: {x: tf.zeros([3, 2]), y: tf.zeros([2])}, valid: {x: tf.zeros([1, 2]), y: tf.zeros([1])}})).rejects.toThrow(
      /train x has 3 items, y has 2/,
    );
  });

  it('regression and multi-label targets are float32 [B, K]', async () => {
    const x = new Float32Array(4 * 2);
    const y = Float32Array.from([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]);
    const dls = DataLoaders.fromArrays({train: {x, y}, valid: {x: x.map((_, i) => i), y}, itemShape: [2], yShape: [2]}, {batchSize: 2, checkLeakage: false});
    expect(dls.target).toBe('regression');
    const batch = dls.valid.batchAt(1);
    expect(batch.y.dtype).toBe('float32');
    expect(batch.y.shape).toEqual([2, 2]);
    expect(Array.from(await batch.y.data())).toEqual([4.5, 5.5, 6.5, 7.5]);
    expect(dls.valid.preview(0).label).toBe('0.5000, 1.500');
    tf.dispose([batch.x, batch.y]);
  });
});

describe('the leakage guard in DataLoaders', () => {
  it('reports items with identical content in train and valid, as data and as a console warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const train = tinySplit(6);
    const valid = tinySplit(3, 4); // items 4 and 5 are also in train
    const dls = DataLoaders.fromArrays({train, valid, itemShape: [2, 2, 1]}, {batchSize: 2});
    expect(dls.leakage?.sameContent).toBe(2);
    expect(dls.leakage?.duplicates.map((d) => d.positions)).toEqual([[4, 0], [5, 1]]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Data leakage: 2 items appear in two splits/));
    warn.mockClear();
    const clean = DataLoaders.fromArrays({train, valid: tinySplit(3, 50), itemShape: [2, 2, 1]}, {batchSize: 2});
    expect(clean.leakage).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('DataLoaders.augment (test-time augmentation)', () => {
  it('is absent without augmentation, and otherwise a pure function of the batch and the seed', async () => {
    const plain = DataLoaders.fromArrays({train: tinySplit(4), valid: tinySplit(4, 50), itemShape: [2, 2, 1]}, {batchSize: 2});
    expect(plain.augment).toBeUndefined();
    const x = Uint8Array.from({length: 4 * 4}, (_, i) => i * 10);
    const dls = DataLoaders.fromArrays(
      {train: {x, y: new Uint8Array(4)}, valid: {x, y: new Uint8Array(4)}, itemShape: [2, 2, 1]},
      {batchSize: 4, normalize: {mean: 0.3, std: 0.2}, augment: [randomFlip({p: 1})], checkLeakage: false},
    );
    const batch = dls.valid.batchAt(0);
    const before = Array.from(await batch.x.data());
    const a = dls.augment!(batch, 3);
    const b = dls.augment!(batch, 3);
    expect(Array.from(await batch.x.data())).toEqual(before); // input untouched
    expect(a.x).not.toBe(batch.x);
    expect(Array.from(await a.x.data())).toEqual(Array.from(await b.x.data()));
    // A horizontal flip of each 2×2 image, still normalised the same way.
    const flipped = before.map((_, i) => before[i ^ 1]);
    (await a.x.data()).forEach((v, i) => expect(v).toBeCloseTo(flipped[i], 5));
    expect(Array.from(a.indices)).toEqual(Array.from(batch.indices));
    tf.dispose([batch.x, batch.y, a.x, a.y, b.x, b.y]);
  });
});
