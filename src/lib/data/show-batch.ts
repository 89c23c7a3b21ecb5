/**
 * `showBatch`: a few items of a batch as plain data (pixels and labels) for the plotting module to draw. Training
 * batches are shown as the model sees them (shuffled, augmented), but in stored units (normalisation undone).
 */
import * as tf from '@tensorflow/tfjs';
import {ArrayDataLoader} from './loader/data-loader';
import {describeTargetValues, imageGeometry} from './loader/dataset';
import type {Batch, DataLoader, DataLoaders, ItemPreview} from './types';

/** One item to draw. */
export interface ShowBatchItem {
  label: string;
  /** Pixels row-major, channels last, in stored units (0–255 for byte images). */
  image?: {width: number; height: number; channels: number; data: Float32Array | Uint8Array};
  /** The segmentation mask, moved with the image, for segmentation data. */
  mask?: {width: number; height: number; data: Int32Array};
  source?: string;
}

/** What {@link showBatch} returns. */
export interface ShowBatchData {
  items: ShowBatchItem[];
  classes?: string[];
}

/** Options of {@link showBatch}. */
export interface ShowBatchDataOptions {
  /** How many items (default 9, at most one batch). */
  n?: number;
  /** Which split of a DataLoaders (default 'train'). */
  split?: 'train' | 'valid' | 'test';
}

/**
 * The first `n` items of a batch, for display. For Deep Sky's loaders this is the first batch of the next epoch (it
 * does not advance training); for other loaders, the stored items of their first batch.
 *
 * ```ts
 * const grid = await showBatch(dls, {n: 16});   // {items: [{image: {width, height, channels, data}, label}, ...]}
 * ```
 */
export async function showBatch(source: DataLoaders | DataLoader, options: ShowBatchDataOptions = {}): Promise<ShowBatchData> {
  const n = options.n ?? 9;
  if (!(Number.isInteger(n) && n > 0)) throw new Error(`showBatch: n must be a positive integer, got ${n}`);
  const split = options.split ?? 'train';
  const loader = 'train' in source ? source[split] : source;
  if (!loader) throw new Error(`showBatch: these DataLoaders have no ${split} split`);
  const classes = 'train' in source ? source.classes : undefined;
  if (loader instanceof ArrayDataLoader) return {items: await renderBatch(loader, n), ...(classes ? {classes} : {})};
  const previews = await firstBatchPreviews(loader, n);
  return {items: previews.map(toItem), ...(classes ? {classes} : {})};
}

async function renderBatch(loader: ArrayDataLoader, n: number): Promise<ShowBatchItem[]> {
  if (loader.length === 0) return [];
  const batch = loader.batchAt(0, loader.epoch);
  try {
    const {dataset, pipeline} = loader.config;
    const count = Math.min(n, batch.count);
    const geometry = imageGeometry(dataset.itemShape);
    const stored = tf.tidy(() => pipeline.denormalize(batch.x.slice(0, count)).div(pipeline.config.scale));
    // All of y is read (rows past `count` are ignored below): a slice here would be a tensor nobody disposes.
    const [pixels, targets] = await Promise.all([stored.data(), batch.y.data()]).finally(() => stored.dispose());
    const bytes = dataset.x instanceof Uint8Array || dataset.x instanceof Uint8ClampedArray;
    const size = dataset.itemSize;
    return Array.from({length: count}, (_, b) => {
      const row = dataset.ySize;
      const target = targets.subarray(b * row, (b + 1) * row);
      const item: ShowBatchItem = {label: describeTargetValues(target, dataset.target, dataset.classes)};
      if (geometry) {
        const values = (pixels as Float32Array).subarray(b * size, (b + 1) * size);
        const data = bytes ? Uint8Array.from(values, (v) => Math.min(255, Math.max(0, Math.round(v)))) : values.slice();
        item.image = {height: geometry[0], width: geometry[1], channels: geometry[2], data};
      }
      if (dataset.target === 'mask') item.mask = {height: dataset.yShape[0], width: dataset.yShape[1], data: Int32Array.from(target)};
      const source = dataset.sources?.[loader.config.rows[batch.indices[b]]];
      if (source !== undefined) item.source = source;
      return item;
    });
  } finally {
    tf.dispose([batch.x, batch.y]);
  }
}

async function firstBatchPreviews(loader: DataLoader, n: number): Promise<ItemPreview[]> {
  const iterator = loader[Symbol.asyncIterator]();
  const first = await iterator.next();
  await iterator.return?.();
  if (first.done) return [];
  const batch: Batch = first.value;
  tf.dispose([batch.x, batch.y]);
  return Array.from(batch.indices.subarray(0, n), (i) => loader.preview(i));
}

function toItem(preview: ItemPreview): ShowBatchItem {
  const item: ShowBatchItem = {label: preview.label};
  if (preview.image) item.image = preview.image;
  if (preview.source !== undefined) item.source = preview.source;
  return item;
}
