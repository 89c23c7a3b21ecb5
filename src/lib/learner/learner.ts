/**
 * The Learner: one object that owns a model, its data loaders, loss, optimizer and metrics, trains it (fit,
 * one-cycle, fine-tuning, lr finder) without blocking the page, and evaluates it (validate, getPreds, predict, TTA).
 *
 * Long calls take `{signal}` (default: the running notebook cell's signal, read synchronously when the call starts)
 * and stop within one batch when it aborts, rejecting with the signal's reason and leaving the model usable. They
 * report progress through callbacks; the default progress callback updates a `ProgressSpec` in the running cell,
 * a DOM container, or prints lines in Node.
 *
 * ```ts
 * const learn = new Learner(model, dls, {loss: crossEntropyLoss(), metrics: [accuracy()]});
 * const {suggestions} = await learn.lrFind();
 * await learn.fitOneCycle(3, suggestions.valley);
 * learn.recorder.validLoss.values; // Float32Array, live while training
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import type {Batch, DataLoader, DataLoaders} from '../data/types';
import {currentCellContext, type CellCheckpoints} from '../display/context';
import type {Loss, WeightPenalty} from '../losses/types';
import type {Metric} from '../metrics/types';
import {adamW} from '../optim/adam';
import type {Optimizer, OptimizerFactory, ParamGroup} from '../optim/types';
import type {Callback} from './callback';
import {CheckpointCallback} from './callbacks/checkpoint';
import {ProgressCallback, type ProgressOptions} from './callbacks/progress';
import {runFit, type FitHost, type FitResult} from './fit-loop';
import {collectPredictions, evaluate, inferenceOutput, type Evaluation, type Predictions} from './inference';
import {LrFinderCallback, suggestLearningRates, type LrFindOptions, type LrFindResult} from './lr-find';
import {modelParamGroups, variableOf} from './param-groups';
import {freezeTo, unfreeze} from '../nn/freeze';
import {Recorder} from './recorder';
import {oneCycleSchedules, type OneCycleOptions} from './schedules/one-cycle';
import {ParamScheduler} from './schedules/param-scheduler';
import type {CheckpointStore, LearnerState, WeightRecord} from './state';

/** A long call's settings, read from its options and the running cell as it starts. */
interface CallContext {
  signal: AbortSignal;
  progress: Callback[];
  /** The running cell's checkpoints (the notebook's IndexedDB), when the kernel offers them. */
  checkpoints?: CellCheckpoints<LearnerState>;
}

/** Training phases started so far in each cell run (a cell may call fit twice, fineTune runs two phases). */
const phasesInCellRun = new WeakMap<CellCheckpoints<LearnerState>, number>();

/** How a Learner is set up. */
export interface LearnerOptions {
  /** The loss (its `activation` also turns outputs into predictions for metrics and getPreds). */
  loss: Loss;
  /** Metrics computed on the validation split after each epoch. */
  metrics?: Metric[];
  /** Optimizer factory (default `adamW()`: Adam, betas 0.9/0.99, eps 1e-5, decoupled wd 0.01, as fastai). */
  opt?: OptimizerFactory;
  /** Decoupled weight decay; overrides the optimizer's own default. */
  wd?: number;
  /** Decay biases and normalisation parameters too (default false, as fastai). */
  wdBnBias?: boolean;
  /** A weight penalty added to the training loss (Nielsen's L1/L2), over kernels. */
  penalty?: WeightPenalty;
  /** Callbacks for every call (more can be passed per fit). */
  callbacks?: Callback[];
  /** Training batches between loss read-backs from the device (default 20). */
  readEvery?: number;
  /**
   * Yield to the event loop after a batch once this many ms have passed since the last yield (default 10; 0: after
   * every batch). Each yield costs a little (measured ~0.3 ms of CPU per yield in Node on this machine, ~5% of a
   * 784-30-10 step), so fast batches share one; an abort is seen at the first batch after it is delivered.
   */
  yieldMs?: number;
  /** Default progress reporting (default true: cell display, or lines in Node). */
  progress?: boolean | ProgressOptions;
  /** Keep normalisation layers trainable in frozen groups (default true, fastai's `train_bn`). */
  trainNorm?: boolean;
}

