/**
 * The contract between data loaders (src/lib/data) and everything that consumes batches (the Learner,
 * interpretation, plots). Implementations live in this folder; consumers depend only on these types.
 */
import type * as tf from '@tensorflow/tfjs';

/** One mini-batch on the active backend. Whoever receives a batch owns its tensors and disposes them. */
export interface Batch {
  /** Inputs: images [B, H, W, C] (NHWC) or vectors [B, F]. */
  x: tf.Tensor;
  /**
   * Targets: class indices [B] (int32), one-hot or multi-label [B, K] (float32), regression targets [B, K]
   * (float32), or segmentation masks [B, H, W] of class codes (int32).
   */
  y: tf.Tensor;
  /**
   * How many leading rows are real items. Batches keep a fixed shape (the WebGPU buffer pool grows for every new
   * shape), so a final partial batch is either dropped or padded; rows at `count` and beyond are padding and must
   * not count in losses or metrics.
   */
  count: number;
  /** Index in the loader's dataset of each real row (length `count`), so results can point back at items. */
  indices: Int32Array;
}

/** A displayable item, for interpretation (top losses) and `showBatch`. */
export interface ItemPreview {
  /** Human-readable target, e.g. the class name. */
  label: string;
  /** Pixels row-major, channels last, values as stored (not normalised). */
  image?: {width: number; height: number; channels: number; data: Float32Array | Uint8Array};
  /** Where the item came from (file name, catalog id), when known. */
  source?: string;
}

/**
 * Batches for one split. Iterating once is one epoch (reshuffled, for a training loader); all batches have the
 * same shape. Loaders for the training split shuffle, drop the last partial batch and augment; the others keep
 * order and pad.
 */
export interface DataLoader extends AsyncIterable<Batch> {
  readonly batchSize: number;
  /** Batches per epoch. */
  readonly length: number;
  /** Items in the dataset. */
  readonly size: number;
  /** Whether this loader shuffles, drops the last partial batch and augments (the training split). */
  readonly training: boolean;
  /** The item at a dataset index, for display. */
  preview(index: number): ItemPreview;
  /**
   * Epochs started so far, for loaders whose epoch e shuffles and augments with seeds derived from (seed, e). A fit
   * resumed from a checkpoint advances it past the epochs it skips, so it sees the batches the interrupted fit would.
   */
  epoch?: number;
}

/** Training, validation and optional test loaders over one dataset, plus what a model needs to read new inputs. */
export interface DataLoaders {
  train: DataLoader;
  valid: DataLoader;
  test?: DataLoader;
  /** Class names, index = class code, for classification and segmentation data. */
  classes?: string[];
  /**
   * Turns raw inputs (as stored, e.g. uint8 pixels [B, H, W, C]) into what the model reads (scaled and normalised
   * exactly as the loaders do, without augmentation). Used by `Learner.predict`.
   */
  preprocess(raw: tf.Tensor): tf.Tensor;
  /**
   * The training augmentation as a pure function of a batch and a seed (geometric transforms move `y` masks too);
   * test-time augmentation calls it on validation batches. Absent when the data has no augmentation. Returns new
   * tensors and leaves the input batch alone.
   */
  augment?(batch: Batch, seed: number): Batch;
}
