/**
 * The training loop behind `fit`, `fitOneCycle`, `fineTune` and `lrFind`. Per batch it runs one synchronous step in a
 * `tf.tidy` (forward, loss, gradients, optimizer update, callbacks), keeps the batch loss on the device, and
 * yields to the event loop; losses are read back every `readEvery` batches (pipelined, see LossReadout) and at epoch
 * ends. Shapes stay those of the loaders (fixed), so the WebGPU buffer pool does not grow.
 */
import * as tf from '@tensorflow/tfjs';
import type {Batch, DataLoaders} from '../data/types';
import type {Loss, WeightPenalty} from '../losses/types';
import type {Metric} from '../metrics/types';
import {maskRows} from '../metrics/rows';
import type {Optimizer} from '../optim/types';
import {CallbackList, type Callback, type FitState} from './callback';
import {evaluate} from './inference';
import type {Learner} from './learner';
import {LossReadout} from './loss-readout';
import type {EpochRecord, Recorder} from './recorder';
import {yieldToEventLoop} from './yield';

/** What the loop needs from the learner. */
export interface FitHost {
  learner: Learner;
  model: tf.LayersModel;
  dls: DataLoaders;
  loss: Loss;
  metrics: readonly Metric[];
  opt: Optimizer;
  penalty?: WeightPenalty;
  /** Weights the penalty covers (kernels). */
  penalised: readonly tf.Variable[];
  /** Variables that train now (not frozen). */
  trainableVariables(): tf.Variable[];
  /** The head group's learning-rate multiplier (what the recorder's learning rate refers to). */
  headLrMult(): number;
  readEvery: number;
  yieldMs: number;
}

/** One run of the loop. */
export interface FitParams {
  epochs: number;
  callbacks: readonly Callback[];
  signal: AbortSignal;
  /** Where batch losses and epoch results go (lrFind uses a scratch one). */
  recorder: Recorder;
  /** Run a validation pass after each epoch (skipped anyway when the valid loader has no batches). */
  validate: boolean;
  /** Number of this fit's first epoch over the learner's life. */
  firstEpoch: number;
  /** Epochs of this fit already done (restored from a checkpoint): the loop and its schedules start after them. */
  startEpoch?: number;
  /** Called after each completed epoch. */
  onEpochDone?: () => void;
}

/** How a fit ended. */
export interface FitResult {
  /** This fit's epochs, as recorded. */
  epochs: EpochRecord[];
  /** Why it stopped before its last epoch (early stopping, lr finder divergence), if it did. */
  stopReason?: string;
}

function meanOverRows(perItem: tf.Tensor1D, count: number): tf.Scalar {
  if (count >= perItem.shape[0]) return tf.mean(perItem);
  return tf.div(tf.sum(maskRows(perItem, count)), count) as tf.Scalar;
}

