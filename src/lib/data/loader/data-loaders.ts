/**
 * Building DataLoaders: from arrays (one per split), from one dataset plus a splitter (the file sources), from
 * tensors, or from `loadMnist()`'s result.
 *
 * ```ts
 * const mnist = await loadMnist({split: 'nielsen', layout: 'image'});
 * const dls = DataLoaders.fromMnist(mnist, {batchSize: 64, seed: 1, normalize: 'data'});
 * for await (const batch of dls.train) { ...; tf.dispose([batch.x, batch.y]); }
 * ```
 */
import type * as tf from '@tensorflow/tfjs';
import type {AugmentOptions} from '../augment/apply';
import type {Augmentation} from '../augment/augmentations';
import type {FillMode, SamplerChoice} from '../augment/sampler';
import type {Mnist} from '../mnist/load-mnist';
import {showBatch, type ShowBatchData, type ShowBatchDataOptions} from '../show-batch';
import {randomSeed} from '../random';
import {findLeakage, type LeakageReport} from '../split/leakage';
import {randomSplitter, type SplitIndices, type Splitter} from '../split/splitters';
import type {Batch, DataLoaders as DataLoadersContract} from '../types';
import {ArrayDataLoader} from './data-loader';
import {checkDataset, type ArrayDataset, type CheckedDataset, type HostArray, type TargetKind} from './dataset';
import {resolveNormalization, type NormalizationStats, type NormalizeSpec} from './normalize';
import {Pipeline} from './pipeline';

/** Options shared by every way of building DataLoaders. */
export interface DataLoadersOptions {
  /** Items per training batch (default 64). */
  batchSize?: number;
  /** Items per validation/test batch (default: `batchSize`). */
  validBatchSize?: number;
  /** Seed of shuffling and augmentation (default: random, reported as `dls.seed` so a run can be repeated). */
  seed?: number;
  /** Raw values are multiplied by this (default 1/255 for 8-bit inputs, else 1). */
  scale?: number;
  /** Normalisation after scaling: 'data', 'imagenet' or `{mean, std}` (default none). */
  normalize?: NormalizeSpec;
  /** Training augmentation, applied in the listed order (geometric ones move masks too). */
  augment?: Augmentation[];
  /** How geometric augmentation fills pixels from outside the image (default 'reflect'). */
  fillMode?: FillMode;
  /** Resampling implementation (default 'auto'). */
  sampler?: SamplerChoice;
  /** Prepare the next batch while the current one is used (default true). */
  prefetch?: boolean;
  /** Shuffle the training split (default true). */
  shuffle?: boolean;
  /** Drop the last partial training batch (default true; validation and test are always padded instead). */
  dropLast?: boolean;
  /** Look for items shared between splits and warn (default true). */
  checkLeakage?: boolean;
}

/** The arrays of one split. */
export interface SplitArrays {
  x: HostArray;
  y: HostArray;
  /** Where each item came from (file path, catalog id). */
  sources?: string[];
}

/** Arrays for each split plus what they hold. */
export interface ArraySplits {
  train: SplitArrays;
  valid: SplitArrays;
  test?: SplitArrays;
  /** Shape of one input ([H, W, C] or [F]). */
  itemShape: number[];
  /** Shape of one target (default [] or [K], inferred). */
  yShape?: number[];
  target?: TargetKind;
  classes?: string[];
}

/** Tensors for each split: x [N, ...itemShape], y [N, ...yShape]. */
export interface TensorSplits {
  train: {x: tf.Tensor; y: tf.Tensor};
  valid: {x: tf.Tensor; y: tf.Tensor};
  test?: {x: tf.Tensor; y: tf.Tensor};
  target?: TargetKind;
  classes?: string[];
}

/** Options of {@link DataLoaders.fromDataset}. */
export interface DatasetLoadersOptions extends DataLoadersOptions {
  /** How to split (default: a random 20% validation split with `seed`): a splitter or explicit row numbers. */
  split?: Splitter | SplitIndices;
  /** A separate test set, e.g. from another folder. */
  test?: ArrayDataset;
}

interface Part {
  dataset: CheckedDataset;
  rows: Int32Array;
}

