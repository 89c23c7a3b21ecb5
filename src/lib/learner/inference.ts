/**
 * Passes over a loader without training: validation (loss and metrics accumulated on the device, read once at the
 * end) and prediction collection (outputs kept on the device, padding rows dropped). Both yield between batches and
 * stop within one batch when their signal aborts.
 */
import * as tf from '@tensorflow/tfjs';
import type {Batch, DataLoader} from '../data/types';
import type {Loss} from '../losses/types';
import type {Metric} from '../metrics/types';
import {DeviceSum, maskRows} from '../metrics/rows';
import {yieldToEventLoop} from './yield';

/** Calls between batches of a pass: yields and checks the signal. */
export interface PassControl {
  signal?: AbortSignal;
  /** Called after each batch with its index (progress). */
  onBatch?: (index: number) => void;
  /** Yield to the event loop when this many ms have passed since the last yield (0: every batch). */
  yieldMs?: number;
}

/** Iterates a loader, handing each batch to `body`, disposing it after; yields and obeys the signal. */
export async function eachBatch(
  loader: DataLoader,
  control: PassControl,
  body: (batch: Batch, index: number) => void,
): Promise<void> {
  control.signal?.throwIfAborted();
  let index = 0;
  let lastYield = performance.now();
  for await (const batch of loader) {
    try {
      control.signal?.throwIfAborted();
      body(batch, index);
    } finally {
      tf.dispose([batch.x, batch.y]);
    }
    control.onBatch?.(index++);
    if (performance.now() - lastYield >= (control.yieldMs ?? 0)) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  control.signal?.throwIfAborted();
}

/** A loss and metrics over one pass. */
export interface Evaluation {
  /** Mean per-item loss over the real rows. */
  loss: number;
  /** Each metric by name. */
  metrics: Record<string, number>;
}

/** The model in inference mode on a batch input. */
export function inferenceOutput(model: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  const out = model.apply(x, {training: false});
  if (!(out instanceof tf.Tensor)) throw new Error('Learner: the model must have exactly one output');
  return out;
}

/** Loss and metrics of `model` over `loader`, accumulated on the device. */
export async function evaluate(
  model: tf.LayersModel,
  loss: Loss,
  metrics: readonly Metric[],
  loader: DataLoader,
  control: PassControl,
): Promise<Evaluation> {
  const lossSum = new DeviceSum();
  const accumulators = metrics.map((m) => m.accumulator());
  let items = 0;
  try {
    await eachBatch(loader, control, (batch) => {
      tf.tidy(() => {
        const out = inferenceOutput(model, batch.x);
        lossSum.add(tf.sum(maskRows(loss.perItem(batch.y, out), batch.count)));
        if (accumulators.length > 0) {
          const act = loss.activation(out);
          for (const acc of accumulators) acc.update(batch.y, act, batch.count);
        }
      });
      items += batch.count;
    });
    const total = (await lossSum.read())?.[0] ?? NaN;
    const values = await Promise.all(accumulators.map((a) => a.result()));
    return {loss: items > 0 ? total / items : NaN, metrics: Object.fromEntries(metrics.map((m, i) => [m.name, values[i]]))};
  } finally {
    lossSum.dispose();
    for (const a of accumulators) a.dispose();
  }
}

/** Predictions over a loader: real rows only, in loader order. The caller owns (disposes) the tensors. */
export interface Predictions {
  /** The loss's activation of the model output (probabilities for classification), [N, ...]. */
  preds: tf.Tensor;
  /** The targets, [N, ...]. */
  targets: tf.Tensor;
  /** Per-item losses (the loss's `perItem`), when asked for. */
  losses?: Float32Array;
  /** Dataset index of each row (from `Batch.indices`). */
  indices: Int32Array;
}

/** Options of {@link collectPredictions}. */
export interface CollectOptions extends PassControl {
  /** Also compute per-item losses (default true). */
  withLoss?: boolean;
  /** Replaces each batch before the forward pass (test-time augmentation); returns new tensors. */
  transform?: (batch: Batch, index: number) => Batch;
}

function realRows(t: tf.Tensor, count: number): tf.Tensor {
  return count === t.shape[0] ? t : tf.slice(t, 0, count);
}

/** Runs the model over `loader` and gathers activations, targets, losses and indices. */
export async function collectPredictions(
  model: tf.LayersModel,
  loss: Loss,
  loader: DataLoader,
  options: CollectOptions = {},
): Promise<Predictions> {
  const withLoss = options.withLoss ?? true;
  const parts: {pred: tf.Tensor; target: tf.Tensor; loss?: tf.Tensor}[] = [];
  const indices: Int32Array[] = [];
  try {
    await eachBatch(loader, options, (batch, index) => {
      parts.push(
        tf.tidy(() => {
          const input = options.transform ? options.transform(batch, index) : batch;
          const out = inferenceOutput(model, input.x);
          return {
            pred: tf.keep(realRows(loss.activation(out), batch.count)),
            target: tf.keep(realRows(batch.y, batch.count).clone()),
            loss: withLoss ? tf.keep(realRows(loss.perItem(batch.y, out), batch.count)) : undefined,
          };
        }),
      );
      indices.push(batch.indices.slice(0, batch.count));
    });
    const join = (ts: tf.Tensor[]) => (ts.length === 1 ? ts[0].clone() : tf.concat(ts));
    if (parts.length === 0) throw new Error('getPreds: the loader yielded no batches');
    let losses: Float32Array | undefined;
    if (withLoss) {
      const joined = join(parts.map((p) => p.loss!));
      losses = Float32Array.from(await joined.data());
      joined.dispose();
    }
    return {
      preds: join(parts.map((p) => p.pred)),
      targets: join(parts.map((p) => p.target)),
      losses,
      indices: Int32Array.from(indices.flatMap((a) => Array.from(a))),
    };
  } finally {
    for (const p of parts) tf.dispose([p.pred, p.target, ...(p.loss ? [p.loss] : [])]);
  }
}