/** Options every long call takes. */
export interface CallOptions {
  /** Abort to stop within one batch (default: the running cell's signal). */
  signal?: AbortSignal;
  /** Progress for this call (default: the learner's `progress` option). */
  progress?: boolean | ProgressOptions;
}

/** Options of the fit calls. */
export interface FitOptions extends CallOptions {
  /** Extra callbacks for this call only. */
  callbacks?: Callback[];
}

/**
 * Learning rates per layer group: one for all, one per group (input to output), or a range spread geometrically
 * from the first group (`from`) to the head (`to`); with `to` alone the other groups get to/10 (fastai's `slice`).
 */
export type LearningRates = number | readonly number[] | {from?: number; to: number};

/** Options of {@link Learner.fineTune}. */
export interface FineTuneOptions extends FitOptions {
  /** Epochs with the body frozen first (default 1). */
  freezeEpochs?: number;
  /** The body's learning rate is the head's divided by this in the unfrozen phase (default 100). */
  lrMult?: number;
  /** Warm-up fraction of the unfrozen phase (default 0.3). */
  pctStart?: number;
  /** One-cycle `div` of the unfrozen phase (default 5). */
  div?: number;
}

/** Which loader a pass runs over. */
export type Split = 'train' | 'valid' | 'test';

/** Options of {@link Learner.getPreds}. */
export interface GetPredsOptions extends CallOptions {
  /** Also compute per-item losses (default true). */
  withLoss?: boolean;
}

/** Options of {@link Learner.tta}. */
export interface TtaOptions extends CallOptions {
  /** The split (default 'valid'). */
  split?: Split | DataLoader;
  /** Augmented passes (default 4). */
  n?: number;
  /** Weight of the plain pass in the result: (1 − β)·mean(augmented) + β·plain (default 0.25, as fastai). */
  beta?: number;
}

/** What {@link Learner.predict} returns for one item. */
export interface PredictResult {
  /** The loss's activation of the output (probabilities for classification), flattened. */
  output: Float32Array;
  /** Shape of the output for one item. */
  shape: number[];
  /** For classification data (`dls.classes`): the predicted class, its name and probability. */
  classIndex?: number;
  label?: string;
  probability?: number;
}

/** The fastai-style training loop and evaluation around one model. */
export class Learner {
  readonly model: tf.LayersModel;
  readonly dls: DataLoaders;
  readonly loss: Loss;
  readonly metrics: Metric[];
  readonly opt: Optimizer;
  /** Callbacks run in every call (add or remove freely between calls). */
  readonly callbacks: Callback[];
  /** Training history, live while training. */
  readonly recorder = new Recorder();
  /** Layer groups (input to output; the last is the head) that freeze and get their own learning rates. */
  readonly layerGroups: tf.layers.Layer[][];
  /** Epochs trained so far (across calls). */
  epoch = 0;
  /** Batches between loss read-backs. */
  readEvery: number;
  /** Least milliseconds between yields to the event loop (0: after every batch). */
  yieldMs: number;
  private readonly penalty?: WeightPenalty;
  private readonly penalised: tf.Variable[];
  private readonly paramGroups: ParamGroup[];
  private readonly layerGroupOf: number[];
  private readonly progress: boolean | ProgressOptions;
  private readonly trainNorm: boolean;
  private running = false;