/** DataLoaders over in-memory data, with what was decided while building them. */
export class ArrayDataLoaders implements DataLoadersContract {
  readonly train: ArrayDataLoader;
  readonly valid: ArrayDataLoader;
  readonly test?: ArrayDataLoader;
  readonly classes?: string[];
  /** The seed used for shuffling and augmentation. */
  readonly seed: number;
  /** The normalisation statistics in use (scaled units), if any. */
  readonly stats?: NormalizationStats;
  /** Items shared between splits, if the leakage guard found any. */
  readonly leakage?: LeakageReport;
  /** Shape of one input item. */
  readonly itemShape: number[];
  /** What the targets are. */
  readonly target: TargetKind;
  /** The training augmentation as a pure function of a batch and a seed; absent without augmentation. */
  readonly augment?: (batch: Batch, seed: number) => Batch;
  /** The device-side pipeline (scaling, augmentation, normalisation). */
  readonly pipeline: Pipeline;

  constructor(parts: {train: Part; valid: Part; test?: Part}, options: DataLoadersOptions) {
    const {train, valid, test} = parts;
    const reference = train.dataset;
    for (const [name, part] of Object.entries(parts) as [string, Part | undefined][]) {
      if (part && !sameShape(part.dataset, reference)) {
        throw new Error(
          `the ${name} split holds items [${part.dataset.itemShape}] → [${part.dataset.yShape}] (${part.dataset.target}), ` +
            `the training split [${reference.itemShape}] → [${reference.yShape}] (${reference.target})`,
        );
      }
    }
    this.seed = options.seed ?? randomSeed();
    this.itemShape = [...reference.itemShape];
    this.target = reference.target;
    if (reference.classes) this.classes = [...reference.classes];
    const scale = options.scale ?? (reference.x instanceof Uint8Array || reference.x instanceof Uint8ClampedArray ? 1 / 255 : 1);
    if (options.normalize) this.stats = resolveNormalization(options.normalize, reference, train.rows, scale);
    const augmentOptions: AugmentOptions = {fillMode: options.fillMode, sampler: options.sampler};
    this.pipeline = new Pipeline({
      itemShape: this.itemShape,
      target: this.target,
      scale,
      stats: this.stats,
      augmentations: options.augment ?? [],
      augmentOptions,
    });
    const batchSize = options.batchSize ?? 64;
    const loader = (part: Part, training: boolean) =>
      new ArrayDataLoader({
        dataset: part.dataset,
        rows: part.rows,
        batchSize: training ? batchSize : (options.validBatchSize ?? batchSize),
        training,
        shuffle: training ? options.shuffle : false,
        dropLast: training ? options.dropLast : false,
        seed: this.seed,
        pipeline: this.pipeline,
        prefetch: options.prefetch,
      });
    try {
      this.train = loader(train, true);
      this.valid = loader(valid, false);
      if (test) this.test = loader(test, false);
    } catch (error) {
      // A rejected loader (e.g. a batch larger than the training split): free the pipeline's kept tensors.
      this.pipeline.dispose();
      throw error;
    }
    if (options.checkLeakage ?? true) {
      const named = Object.entries(parts).filter((e): e is [string, Part] => e[1] !== undefined);
      this.leakage = findLeakage(named.map(([name, p]) => ({name, rows: p.rows, ...p.dataset})));
    }
    if (this.pipeline.augments) {
      this.augment = (batch, seed) => {
        const {x, y} = this.pipeline.augmentNormalized(batch.x, batch.y, seed);
        return {x, y, count: batch.count, indices: batch.indices.slice()};
      };
    }
  }

  /** Raw inputs [B, ...itemShape] as stored (e.g. 0–255 pixels) → model inputs, scaled and normalised. */
  preprocess(raw: tf.Tensor): tf.Tensor {
    return this.pipeline.preprocess(raw);
  }

  /** Model inputs → scaled values (undoes the normalisation), e.g. to display a batch. */
  denormalize(x: tf.Tensor): tf.Tensor {
    return this.pipeline.denormalize(x);
  }

  /** A few items of a batch as plain data, for `showBatchPlot` (see {@link showBatch}). */
  showBatch(options: ShowBatchDataOptions = {}): Promise<ShowBatchData> {
    return showBatch(this, options);
  }

  /** Frees the normalisation tensors. */
  dispose(): void {
    this.pipeline.dispose();
  }
}

function sameShape(a: CheckedDataset, b: CheckedDataset): boolean {
  return a.target === b.target && a.itemShape.join() === b.itemShape.join() && a.yShape.join() === b.yShape.join();
}

function allRows(dataset: CheckedDataset): Int32Array {
  return Int32Array.from({length: dataset.count}, (_, i) => i);
}

