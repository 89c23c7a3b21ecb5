import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import {describe, expect, it} from 'vitest';
import {
  DataLoaders,
  augmentBatch,
  elasticDistortion,
  gaussianNoise,
  randomBrightness,
  randomContrast,
  randomFlip,
  randomResizedCrop,
  randomRotate90,
  randomRotation,
  randomShift,
  randomZoom,
  type Augmentation,
  type FillMode,
  type SamplerChoice,
} from '../../../src/lib';

const H = 12;
const W = 12;

/** Item b: a blocky two-class mask (a rectangle whose place depends on b) and an image equal to it. */
function blockyBatch(batch: number): {mask: tf.Tensor3D; x: tf.Tensor4D; values: Int32Array} {
  const values = new Int32Array(batch * H * W);
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) values[(b * H + y) * W + x] = x >= 1 + b && x < 7 + b && y >= 2 && y < 6 + (b % 3) ? 1 : 0;
    }
  }
  const mask = tf.tensor3d(values, [batch, H, W], 'int32');
  return {mask, x: mask.toFloat().expandDims(-1) as tf.Tensor4D, values};
}

async function withBackend<T>(backend: string, work: () => Promise<T>): Promise<T> {
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  try {
    return await work();
  } finally {
    await tf.setBackend(previous);
  }
}

const GEOMETRIC: [string, Augmentation[]][] = [
  ['flips', [randomFlip({p: 1, vertical: true})]],
  ['90° rotations', [randomRotate90()]],
  ['free rotation', [randomRotation({maxDegrees: 40, p: 1})]],
  ['shift', [randomShift({maxFraction: 0.3, p: 1})]],
  ['zoom', [randomZoom({min: 0.7, max: 1.5, p: 1})]],
  ['random resized crop', [randomResizedCrop({minScale: 0.3})]],
  ['elastic distortion', [elasticDistortion({alpha: 8, sigma: 2})]],
  ['all together', [randomFlip(), randomRotate90(), randomRotation({p: 1}), randomZoom({p: 1}), randomShift({p: 1}), elasticDistortion({alpha: 4, sigma: 2})]],
];

describe('geometric augmentation moves masks with their images', () => {
  for (const [name, augmentations] of GEOMETRIC) {
    for (const [backend, sampler] of [['cpu', 'auto'], ['wasm', 'auto']] as [string, SamplerChoice][]) {
      it(`${name} (${backend})`, () =>
        withBackend(backend, async () => {
          const {mask, x} = blockyBatch(6);
          const out = augmentBatch({x, mask}, augmentations, 11, {fillMode: 'constant', sampler});
          const image = await out.x.data();
          const codes = await out.mask!.data();
          expect(out.mask!.dtype).toBe('int32');
          expect(out.mask!.shape).toEqual([6, H, W]);
          // Where the bilinear image is clearly 0 or 1 every neighbour had that code, so the nearest-neighbour mask
          // must agree; a mask resampled with other coordinates would not.
          let decided = 0;
          let moved = 0;
          const original = await mask.data();
          for (let i = 0; i < codes.length; i++) {
            if (image[i] < 1e-4 || image[i] > 1 - 1e-4) {
              decided++;
              expect(codes[i], `pixel ${i}`).toBe(image[i] > 0.5 ? 1 : 0);
            }
            if (codes[i] !== original[i]) moved++;
          }
          expect(decided).toBeGreaterThan(codes.length * 0.7);
          expect(moved).toBeGreaterThan(0);
          tf.dispose([mask, x, out.x, out.mask!]);
        }));
    }
  }
});