  constructor(model: tf.LayersModel, dls: DataLoaders, options: LearnerOptions) {
    if (!options?.loss) throw new Error('Learner: options.loss is required (e.g. crossEntropyLoss())');
    if (model.outputs.length !== 1) {
      throw new Error(`Learner: the model must have one output, it has ${model.outputs.length}`);
    }
    this.model = model;
    this.dls = dls;
    this.loss = options.loss;
    this.metrics = options.metrics ?? [];
    const names = new Set<string>();
    for (const m of this.metrics) {
      if (names.has(m.name) || m.name === 'train_loss' || m.name === 'valid_loss') {
        throw new Error(`Learner: two metrics are named '${m.name}' (or it clashes with a loss column)`);
      }
      names.add(m.name);
    }
    const groups = modelParamGroups(model, options.wdBnBias ?? false);
    this.layerGroups = groups.layerGroups;
    this.paramGroups = groups.paramGroups;
    this.layerGroupOf = groups.layerGroupOf;
    this.penalised = groups.penalised;
    this.opt = (options.opt ?? adamW())(this.paramGroups);
    if (options.wd !== undefined) this.opt.wd = options.wd;
    this.penalty = options.penalty;
    this.callbacks = [...(options.callbacks ?? [])];
    this.readEvery = options.readEvery ?? 20;
    this.yieldMs = options.yieldMs ?? 10;
    this.progress = options.progress ?? true;
    this.trainNorm = options.trainNorm ?? true;
  }

  // ---- training ---------------------------------------------------------------------------------------------

  /** Trains `epochs` epochs at constant learning rate(s) (default 1e-3). */
  fit(epochs: number, lr: LearningRates = 1e-3, options: FitOptions = {}): Promise<FitResult> {
    const call = this.startCall(options);
    return this.exclusive(() => {
      this.setLearningRates(lr);
      return this.runEpochs(epochs, call, options.callbacks ?? []);
    });
  }

  /**
   * Trains with the 1cycle policy: the learning rate warms up from lrMax/div to lrMax over `pctStart` of the batches
   * and anneals to lrMax/divFinal, both by cosine; momentum moves inversely (0.95 → 0.85 → 0.95).
   */
  fitOneCycle(epochs: number, lrMax: LearningRates = 1e-3, options: FitOptions & OneCycleOptions = {}): Promise<FitResult> {
    const call = this.startCall(options);
    return this.exclusive(() => this.oneCycle(epochs, lrMax, options, call));
  }

  /**
   * Transfer learning (fastai's `fine_tune`): `freezeEpochs` one-cycle epochs training only the head (and the
   * normalisation layers), then unfreeze and train `epochs` one-cycle epochs with discriminative learning rates from
   * baseLr/2/lrMult (first group) to baseLr/2 (head).
   */
  fineTune(epochs: number, baseLr = 2e-3, options: FineTuneOptions = {}): Promise<FitResult[]> {
    const call = this.startCall(options);
    return this.exclusive(async () => {
      const {freezeEpochs = 1, lrMult = 100, pctStart = 0.3, div = 5, ...rest} = options;
      const results: FitResult[] = [];
      if (freezeEpochs > 0) {
        this.freeze();
        results.push(await this.oneCycle(freezeEpochs, {to: baseLr}, {...rest, pctStart: 0.99}, call));
      }
      this.unfreeze();
      const lr = baseLr / 2;
      results.push(await this.oneCycle(epochs, {from: lr / lrMult, to: lr}, {...rest, pctStart, div}, call));
      return results;
    });
  }

  /** Freezes every layer group but the head (normalisation layers stay trainable unless `trainNorm` is false). */
  freeze(): void {
    this.freezeTo(-1);
  }

  /** Freezes layer groups [0, n) (negative n counts from the end) and unfreezes the rest. */
  freezeTo(n: number): void {
    freezeTo(this.model, n, {trainBatchNorm: this.trainNorm});
  }

  /** Makes every layer trainable. */
  unfreeze(): void {
    unfreeze(this.model);
  }