function fromArrays(splits: ArraySplits, options: DataLoadersOptions = {}): ArrayDataLoaders {
  const part = (arrays: SplitArrays, name: string): Part => {
    const dataset = checkDataset(
      {...arrays, itemShape: splits.itemShape, yShape: splits.yShape, target: splits.target, classes: splits.classes},
      `DataLoaders.fromArrays: ${name}`,
    );
    return {dataset, rows: allRows(dataset)};
  };
  return new ArrayDataLoaders(
    {train: part(splits.train, 'train'), valid: part(splits.valid, 'valid'), test: splits.test && part(splits.test, 'test')},
    options,
  );
}

function fromDataset(dataset: ArrayDataset, options: DatasetLoadersOptions = {}): ArrayDataLoaders {
  const checked = checkDataset(dataset, 'DataLoaders.fromDataset');
  const seed = options.seed ?? randomSeed();
  const split = options.split ?? randomSplitter({seed});
  const indices = typeof split === 'function' ? split(checked) : split;
  for (const [name, rows] of Object.entries(indices) as [string, Int32Array][]) {
    const bad = rows.find((r) => !(r >= 0 && r < checked.count));
    if (bad !== undefined) throw new Error(`DataLoaders.fromDataset: ${name} split row ${bad} is outside the ${checked.count} items`);
  }
  if (indices.train.length === 0) throw new Error('DataLoaders.fromDataset: the split left no training items');
  if (indices.valid.length === 0) throw new Error('DataLoaders.fromDataset: the split left no validation items');
  const test = options.test && checkDataset(options.test, 'DataLoaders.fromDataset: test');
  return new ArrayDataLoaders(
    {
      train: {dataset: checked, rows: indices.train},
      valid: {dataset: checked, rows: indices.valid},
      test: test && {dataset: test, rows: allRows(test)},
    },
    {...options, seed},
  );
}

function fromMnist(mnist: Mnist, options: DataLoadersOptions = {}): ArrayDataLoaders {
  const arrays = (set: Mnist['train']): SplitArrays => ({x: set.images, y: set.labels});
  const {train, valid, test} = mnist;
  return fromArrays(
    {
      train: arrays(train),
      valid: arrays(valid ?? test),
      test: valid ? arrays(test) : undefined,
      itemShape: train.itemShape,
      target: 'class',
      classes: [...train.classes],
    },
    // Float pixels from loadMnist({float: true}) are already in [0, 1].
    {...options, scale: options.scale ?? (train.images instanceof Float32Array ? 1 : 1 / 255)},
  );
}

async function fromTensors(splits: TensorSplits, options: DataLoadersOptions = {}): Promise<ArrayDataLoaders> {
  const download = async ({x, y}: {x: tf.Tensor; y: tf.Tensor}): Promise<SplitArrays> => {
    const [xs, ys] = await Promise.all([x.data(), y.data()]);
    return {x: xs as HostArray, y: ys as HostArray};
  };
  const {train, valid, test} = splits;
  const checkSameLength = (name: string, s: {x: tf.Tensor; y: tf.Tensor}) => {
    if (s.x.shape[0] !== s.y.shape[0]) {
      throw new Error(`DataLoaders.fromTensors: ${name} x has ${s.x.shape[0]} items, y has ${s.y.shape[0]}`);
    }
  };
  checkSameLength('train', train);
  checkSameLength('valid', valid);
  if (test) checkSameLength('test', test);
  return fromArrays(
    {
      train: await download(train),
      valid: await download(valid),
      test: test && (await download(test)),
      itemShape: train.x.shape.slice(1),
      yShape: train.y.shape.slice(1),
      target: splits.target ?? (train.y.dtype === 'int32' && train.y.rank === 1 ? 'class' : undefined),
      classes: splits.classes,
    },
    options,
  );
}

/**
 * Factories for {@link ArrayDataLoaders}; `DataLoaders` is also the contract type every consumer uses.
 *
 * - `DataLoaders.fromArrays({train: {x, y}, valid: {x, y}, itemShape: [28, 28, 1]}, options)`
 * - `DataLoaders.fromDataset(dataset, {split: folderSplitter(), ...options})` for file sources
 * - `DataLoaders.fromMnist(await loadMnist({split: 'nielsen'}), options)`
 * - `await DataLoaders.fromTensors({train: {x, y}, valid: {x, y}}, options)` (reads the tensors back once)
 */
export const DataLoaders = {fromArrays, fromDataset, fromMnist, fromTensors};

/** The DataLoaders contract (see `src/lib/data/types.ts`). */
export type DataLoaders = DataLoadersContract;