/** Runs `params.epochs` epochs. Rejects with the signal's reason when aborted (after `afterFit` has run). */
export async function runFit(host: FitHost, params: FitParams): Promise<FitResult> {
  const {epochs, signal, recorder} = params;
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new Error(`fit: epochs must be a positive integer, got ${epochs}`);
  const train = host.dls.train;
  if (train.length === 0) throw new Error('fit: the training loader has no batches');
  const cbs = new CallbackList(params.callbacks);
  const start = performance.now();
  const startEpoch = params.startEpoch ?? 0;
  const defaultLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => host.loss.perItem(yTrue, yPred);
  const state: FitState = {
    learner: host.learner,
    epochs,
    epoch: startEpoch,
    batchesPerEpoch: train.length,
    iter: 0,
    trainIter: startEpoch * train.length,
    totalIters: epochs * train.length,
    training: true,
    lossFn: defaultLoss,
    forward: (x, training) => {
      const out = host.model.apply(x, {training});
      if (!(out instanceof tf.Tensor)) throw new Error('Learner: the model must have exactly one output');
      return out;
    },
    recorder,
    signal,
    elapsed: () => (performance.now() - start) / 1000,
    stop(reason) {
      state.stopReason ??= reason;
    },
    aborted: false,
  };
  const records: EpochRecord[] = [];
  let readout: LossReadout | undefined;
  let failure: unknown;
  let failed = false;
  try {
    signal.throwIfAborted();
    await cbs.runAsync('beforeFit', state);
    for (; state.epoch < epochs && state.stopReason === undefined; state.epoch++) {
      signal.throwIfAborted();
      const epochStart = performance.now();
      await cbs.runAsync('beforeEpoch', state);
      let lossSum = 0;
      let lossCount = 0;
      readout = new LossReadout(host.readEvery, (values) => {
        for (const v of values) {
          recorder.batchLoss.push(v);
          lossSum += v;
        }
        lossCount += values.length;
        cbs.run('afterRead', state);
      });
      state.training = true;
      state.iter = 0;
      cbs.run('beforeTrain', state);
      const variables = host.trainableVariables();
      const penalised = host.penalised.filter((v) => v.trainable);
      let lastYield = performance.now();
      for await (const batch of train) {
        try {
          signal.throwIfAborted();
          trainStep(host, state, cbs, readout, batch, variables, penalised, defaultLoss);
        } finally {
          tf.dispose([batch.x, batch.y]);
          state.batch = state.pred = state.lossPerItem = state.loss = state.grads = undefined;
        }
        state.iter++;
        state.trainIter++;
        if (state.stopReason !== undefined) break;
        await readout.maybeRead();
        if (performance.now() - lastYield >= host.yieldMs) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      await readout.flush();
      readout = undefined;
      cbs.run('afterTrain', state);
      const trainLoss = lossCount > 0 ? lossSum / lossCount : NaN;
      let validLoss = NaN;
      let metrics: Record<string, number> = {};
      if (params.validate && host.dls.valid.length > 0) {
        state.training = false;
        state.iter = 0;
        cbs.run('beforeValidate', state);
        const result = await evaluate(host.model, host.loss, host.metrics, host.dls.valid, {
          signal,
          yieldMs: host.yieldMs,
          onBatch: (i) => {
            state.iter = i + 1;
            cbs.run('afterBatch', state);
          },
        });
        validLoss = result.loss;
        metrics = result.metrics;
        cbs.run('afterValidate', state);
      }
      const record: EpochRecord = {
        epoch: params.firstEpoch + state.epoch,
        trainLoss,
        validLoss,
        metrics,
        seconds: (performance.now() - epochStart) / 1000,
      };
      recorder.addEpoch(record);
      records.push(record);
      params.onEpochDone?.();
      await cbs.runAsync('afterEpoch', state);
    }
  } catch (error) {
    failed = true;
    failure = error;
  } finally {
    readout?.dispose();
  }
  state.aborted = failed && signal.aborted;
  if (failed && !state.aborted) state.error = failure;
  try {
    await cbs.runAsync('afterFit', state);
  } catch (error) {
    if (!failed) throw error;
  }
  if (failed) throw failure;
  return {epochs: records, stopReason: state.stopReason};
}

function trainStep(
  host: FitHost,
  state: FitState,
  cbs: CallbackList,
  readout: LossReadout,
  batch: Batch,
  variables: tf.Variable[],
  penalised: tf.Variable[],
  defaultLoss: FitState['lossFn'],
): void {
  tf.tidy(() => {
    state.batch = batch;
    state.lossFn = defaultLoss;
    cbs.run('beforeBatch', state);
    state.recorder.batchLr.push(host.opt.lr * host.headLrMult());
    state.recorder.batchMom.push(host.opt.mom);
    const {x, y, count} = state.batch;
    let dataLoss: tf.Scalar | undefined;
    let result: {value: tf.Scalar; grads: tf.NamedTensorMap};
    try {
      result = tf.variableGrads(() => {
        state.pred = state.forward(x, true);
        cbs.run('afterPred', state);
        state.lossPerItem = state.lossFn(y, state.pred);
        dataLoss = tf.keep(meanOverRows(state.lossPerItem, count));
        const penalty = host.penalty && penalised.length > 0 ? host.penalty(penalised) : undefined;
        state.loss = penalty ? (tf.add(dataLoss, penalty) as tf.Scalar) : dataLoss;
        cbs.run('afterLoss', state);
        cbs.run('beforeBackward', state);
        return state.loss!;
      }, variables);
    } catch (error) {
      dataLoss?.dispose();
      throw error;
    }
    const {value, grads} = result;
    // The recorded loss is the data loss (no penalty), comparable with the validation loss.
    readout.push(dataLoss!);
    state.loss = value;
    state.grads = grads;
    cbs.run('afterBackward', state);
    cbs.run('beforeStep', state);
    host.opt.step(state.grads);
    cbs.run('afterStep', state);
    cbs.run('afterBatch', state);
  });
}