  /**
   * The learning-rate range test: trains `numIt` batches with an exponentially growing learning rate, records the
   * smoothed loss, then restores the weights and optimizer state. Returns the curve and suggestions.
   */
  lrFind(options: LrFindOptions & CallOptions = {}): Promise<LrFindResult> {
    const call = this.startCall(options, {label: 'lr find', total: options.numIt ?? 100});
    return this.exclusive(async () => {
      const {startLr = 1e-7, endLr = 10, numIt = 100, stopDiv = true} = options;
      const finder = new LrFinderCallback(startLr, endLr, numIt, stopDiv);
      // The optimizer state first: if reading it fails, no weight copies are left behind.
      const optState = await this.opt.getState();
      const weights = this.model.weights.map((w) => w.read().clone());
      const saved = {lr: this.opt.lr, mom: this.opt.mom, mults: this.paramGroups.map((g) => g.lrMult)};
      const recorder = new Recorder();
      const readEvery = this.readEvery;
      try {
        for (const g of this.paramGroups) g.lrMult = 1;
        this.readEvery = options.readEvery ?? 5;
        await runFit(this.host(), {
          epochs: Math.ceil(numIt / this.dls.train.length),
          callbacks: [...this.callbacks.filter((cb) => cb.runsInLrFind !== false), finder, ...call.progress],
          signal: call.signal,
          recorder,
          validate: false,
          firstEpoch: this.epoch,
        });
      } finally {
        this.readEvery = readEvery;
        this.model.setWeights(weights);
        tf.dispose(weights);
        this.opt.setState(optState);
        this.opt.lr = saved.lr;
        this.opt.mom = saved.mom;
        this.paramGroups.forEach((g, i) => (g.lrMult = saved.mults[i]));
      }
      const n = Math.min(finder.kept, finder.smoothed.length, recorder.batchLr.length);
      const lrs = recorder.batchLr.values.slice(0, n);
      const losses = Float32Array.from(finder.smoothed.slice(0, n));
      const rawLosses = recorder.batchLoss.values.slice(0, n);
      return {lrs, losses, rawLosses, suggestions: suggestLearningRates(lrs, losses)};
    });
  }

  // ---- evaluation -------------------------------------------------------------------------------------------

  /** Loss and metrics on a split (default the validation set). */
  validate(split: Split | DataLoader = 'valid', options: CallOptions = {}): Promise<Evaluation> {
    const {signal} = this.startCall({...options, progress: false});
    return this.exclusive(() =>
      evaluate(this.model, this.loss, this.metrics, this.loader(split), {signal, yieldMs: this.yieldMs}),
    );
  }

  /**
   * Predictions (the loss's activation: probabilities for classification) on a split, real rows only, in loader
   * order, with targets, per-item losses and dataset indices. The caller disposes `preds` and `targets`.
   */
  getPreds(split: Split | DataLoader = 'valid', options: GetPredsOptions = {}): Promise<Predictions> {
    const {signal} = this.startCall({...options, progress: false});
    return this.exclusive(() =>
      collectPredictions(this.model, this.loss, this.loader(split), {
        signal,
        yieldMs: this.yieldMs,
        withLoss: options.withLoss,
      }),
    );
  }

  /**
   * Prediction for one raw item as stored (e.g. uint8 pixels [H, W, C], or a batch of one), preprocessed exactly as
   * the loaders do (`dls.preprocess`).
   */
  async predict(item: tf.Tensor): Promise<PredictResult> {
    const inputRank = (this.model.inputs[0].shape as (number | null)[]).length;
    if (item.rank !== inputRank - 1 && !(item.rank === inputRank && item.shape[0] === 1)) {
      throw new Error(
        `predict: expected one item of rank ${inputRank - 1} (or a batch of one), got shape [${item.shape.join(', ')}]`,
      );
    }
    const out = tf.tidy(() => {
      const raw = item.rank === inputRank ? item : tf.expandDims(item, 0);
      return tf.squeeze(this.loss.activation(inferenceOutput(this.model, this.dls.preprocess(raw))), [0]);
    });
    const output = Float32Array.from(await out.data());
    const shape = out.shape;
    out.dispose();
    const result: PredictResult = {output, shape};
    const classes = this.dls.classes;
    if (classes && shape.length <= 1) {
      const index = output.length === 1 ? (output[0] > 0.5 ? 1 : 0) : output.indexOf(Math.max(...output));
      result.classIndex = index;
      result.label = classes[index];
      result.probability = output.length === 1 ? (index === 1 ? output[0] : 1 - output[0]) : output[index];
    }
    return result;
  }

