/**
 * The callback that drives schedules: before every training batch it sets the optimizer's learning rate and momentum
 * from the fit's progress (fastai's `ParamScheduler`). Progress is trainIter/totalIters, so the first batch gets the
 * schedule's start value.
 */
import type {Callback, FitState} from '../callback';
import type {Schedule} from './annealing';

/** Schedules for the optimizer's `lr` (of the head group; other groups keep their multipliers) and `mom`. */
export interface ParamSchedules {
  lr?: Schedule;
  mom?: Schedule;
}

/** Sets `opt.lr`/`opt.mom` from schedules before each training batch. */
export class ParamScheduler implements Callback {
  readonly name = 'param-scheduler';
  readonly order = -10;

  constructor(private readonly schedules: ParamSchedules) {}

  beforeBatch(state: FitState): void {
    if (!state.training) return;
    const pos = state.trainIter / state.totalIters;
    const opt = state.learner.opt;
    if (this.schedules.lr) opt.lr = this.schedules.lr(pos);
    if (this.schedules.mom) opt.mom = this.schedules.mom(pos);
  }
}