describe('augmentation is deterministic under a seed and the same on every backend', () => {
  const augmentations = [randomFlip(), randomRotation({p: 1}), randomZoom({p: 1}), randomBrightness({p: 1}), randomContrast({p: 1}), gaussianNoise({std: 0.01})];

  it('same seed, same batch; another seed, another batch', async () => {
    const {x, mask} = blockyBatch(4);
    const a = augmentBatch({x, mask}, augmentations, 5);
    const b = augmentBatch({x, mask}, augmentations, 5);
    const c = augmentBatch({x, mask}, augmentations, 6);
    expect(Array.from(await a.x.data())).toEqual(Array.from(await b.x.data()));
    expect(Array.from(await a.mask!.data())).toEqual(Array.from(await b.mask!.data()));
    expect(Array.from(await a.x.data())).not.toEqual(Array.from(await c.x.data()));
    tf.dispose([x, mask, a.x, a.mask!, b.x, b.mask!, c.x, c.mask!]);
  });

  it("the gather sampler matches tfjs' Transform kernel: wasm's for edge and constant fills, cpu's for reflect", async () => {
    const pixels = Float32Array.from({length: 3 * H * W * 2}, (_, i) => Math.sin(i * 0.37) + (i % 7));
    const augmentations = [randomRotation({maxDegrees: 60, p: 1}), randomZoom({min: 0.6, max: 1.4, p: 1}), randomShift({p: 1})];
    const run = (backend: string, sampler: SamplerChoice, fillMode: FillMode, batch: number) =>
      withBackend(backend, async () => {
        const x = tf.tensor4d(pixels.subarray(0, batch * H * W * 2), [batch, H, W, 2]);
        const {mask: fullMask} = blockyBatch(3);
        const mask = fullMask.slice(0, batch);
        const out = augmentBatch({x, mask}, augmentations, 3, {fillMode, sampler});
        const result = {x: Array.from(await out.x.data()), mask: Array.from(await out.mask!.data())};
        tf.dispose([x, mask, fullMask, out.x, out.mask!]);
        return result;
      });
    const compare = (a: {x: number[]; mask: number[]}, b: {x: number[]; mask: number[]}, what: string) => {
      a.x.forEach((v, i) => expect(v, `${what} x[${i}]`).toBeCloseTo(b.x[i], 4));
      // A coordinate within float error of .5 may round either way between implementations.
      expect(a.mask.filter((v, i) => v !== b.mask[i]).length, `${what} mask`).toBeLessThanOrEqual(2);
    };
    for (const fillMode of ['nearest', 'constant'] as const) {
      compare(await run('cpu', 'gather', fillMode, 3), await run('wasm', 'kernel', fillMode, 3), `wasm ${fillMode}`);
    }
    // The cpu kernel is right for the first item of a batch (see below), so compare batches of one.
    for (const fillMode of ['reflect', 'nearest', 'constant'] as const) {
      compare(await run('cpu', 'gather', fillMode, 1), await run('cpu', 'kernel', fillMode, 1), `cpu ${fillMode}`);
    }
  });

  it('the cpu backend falls back to the gather sampler because its Transform kernel only fills the first item', async () => {
    const {x} = blockyBatch(3);
    const broken = tf.image.transform(x, tf.tensor2d([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], [3, 8]));
    expect((await broken.data()).subarray(H * W).every((v) => v === 0)).toBe(true); // tfjs 4.22's cpu kernel
    broken.dispose();
    const out = augmentBatch({x}, [randomShift({maxFraction: 0.01, p: 1})], 1, {sampler: 'auto'});
    const values = await out.x.data();
    for (let b = 0; b < 3; b++) expect(values.subarray(b * H * W, (b + 1) * H * W).some((v) => v > 0.5)).toBe(true);
    tf.dispose([x, out.x]);
  });
});