  /**
   * Test-time augmentation: the mean of `n` passes over the split with the training augmentation (`dls.augment`),
   * blended with a plain pass: (1 − β)·mean + β·plain. For per-item outputs (classification, regression); geometric
   * augmentation would misalign per-pixel outputs.
   */
  tta(options: TtaOptions = {}): Promise<Predictions> {
    const {signal} = this.startCall({...options, progress: false});
    return this.exclusive(async () => {
      const augment = this.dls.augment?.bind(this.dls);
      if (!augment) throw new Error('tta: the DataLoaders have no augmentation (dls.augment)');
      const {n = 4, beta = 0.25} = options;
      if (!(Number.isInteger(n) && n >= 1)) throw new Error(`tta: n must be a positive integer, got ${n}`);
      const loader = this.loader(options.split ?? 'valid');
      const control = {signal, yieldMs: this.yieldMs};
      const plain = await collectPredictions(this.model, this.loss, loader, {...control, withLoss: false});
      let sum: tf.Tensor | undefined;
      try {
        for (let pass = 0; pass < n; pass++) {
          const seedBase = (pass + 1) * 1_000_003;
          const aug = await collectPredictions(this.model, this.loss, loader, {
            ...control,
            withLoss: false,
            transform: (batch: Batch, i: number) => augment(batch, seedBase + i),
          });
          const next = sum ? tf.add(sum, aug.preds) : aug.preds.clone();
          tf.dispose([sum, aug.preds, aug.targets].filter((t): t is tf.Tensor => t !== undefined));
          sum = next;
        }
        const preds = tf.tidy(() => tf.add(tf.mul(sum!, (1 - beta) / n), tf.mul(plain.preds, beta)));
        plain.preds.dispose();
        return {...plain, preds};
      } catch (error) {
        tf.dispose([plain.preds, plain.targets]);
        throw error;
      } finally {
        sum?.dispose();
      }
    });
  }

  // ---- state ------------------------------------------------------------------------------------------------

  /** Weights, optimizer state and epoch, as plain arrays (reads everything back from the device). */
  async getState(): Promise<LearnerState> {
    const weights = await Promise.all(
      this.model.weights.map(async (w): Promise<WeightRecord> => {
        const t = w.read();
        const data = await t.data();
        return t.dtype === 'int32'
          ? {name: w.name, shape: [...t.shape], dtype: 'int32', values: Int32Array.from(data)}
          : {name: w.name, shape: [...t.shape], dtype: 'float32', values: Float32Array.from(data)};
      }),
    );
    const index = this.variableIndex();
    const slots: LearnerState['optimizer']['slots'] = {};
    for (const [key, value] of Object.entries(await this.opt.getState())) {
      const cut = key.lastIndexOf('/');
      const position = index.get(key.slice(0, cut));
      if (position !== undefined) slots[`${position}/${key.slice(cut + 1)}`] = value;
    }
    return {
      version: 1,
      epoch: this.epoch,
      weights,
      optimizer: {name: this.opt.name, lr: this.opt.lr, mom: this.opt.mom, wd: this.opt.wd, slots},
      history: this.recorder.snapshot(),
    };
  }

