/** Early stopping (fastai's `EarlyStoppingCallback`): stop when the monitored value stops improving. */
import type {Callback, FitState} from '../callback';
import {Monitor, type MonitorOptions} from './monitor';

/** Options of {@link EarlyStopping}. */
export interface EarlyStoppingOptions extends MonitorOptions {
  /** Stop after this many epochs in a row without improvement (default 1, as fastai and Keras). */
  patience?: number;
}

/** Stops the fit (normally, not as an abort) after `patience` epochs without improvement. */
export class EarlyStopping implements Callback {
  readonly name = 'early-stopping';
  readonly order = 5;
  readonly runsInLrFind = false;
  private readonly monitor: Monitor;
  private readonly patience: number;
  private wait = 0;
  /** The epoch (within the last fit) at which it stopped, if it did. */
  stoppedEpoch?: number;

  constructor(options: EarlyStoppingOptions = {}) {
    this.monitor = new Monitor(options);
    this.patience = options.patience ?? 1;
    if (!(Number.isInteger(this.patience) && this.patience >= 1)) {
      throw new Error(`EarlyStopping: patience must be an integer ≥ 1, got ${this.patience}`);
    }
  }

  beforeFit(): void {
    this.monitor.reset();
    this.wait = 0;
    this.stoppedEpoch = undefined;
  }

  afterEpoch(state: FitState): void {
    const {value, improved} = this.monitor.update(state);
    if (improved) {
      this.wait = 0;
      return;
    }
    if (++this.wait >= this.patience) {
      this.stoppedEpoch = state.epoch;
      const {name, best} = this.monitor;
      state.stop(`early stopping: no improvement in ${name} for ${this.wait} epochs (best ${best}, last ${value})`);
    }
  }
}
