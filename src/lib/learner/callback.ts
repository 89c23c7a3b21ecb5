/**
 * Callbacks: typed hooks into the training loop (fastai's events). Fit- and epoch-level hooks may be async (they run
 * at most once per epoch); batch-level hooks are synchronous because they run inside the training step, between the
 * forward pass and the update, where tensors live in one `tf.tidy` scope.
 *
 * Order of events in one fit:
 * beforeFit → per epoch: beforeEpoch → beforeTrain → per batch: beforeBatch → afterPred → afterLoss → beforeBackward
 * → afterBackward → beforeStep → afterStep → afterBatch (→ afterRead when losses were read back) → afterTrain →
 * beforeValidate → afterValidate → afterEpoch → … → afterFit (always, also after an abort or an error).
 */
import type * as tf from '@tensorflow/tfjs';
import type {Batch} from '../data/types';
import type {Learner} from './learner';
import type {Recorder} from './recorder';

/** Per-item loss function the step uses; mixup swaps it for one batch. */
export type PerItemLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor1D;

/** The model's forward pass as the step calls it; activation statistics swap it for a probing one. */
export type Forward = (x: tf.Tensor, training: boolean) => tf.Tensor;

/** What one fit is doing now; every hook receives it and may change the fields marked as changeable. */
export interface FitState {
  readonly learner: Learner;
  /** Epochs in this fit, and the index (0-based) of the current one within it. */
  readonly epochs: number;
  epoch: number;
  /** Training batches per epoch; the current batch's index within its epoch. */
  readonly batchesPerEpoch: number;
  iter: number;
  /** Training batches done in this fit before the current one, and in all. */
  trainIter: number;
  readonly totalIters: number;
  /** Whether the loop is in the training phase of the epoch (false while validating). */
  training: boolean;
  /** The current batch. beforeBatch may replace it (mixup); tensors made in batch hooks are freed after the batch. */
  batch?: Batch;
  /** The per-item loss for the current batch (changeable in beforeBatch). */
  lossFn: PerItemLoss;
  /** The forward pass (changeable in beforeFit). */
  forward: Forward;
  /** Model output of the current batch (changeable in afterPred). */
  pred?: tf.Tensor;
  /** The batch's per-item loss and its training loss (mean over real rows + penalty; changeable in afterLoss). */
  lossPerItem?: tf.Tensor1D;
  loss?: tf.Scalar;
  /** Gradients by variable name (changeable in afterBackward: clipping). */
  grads?: tf.NamedTensorMap;
  /** Where this fit records losses (the learner's recorder; a scratch one for lrFind). */
  readonly recorder: Recorder;
  /** The signal this fit obeys. */
  readonly signal: AbortSignal;
  /** Seconds since the fit began. */
  elapsed(): number;
  /** Asks the loop to stop after the current batch (early stopping); the fit then ends normally. */
  stop(reason: string): void;
  /** Why the fit stopped early, if it did. */
  stopReason?: string;
  /** Set in afterFit when the fit was aborted through its signal. */
  aborted: boolean;
  /** Set in afterFit when the fit failed with an error. */
  error?: unknown;
}

/** A training callback; implement only the hooks you need. */
export interface Callback {
  readonly name: string;
  /** Hooks run in ascending order (default 0); schedulers run early (−10), progress and recorders late (+10). */
  readonly order?: number;
  /**
   * Whether the callback also runs during `lrFind`'s sweep (default true: mixup or clipping shape the loss curve).
   * Epoch-level monitors, loggers and checkpoints say false: the sweep is not training.
   */
  readonly runsInLrFind?: boolean;
  beforeFit?(state: FitState): void | Promise<void>;
  beforeEpoch?(state: FitState): void | Promise<void>;
  beforeTrain?(state: FitState): void;
  beforeBatch?(state: FitState): void;
  afterPred?(state: FitState): void;
  afterLoss?(state: FitState): void;
  beforeBackward?(state: FitState): void;
  afterBackward?(state: FitState): void;
  beforeStep?(state: FitState): void;
  afterStep?(state: FitState): void;
  /** After each training batch, and after each validation batch (then `training` is false and `batch` unset). */
  afterBatch?(state: FitState): void;
  /** Training losses of recent batches were read back into `state.recorder` (every `readEvery` batches). */
  afterRead?(state: FitState): void;
  afterTrain?(state: FitState): void;
  beforeValidate?(state: FitState): void;
  afterValidate?(state: FitState): void;
  /** The epoch's train and valid losses and metrics are in `learner.recorder` by now. */
  afterEpoch?(state: FitState): void | Promise<void>;
  afterFit?(state: FitState): void | Promise<void>;
}

/** Synchronous hook names. */
export type SyncEvent =
  | 'beforeTrain'
  | 'beforeBatch'
  | 'afterPred'
  | 'afterLoss'
  | 'beforeBackward'
  | 'afterBackward'
  | 'beforeStep'
  | 'afterStep'
  | 'afterBatch'
  | 'afterRead'
  | 'afterTrain'
  | 'beforeValidate'
  | 'afterValidate';

/** Hook names that may return a promise. */
export type AsyncEvent = 'beforeFit' | 'beforeEpoch' | 'afterEpoch' | 'afterFit';

/** Runs hooks of a sorted callback list. */
export class CallbackList {
  readonly callbacks: readonly Callback[];

  constructor(callbacks: readonly Callback[]) {
    this.callbacks = [...callbacks].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  }

  run(event: SyncEvent, state: FitState): void {
    for (const cb of this.callbacks) cb[event]?.(state);
  }

  async runAsync(event: AsyncEvent, state: FitState): Promise<void> {
    for (const cb of this.callbacks) await cb[event]?.(state);
  }
}