  /** Restores a state from {@link getState} into this learner (same architecture), its training history included. */
  setState(state: LearnerState): void {
    const weights = this.model.weights;
    if (state.weights.length !== weights.length) {
      throw new Error(`setState: the state has ${state.weights.length} weights, the model has ${weights.length}`);
    }
    state.weights.forEach((w, i) => {
      const shape = weights[i].shape;
      if (w.shape.join() !== shape.join()) {
        const theirs = `'${weights[i].name}' is [${shape}]`;
        throw new Error(`setState: weight ${i} ('${w.name}') is [${w.shape}], the model's ${theirs}`);
      }
    });
    const tensors = state.weights.map((w) => tf.tensor(w.values, w.shape, w.dtype));
    this.model.setWeights(tensors);
    tf.dispose(tensors);
    const names = this.model.weights.map((w) => variableOf(w).name);
    const slots: Record<string, {shape: number[]; values: Float32Array}> = {};
    for (const [key, value] of Object.entries(state.optimizer.slots)) {
      const cut = key.indexOf('/');
      const name = names[Number(key.slice(0, cut))];
      if (name !== undefined) slots[`${name}/${key.slice(cut + 1)}`] = value;
    }
    this.opt.setState(slots);
    this.opt.lr = state.optimizer.lr;
    this.opt.mom = state.optimizer.mom;
    this.opt.wd = state.optimizer.wd;
    this.epoch = state.epoch;
    if (state.history) this.recorder.restore(state.history);
  }

  /** Saves {@link getState} under `key`. */
  async save(store: CheckpointStore, key: string): Promise<void> {
    await store.save(key, await this.getState());
  }

  /** Loads the state saved under `key`; throws when there is none. */
  async load(store: CheckpointStore, key: string): Promise<void> {
    const state = await store.load(key);
    if (!state) throw new Error(`load: no checkpoint under '${key}'`);
    this.setState(state);
  }

  /** Frees the optimizer's slots (the model and loaders belong to the caller). */
  dispose(): void {
    this.opt.dispose();
  }

  // ---- internals --------------------------------------------------------------------------------------------

  /** Reads the cell context synchronously (as the call starts) and builds the progress callback. */
  private startCall(options: CallOptions, fixed: {label?: string; total?: number} = {}): CallContext {
    const cell = currentCellContext();
    const signal = options.signal ?? cell?.signal ?? new AbortController().signal;
    const setting = options.progress ?? this.progress;
    const progress: Callback[] = [];
    if (setting !== false) {
      const own = setting === true ? {} : setting;
      progress.push(new ProgressCallback({...own, display: own.display ?? cell?.display}, fixed));
    }
    return {signal, progress, checkpoints: cell?.checkpoints as CellCheckpoints<LearnerState> | undefined};
  }

  /** Runs one long call at a time: a second call while one runs is an error, not interleaved training. */
  private async exclusive<T>(body: () => Promise<T>): Promise<T> {
    if (this.running) throw new Error('Learner: another call (fit, lrFind, validate, …) is still running on this learner');
    this.running = true;
    try {
      return await body();
    } finally {
      this.running = false;
    }
  }

  private oneCycle(
    epochs: number,
    lrMax: LearningRates,
    options: FitOptions & OneCycleOptions,
    call: CallContext,
  ): Promise<FitResult> {
    const head = this.setLearningRates(lrMax);
    const scheduler = new ParamScheduler(oneCycleSchedules(head, options));
    return this.runEpochs(epochs, call, [scheduler, ...(options.callbacks ?? [])]);
  }