describe('each augmentation does what it says', () => {
  const ramp = (batch: number) => tf.tensor4d(Float32Array.from({length: batch * H * W}, (_, i) => i % W), [batch, H, W, 1]);
  const rows = async (t: tf.Tensor) => {
    const v = await t.data();
    return Array.from({length: t.shape[0]}, (_, b) => Array.from({length: H}, (_, y) => Array.from(v.subarray((b * H + y) * W, (b * H + y + 1) * W))));
  };

  it('flip mirrors left-right exactly; 90° rotations are exact and all four occur', async () => {
    const {x} = blockyBatch(8);
    const input = await rows(x);
    const flipped = await rows(augmentBatch({x}, [randomFlip({p: 1})], 1).x);
    flipped.forEach((img, b) => img.forEach((line, y) => expect(line).toEqual([...input[b][y]].reverse())));
    const rotated = await rows(augmentBatch({x}, [randomRotate90()], 2).x);
    const turns = new Set<number>();
    rotated.forEach((img, b) => {
      const src = input[b];
      const candidates = [
        (y: number, c: number) => src[y][c],
        (y: number, c: number) => src[c][W - 1 - y],
        (y: number, c: number) => src[H - 1 - y][W - 1 - c],
        (y: number, c: number) => src[H - 1 - c][y],
      ];
      const k = candidates.findIndex((f) => img.every((line, y) => line.every((v, c) => v === f(y, c))));
      expect(k, `item ${b} is an exact quarter turn`).toBeGreaterThanOrEqual(0);
      turns.add(k);
    });
    expect(turns.size).toBeGreaterThanOrEqual(3);
    expect(() => augmentBatch({x: tf.zeros([1, 4, 6, 1]) as tf.Tensor4D}, [randomRotate90()], 1)).toThrow(/randomRotate90 needs square images; these are 4×6/);
  });

  it('zoom, shift and random resized crop resample a ramp linearly with the expected slope', async () => {
    const check = async (augmentations: Augmentation[], slopeRange: [number, number]) => {
      const out = await rows(augmentBatch({x: ramp(4)}, augmentations, 9, {fillMode: 'nearest'}).x);
      for (const img of out) {
        const line = img[H / 2].slice(3, 9); // interior: no fill involved for these ranges
        const slope = line[1] - line[0];
        expect(slope).toBeGreaterThanOrEqual(slopeRange[0] - 1e-5);
        expect(slope).toBeLessThanOrEqual(slopeRange[1] + 1e-5);
        line.forEach((v, i) => expect(v).toBeCloseTo(line[0] + i * slope, 4));
      }
    };
    await check([randomZoom({min: 1.2, max: 2, p: 1})], [1 / 2, 1 / 1.2]);
    await check([randomShift({maxFraction: 0.1, p: 1})], [1, 1]);
    await check([randomResizedCrop({minScale: 0.5, ratio: [1, 1]})], [Math.sqrt(0.5), 1]);
    // minScale 1 with a square ratio is the identity.
    const same = augmentBatch({x: ramp(2)}, [randomResizedCrop({minScale: 1, ratio: [1, 1]})], 3);
    (await same.x.data()).forEach((v, i) => expect(v).toBeCloseTo(i % W, 4));
  });

  it('brightness shifts and contrast scales each image about its mean, leaving masks alone', async () => {
    const {x, mask} = blockyBatch(5);
    const bright = augmentBatch({x, mask}, [randomBrightness({max: 0.3, p: 1})], 4);
    const diff = await bright.x.sub(x).data();
    for (let b = 0; b < 5; b++) {
      const d = diff.subarray(b * H * W, (b + 1) * H * W);
      expect(Math.abs(d[0])).toBeLessThanOrEqual(0.3);
      d.forEach((v) => expect(v).toBeCloseTo(d[0], 5));
    }
    expect(Array.from(await bright.mask!.data())).toEqual(Array.from(await mask.data()));
    const contrast = augmentBatch({x}, [randomContrast({max: 2, p: 1})], 4);
    const before = (await x.data()) as Float32Array;
    const after = (await contrast.x.data()) as Float32Array;
    for (let b = 0; b < 5; b++) {
      const i0 = before.subarray(b * H * W, (b + 1) * H * W);
      const o = after.subarray(b * H * W, (b + 1) * H * W);
      const mean = i0.reduce((s, v) => s + v, 0) / i0.length;
      expect(o.reduce((s, v) => s + v, 0) / o.length).toBeCloseTo(mean, 4);
      const factor = (o[0] - mean) / (i0[0] - mean);
      expect(factor).toBeGreaterThanOrEqual(0.5 - 1e-5);
      expect(factor).toBeLessThanOrEqual(2 + 1e-5);
    }
  });

  it('Gaussian noise has the requested standard deviation', async () => {
    const zeros = tf.zeros([4, 16, 16, 3]) as tf.Tensor4D;
    const noisy = Array.from(await augmentBatch({x: zeros}, [gaussianNoise({std: 0.005})], 8).x.data());
    const mean = noisy.reduce((a, v) => a + v, 0) / noisy.length;
    const std = Math.sqrt(noisy.reduce((a, v) => a + (v - mean) ** 2, 0) / noisy.length);
    expect(Math.abs(mean)).toBeLessThan(0.0005);
    expect(std).toBeGreaterThan(0.0047);
    expect(std).toBeLessThan(0.0053);
  });

  it('elastic distortion displaces smoothly and by about alpha × the smoothed noise', async () => {
    const x = ramp(2);
    const small = await augmentBatch({x}, [elasticDistortion({alpha: 0.5, sigma: 2})], 1, {fillMode: 'nearest'}).x.data();
    const input = await x.data();
    const maxDiff = Math.max(...small.map((v, i) => Math.abs(v - input[i])));
    expect(maxDiff).toBeGreaterThan(0);
    expect(maxDiff).toBeLessThan(0.5); // a ramp of slope 1 moves by at most the displacement
  });

  it('validates its parameters', () => {
    expect(() => randomFlip({p: 2})).toThrow(/randomFlip: p must be in \[0, 1\]/);
    expect(() => randomZoom({min: 2, max: 1})).toThrow(/max \(1\) is smaller than min \(2\)/);
    expect(() => randomResizedCrop({minScale: 0})).toThrow(/minScale must be a positive number/);
    expect(() => gaussianNoise({std: -1})).toThrow(/std must be a positive number/);
    expect(() => augmentBatch({x: tf.zeros([1, 4, 4, 1]) as tf.Tensor4D}, [gaussianNoise(), gaussianNoise()], 1)).toThrow(/listed twice/);
  });
});

