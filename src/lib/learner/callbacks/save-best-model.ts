/**
 * Keeps the weights of the best epoch in memory (on the device: cloning a tensor shares its buffer, so a snapshot is
 * cheap until training overwrites the weights) and restores them at the end of the fit (fastai's
 * `SaveModelCallback`, without files).
 */
import * as tf from '@tensorflow/tfjs';
import type {Callback, FitState} from '../callback';
import {Monitor, type MonitorOptions} from './monitor';

/** Options of {@link SaveBestModel}. */
export interface SaveBestModelOptions extends MonitorOptions {
  /** Load the best weights into the model when the fit ends, also after an abort (default true). */
  restoreAtEnd?: boolean;
}

/** Remembers the best epoch's weights; see the module comment. */
export class SaveBestModel implements Callback {
  readonly name = 'save-best-model';
  readonly order = 6;
  readonly runsInLrFind = false;
  private readonly monitor: Monitor;
  private readonly restoreAtEnd: boolean;
  private weights: tf.Tensor[] = [];
  /** Epoch number (over the learner's life) of the best weights, and its value. */
  bestEpoch?: number;
  bestValue = NaN;

  constructor(options: SaveBestModelOptions = {}) {
    this.monitor = new Monitor(options);
    this.restoreAtEnd = options.restoreAtEnd ?? true;
  }

  beforeFit(): void {
    this.monitor.reset();
    this.bestEpoch = undefined;
    this.bestValue = NaN;
    this.dispose();
  }

  afterEpoch(state: FitState): void {
    const {value, improved} = this.monitor.update(state);
    if (!improved) return;
    this.dispose();
    this.weights = state.learner.model.weights.map((w) => tf.keep(w.read().clone()));
    this.bestEpoch = state.recorder.epoch.last();
    this.bestValue = value;
  }

  afterFit(state: FitState): void {
    if (this.restoreAtEnd) this.restore(state.learner.model);
  }

  /** Loads the best weights into `model` (a no-op before the first improvement). */
  restore(model: tf.LayersModel): void {
    if (this.weights.length > 0) model.setWeights(this.weights);
  }

  /** Frees the stored weights. */
  dispose(): void {
    tf.dispose(this.weights);
    this.weights = [];
  }
}