  private async runEpochs(epochs: number, call: CallContext, extra: Callback[]): Promise<FitResult> {
    const firstEpoch = this.epoch;
    const checkpointing: Callback[] = [];
    let startEpoch = 0;
    if (call.checkpoints) {
      const {store, key, resume} = call.checkpoints;
      // The cell's first training phase saves under the cell's key (what the notebook looks up to offer a resume);
      // later phases (a second fit, fineTune's unfrozen phase) under key/phase-n.
      const phase = phasesInCellRun.get(call.checkpoints) ?? 0;
      phasesInCellRun.set(call.checkpoints, phase + 1);
      const phaseKey = phase === 0 ? key : `${key}/phase-${phase}`;
      if (resume) startEpoch = await this.resumeFrom(store, phaseKey, epochs);
      checkpointing.push(new CheckpointCallback({store, key: phaseKey, bestEffort: true}));
    }
    return runFit(this.host(), {
      epochs,
      startEpoch,
      callbacks: [...this.callbacks, ...extra, ...checkpointing, ...call.progress],
      signal: call.signal,
      recorder: this.recorder,
      validate: true,
      firstEpoch,
      onEpochDone: () => this.epoch++,
    });
  }

  /**
   * Loads the phase's checkpoint if it was saved by this same phase (its epoch count lies within the phase) and
   * returns how many of the phase's epochs it had done; 0 (start over) otherwise.
   */
  private async resumeFrom(store: CheckpointStore, key: string, epochs: number): Promise<number> {
    const saved = await store.load(key).catch((error: unknown) => {
      console.warn(`Checkpoint '${key}' could not be read; training starts over:`, error);
      return undefined;
    });
    const done = saved ? saved.epoch - this.epoch : 0;
    if (!saved || done < 1 || done > epochs) return 0;
    this.setState(saved);
    if (this.dls.train.epoch !== undefined) this.dls.train.epoch += done;
    return done;
  }

  /** Sets per-group multipliers from a learning-rate spec and the head's rate as `opt.lr`; returns the latter. */
  private setLearningRates(spec: LearningRates): number {
    const n = this.layerGroups.length;
    let lrs: number[];
    if (typeof spec === 'number') lrs = new Array<number>(n).fill(spec);
    else if (Array.isArray(spec)) {
      if (spec.length !== n) throw new Error(`learning rates: ${spec.length} given for ${n} layer groups`);
      lrs = [...spec];
    } else {
      const {from, to} = spec as {from?: number; to: number};
      lrs =
        from === undefined
          ? Array.from({length: n}, (_, i) => (i === n - 1 ? to : to / 10))
          : Array.from({length: n}, (_, i) => (n === 1 ? to : from * (to / from) ** (i / (n - 1))));
    }
    const head = lrs[n - 1];
    if (lrs.some((lr) => !(lr >= 0)) || (head === 0 && lrs.some((lr) => lr > 0))) {
      throw new Error(`learning rates must be ≥ 0, and the head's > 0 unless all are 0; got [${lrs.join(', ')}]`);
    }
    this.paramGroups.forEach((g, i) => (g.lrMult = head > 0 ? lrs[this.layerGroupOf[i]] / head : 1));
    this.opt.lr = head;
    return head;
  }

  private host(): FitHost {
    const headGroup = this.layerGroups.length - 1;
    return {
      learner: this,
      model: this.model,
      dls: this.dls,
      loss: this.loss,
      metrics: this.metrics,
      opt: this.opt,
      penalty: this.penalty,
      penalised: this.penalised,
      trainableVariables: () => {
        const vars = this.paramGroups.flatMap((g) => g.variables).filter((v) => v.trainable);
        if (vars.length === 0) throw new Error('fit: every weight is frozen');
        return vars;
      },
      headLrMult: () => this.paramGroups.find((_, i) => this.layerGroupOf[i] === headGroup)?.lrMult ?? 1,
      readEvery: this.readEvery,
      yieldMs: this.yieldMs,
    };
  }

  private loader(split: Split | DataLoader): DataLoader {
    if (typeof split !== 'string') return split;
    const loader = this.dls[split];
    if (!loader) throw new Error(`the DataLoaders have no '${split}' split`);
    return loader;
  }

  private variableIndex(): Map<string, number> {
    return new Map(this.model.weights.map((w, i) => [variableOf(w).name, i]));
  }
}