describe('augmentation in DataLoaders: training split only, noise after normalisation', () => {
  it('augments training batches and leaves validation batches alone', async () => {
    const n = 8;
    const x = Uint8Array.from({length: n * 16}, (_, i) => (i * 37) % 256);
    const y = new Uint8Array(n);
    const dls = DataLoaders.fromArrays(
      {train: {x, y}, valid: {x, y}, itemShape: [4, 4, 1]},
      {batchSize: n, shuffle: false, seed: 1, normalize: {mean: 0.5, std: 0.5}, augment: [randomFlip({p: 1}), gaussianNoise({std: 0.005})], checkLeakage: false},
    );
    const train = dls.train.batchAt(0);
    const valid = dls.valid.batchAt(0);
    const clean = await valid.x.data();
    const aug = await train.x.data();
    clean.forEach((v, i) => expect(v).toBeCloseTo(((x[i] / 255) - 0.5) / 0.5, 5));
    // Flipped, normalised, then noise of std 0.005 in normalised units.
    const flippedIndex = (i: number) => Math.floor(i / 4) * 4 + (3 - (i % 4));
    const noise = Array.from(aug, (v, i) => v - clean[flippedIndex(i)]);
    const std = Math.sqrt(noise.reduce((a, v) => a + v * v, 0) / noise.length);
    expect(std).toBeGreaterThan(0.003);
    expect(std).toBeLessThan(0.007);
    tf.dispose([train.x, train.y, valid.x, valid.y]);
  });
});
