/**
 * A DataLoader over items in host memory. Each batch is gathered on the CPU into one typed array per tensor (a copy of
 * a few hundred kB), uploaded as a fixed-shape tensor (the WebGPU buffer pool keeps one buffer per shape), and then
 * scaled, augmented and normalised on the device. While the consumer trains on batch i, batch i+1 is prepared.
 */
import * as tf from '@tensorflow/tfjs';
import type {Batch, DataLoader, ItemPreview} from '../types';
import {createRng, deriveSeed, permutation} from '../random';
import {describeTarget, imageGeometry, type CheckedDataset} from './dataset';
import type {Pipeline} from './pipeline';
import {later} from './schedule';

/** Settings of one {@link ArrayDataLoader}. */
export interface ArrayDataLoaderConfig {
  dataset: CheckedDataset;
  /** Dataset row of each loader position: the loader's item i is `dataset` row `rows[i]`. */
  rows: Int32Array;
  batchSize: number;
  /** Shuffle, drop the last partial batch and augment. */
  training: boolean;
  /** Overrides of the training defaults. */
  shuffle?: boolean;
  dropLast?: boolean;
  seed: number;
  pipeline: Pipeline;
  /** Prepare the next batch while the current one is used (default true). */
  prefetch?: boolean;
}

/** A {@link DataLoader} over an in-memory dataset (see the module comment). */
export class ArrayDataLoader implements DataLoader {
  readonly batchSize: number;
  readonly length: number;
  readonly size: number;
  readonly training: boolean;
  /** Epochs started so far; epoch e is shuffled and augmented with seeds derived from (seed, e). */
  epoch = 0;
  private readonly shuffle: boolean;
  private readonly prefetch: boolean;

  constructor(readonly config: ArrayDataLoaderConfig) {
    const {batchSize, training, rows} = config;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
    this.batchSize = batchSize;
    this.training = training;
    this.size = rows.length;
    this.shuffle = config.shuffle ?? training;
    this.prefetch = config.prefetch ?? true;
    const dropLast = config.dropLast ?? training;
    this.length = dropLast ? Math.floor(this.size / batchSize) : Math.ceil(this.size / batchSize);
    if (training && this.length === 0 && this.size > 0) {
      throw new Error(
        `the training split has ${this.size} items, fewer than one batch of ${batchSize}: ` +
          'use a smaller batchSize (the last partial batch of the training split is dropped)',
      );
    }
  }

  /** One epoch of batches; iterating again starts the next epoch (reshuffled, for a training loader). */
  async *[Symbol.asyncIterator](): AsyncGenerator<Batch, void, undefined> {
    const epoch = this.epoch++;
    const order = this.order(epoch);
    let next: Promise<Batch> | undefined;
    try {
      for (let i = 0; i < this.length; i++) {
        const batch = next ? await next : this.build(order, i, epoch);
        next = undefined;
        if (this.prefetch && i + 1 < this.length) {
          next = later(() => this.build(order, i + 1, epoch));
          next.catch(() => undefined); // rejections surface at the await above
        }
        yield batch;
      }
    } finally {
      // The consumer stopped early: the batch prepared in advance is nobody's, so dispose it here.
      if (next) disposeBatch(await next.catch(() => undefined));
    }
  }

  /** Batch `index` of epoch `epoch` (what iteration would yield), built now. The caller disposes it. */
  batchAt(index: number, epoch = 0): Batch {
    if (!(index >= 0 && index < this.length)) throw new Error(`batch ${index} is out of range: this loader has ${this.length}`);
    return this.build(this.order(epoch), index, epoch);
  }

  /** The item at loader position `index`, as stored (not normalised), for display. */
  preview(index: number): ItemPreview {
    if (!(index >= 0 && index < this.size)) throw new Error(`preview: index ${index} is out of range [0, ${this.size})`);
    const {dataset} = this.config;
    const row = this.config.rows[index];
    const preview: ItemPreview = {label: describeTarget(dataset, row)};
    const geometry = imageGeometry(dataset.itemShape);
    if (geometry) {
      const values = dataset.x.subarray(row * dataset.itemSize, (row + 1) * dataset.itemSize);
      const data = values instanceof Uint8Array || values instanceof Float32Array ? values.slice() : Float32Array.from(values);
      preview.image = {height: geometry[0], width: geometry[1], channels: geometry[2], data};
    }
    const source = dataset.sources?.[row];
    if (source !== undefined) preview.source = source;
    return preview;
  }

  /** Loader positions in epoch order. */
  private order(epoch: number): Int32Array {
    if (!this.shuffle) return Int32Array.from({length: this.size}, (_, i) => i);
    return permutation(this.size, createRng(deriveSeed(this.config.seed, epoch)));
  }

  private build(order: Int32Array, index: number, epoch: number): Batch {
    const {dataset, rows, pipeline} = this.config;
    const {batchSize} = this;
    const start = index * batchSize;
    const count = Math.min(batchSize, this.size - start);
    const indices = order.slice(start, start + count);
    const x = new Float32Array(batchSize * dataset.itemSize);
    const intTargets = dataset.target === 'class' || dataset.target === 'mask';
    const y = intTargets ? new Int32Array(batchSize * dataset.ySize) : new Float32Array(batchSize * dataset.ySize);
    for (let b = 0; b < batchSize; b++) {
      // Padding rows repeat the last real item: valid values, and they never count (Batch.count).
      const row = rows[indices[Math.min(b, count - 1)]];
      x.set(dataset.x.subarray(row * dataset.itemSize, (row + 1) * dataset.itemSize), b * dataset.itemSize);
      y.set(dataset.y.subarray(row * dataset.ySize, (row + 1) * dataset.ySize), b * dataset.ySize);
    }
    const seed = this.training && pipeline.augments ? deriveSeed(this.config.seed, epoch, index, 0x5eed) : undefined;
    const tensors = tf.tidy(() => {
      const raw = tf.tensor(x, [batchSize, ...dataset.itemShape], 'float32');
      const target = tf.tensor(y, [batchSize, ...dataset.yShape], intTargets ? 'int32' : 'float32');
      return pipeline.forward(raw, target, seed);
    });
    // Kept: a batch prepared in advance must survive the consumer's engine scopes; the consumer disposes it.
    return {x: tf.keep(tensors.x), y: tf.keep(tensors.y), count, indices};
  }
}

/** Disposes a batch's tensors (no-op for undefined). */
export function disposeBatch(batch: Batch | undefined): void {
  if (batch) tf.dispose([batch.x, batch.y]);
}
