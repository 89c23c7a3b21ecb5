/**
 * The learning-rate finder (Smith's LR range test, fastai's `lr_find`): train for a few batches while the learning
 * rate grows exponentially, record the smoothed loss, stop when it diverges, then restore the weights. The suggestions
 * read the curve as fastai does: `valley` (the middle of the longest stretch where the loss keeps falling), `steep`
 * (where it falls fastest per decade) and `minimum` (a tenth of the learning rate at the lowest loss).
 */
import type {Callback, FitState} from './callback';

/** Options of `Learner.lrFind`. */
export interface LrFindOptions {
  /** First and last learning rate of the sweep (default 1e-7 and 10). */
  startLr?: number;
  endLr?: number;
  /** Batches in the sweep (default 100). */
  numIt?: number;
  /** Stop once the smoothed loss exceeds 4× its minimum (default true). */
  stopDiv?: boolean;
  /** Batches between loss read-backs during the sweep (default 5). */
  readEvery?: number;
}

/** Suggested learning rates. */
export interface LrSuggestions {
  valley: number;
  steep: number;
  minimum: number;
}

/** What the sweep measured, and the suggestions. */
export interface LrFindResult {
  /** Learning rate of each batch. */
  lrs: Float32Array;
  /** Exponentially smoothed (β = 0.98, debiased) loss of each batch: the curve to plot. */
  losses: Float32Array;
  /** The raw batch losses. */
  rawLosses: Float32Array;
  suggestions: LrSuggestions;
}

/** Sets the exponential learning rate per batch, smooths losses as they are read, and stops on divergence. */
export class LrFinderCallback implements Callback {
  readonly name = 'lr-finder';
  readonly order = -10;
  /** Smoothed losses, one per batch read so far. */
  readonly smoothed: number[] = [];
  private average = 0;
  private best = Infinity;
  /** Batches kept in the result (those before divergence). */
  kept = Infinity;

  constructor(
    private readonly startLr: number,
    private readonly endLr: number,
    private readonly numIt: number,
    private readonly stopDiv: boolean,
  ) {
    if (!(startLr > 0 && endLr > startLr)) throw new Error(`lrFind: need 0 < startLr < endLr, got ${startLr}, ${endLr}`);
    if (!(Number.isInteger(numIt) && numIt >= 2)) throw new Error(`lrFind: numIt must be an integer ≥ 2, got ${numIt}`);
  }

  beforeBatch(state: FitState): void {
    state.learner.opt.lr = this.startLr * (this.endLr / this.startLr) ** (state.trainIter / this.numIt);
  }

  afterBatch(state: FitState): void {
    if (state.training && state.trainIter + 1 >= this.numIt) state.stop('lr sweep complete');
  }

  afterRead(state: FitState): void {
    const losses = state.recorder.batchLoss.values;
    const beta = 0.98;
    for (let i = this.smoothed.length; i < losses.length; i++) {
      this.average = beta * this.average + (1 - beta) * losses[i];
      const smooth = this.average / (1 - beta ** (i + 1));
      this.smoothed.push(smooth);
      if (i < this.kept) {
        this.best = Math.min(this.best, smooth);
        if (!Number.isFinite(smooth) || (this.stopDiv && smooth > 4 * this.best)) {
          this.kept = i + 1;
          state.stop('loss diverged');
        }
      }
    }
  }
}

/**
 * The valley: the longest decreasing subsequence of the curve gives its length L and where it ends; the valley is
 * the L points up to that end (fastai's reading: noise on a plateau cannot drag the start far back).
 */
function valleyOf(losses: ArrayLike<number>): {start: number; end: number} {
  const n = losses.length;
  const length = new Array<number>(n).fill(1);
  let end = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i] < losses[j] && length[j] + 1 > length[i]) length[i] = length[j] + 1;
    }
    if (length[i] > length[end]) end = i;
  }
  return {start: Math.max(end - length[end] + 1, 0), end};
}

/**
 * Suggestions from a sweep (lrs and smoothed losses of equal length). Like fastai it ignores the first tenth of the
 * sweep and its last 5 points, where the smoothed curve is least reliable, when there are enough points.
 */
export function suggestLearningRates(lrs: ArrayLike<number>, losses: ArrayLike<number>): LrSuggestions {
  if (lrs.length !== losses.length || lrs.length < 2) {
    const got = `${lrs.length} lrs, ${losses.length} losses`;
    throw new Error(`suggestLearningRates: needs ≥ 2 points and as many losses as lrs (got ${got})`);
  }
  let lo = 0;
  let hi = lrs.length;
  if (lrs.length >= 20) {
    lo = Math.floor(lrs.length / 10);
    hi = lrs.length - 5;
  }
  const lr = Array.from(lrs).slice(lo, hi);
  const loss = Array.from(losses).slice(lo, hi);
  let argmin = 0;
  for (let i = 1; i < loss.length; i++) if (loss[i] < loss[argmin]) argmin = i;
  let steepest = 0;
  let slope = Infinity;
  for (let i = 0; i + 1 < loss.length; i++) {
    const s = (loss[i + 1] - loss[i]) / (Math.log(lr[i + 1]) - Math.log(lr[i]));
    if (s < slope) {
      slope = s;
      steepest = i;
    }
  }
  const {start, end} = valleyOf(loss);
  const valley = start + Math.floor((end - start) / 2);
  return {valley: lr[valley], steep: lr[steepest], minimum: lr[argmin] / 10};
}
