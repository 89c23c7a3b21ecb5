/**
 * Watching one recorded quantity across epochs (early stopping, save-best-model): which value, which direction is
 * better, and whether the latest epoch improved on the best so far by more than `minDelta`.
 */
import type {FitState} from '../callback';

/** Options shared by callbacks that monitor a value. */
export interface MonitorOptions {
  /** 'valid_loss' (default), 'train_loss' or a metric's name. */
  monitor?: string;
  /** Whether larger is better; default: false for losses, the metric's `higherIsBetter` otherwise. */
  higherIsBetter?: boolean;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
}

/** Tracks the best value of a monitored quantity. */
export class Monitor {
  readonly name: string;
  private readonly minDelta: number;
  private higher: boolean | undefined;
  /** Best value so far (NaN before the first epoch). */
  best = NaN;

  constructor(options: MonitorOptions) {
    this.name = options.monitor ?? 'valid_loss';
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.higher = options.higherIsBetter;
  }

  /** Forgets the best value (each fit starts afresh, as in fastai). */
  reset(): void {
    this.best = NaN;
  }

  /** Reads the latest epoch's value; true when it improves on the best (which it then becomes). */
  update(state: FitState): {value: number; improved: boolean} {
    const value = state.recorder.lastValue(this.name);
    const known = this.name === 'train_loss' || this.name === 'valid_loss' || state.recorder.metrics.has(this.name);
    if (!known) {
      const known = ['train_loss', 'valid_loss', ...state.recorder.metrics.keys()].join(', ');
      throw new Error(`monitor: no recorded value named '${this.name}' (known: ${known})`);
    }
    this.higher ??= state.learner.metrics.find((m) => m.name === this.name)?.higherIsBetter ?? false;
    const improved =
      !Number.isNaN(value) &&
      (Number.isNaN(this.best) || (this.higher ? value > this.best + this.minDelta : value < this.best - this.minDelta));
    if (improved) this.best = value;
    return {value, improved};
  }
}
