/**
 * Normalisation statistics. They are expressed on the scaled values (after `scale`, e.g. pixels in [0, 1]), per
 * channel (the last axis of [H, W, C] items; vectors have one channel), as fastai does.
 */
import type {CheckedDataset} from './dataset';

/** Per-channel mean and standard deviation, in scaled units. */
export interface NormalizationStats {
  mean: number[];
  std: number[];
}

/** ImageNet's RGB statistics on [0, 1] pixels, for models pretrained on ImageNet. */
export const IMAGENET_STATS: Readonly<NormalizationStats> = {
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
};

/**
 * How to normalise inputs: `'data'` computes the statistics from the training split, `'imagenet'` uses
 * {@link IMAGENET_STATS}, or give `{mean, std}` (one number for all channels, or one per channel).
 */
export type NormalizeSpec = 'data' | 'imagenet' | {mean: number | number[]; std: number | number[]};

/** Channels that normalisation statistics apply to: the last axis of image items, 1 for anything else. */
export function channelCount(itemShape: readonly number[]): number {
  return itemShape.length === 3 ? itemShape[2] : 1;
}

/** Resolves a spec into per-channel statistics for `train` (rows of the training split), checking the channel count. */
export function resolveNormalization(
  spec: NormalizeSpec,
  train: CheckedDataset,
  rows: Int32Array,
  scale: number,
): NormalizationStats {
  const channels = channelCount(train.itemShape);
  if (spec === 'data') return statsFromData(train, rows, scale, channels);
  const given = spec === 'imagenet' ? IMAGENET_STATS : spec;
  const expand = (v: number | readonly number[], what: string): number[] => {
    const list = typeof v === 'number' ? new Array<number>(channels).fill(v) : [...v];
    if (list.length !== channels) {
      const hint = spec === 'imagenet' ? ' (ImageNet statistics are for RGB images)' : '';
      throw new Error(`normalize: ${list.length} ${what} values for ${channels}-channel items${hint}`);
    }
    return list;
  };
  const std = expand(given.std, 'std');
  if (std.some((s) => !(s > 0))) throw new Error(`normalize: std must be positive, got [${std.join(', ')}]`);
  return {mean: expand(given.mean, 'mean'), std};
}

/** Mean and std per channel over at most `maxItems` evenly spaced training items (all of MNIST's 50k is ~50 ms). */
export function statsFromData(
  data: CheckedDataset,
  rows: Int32Array,
  scale: number,
  channels: number,
  maxItems = 10_000,
): NormalizationStats {
  const step = Math.max(1, rows.length / maxItems);
  const sum = new Float64Array(channels);
  const sumSq = new Float64Array(channels);
  let n = 0;
  for (let k = 0; k < rows.length; k += step) {
    const row = rows[Math.floor(k)];
    const item = data.x.subarray(row * data.itemSize, (row + 1) * data.itemSize);
    for (let i = 0; i < item.length; i++) {
      const v = item[i] * scale;
      const c = i % channels;
      sum[c] += v;
      sumSq[c] += v * v;
    }
    n += data.itemSize / channels;
  }
  if (n === 0) throw new Error("normalize: 'data' needs at least one training item");
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sumSq, (s, c) => Math.sqrt(Math.max(s / n - mean[c] * mean[c], 0)));
  // A constant channel would divide by zero: leave it unscaled instead.
  return {mean, std: std.map((s) => (s > 1e-12 ? s : 1))};
}
