/**
 * The 1cycle policy (Smith; fastai's `fit_one_cycle`): the learning rate warms up from lrMax/div to lrMax over the
 * first `pctStart` of training, then anneals to lrMax/divFinal, both by cosine; momentum moves the opposite way,
 * from moms[0] down to moms[1] and back up to moms[2].
 */
import {combineSchedules, cosineSchedule, type Schedule} from './annealing';

/** Options of {@link oneCycleSchedules} and `Learner.fitOneCycle`. */
export interface OneCycleOptions {
  /** Initial learning rate is lrMax/div (default 25). */
  div?: number;
  /** Final learning rate is lrMax/divFinal (default 1e5). */
  divFinal?: number;
  /** Fraction of training spent warming up (default 0.25). */
  pctStart?: number;
  /** Momentum at the start, at the peak learning rate, and at the end (default [0.95, 0.85, 0.95]). */
  moms?: [number, number, number];
}

/** The learning-rate and momentum schedules of one cycle peaking at `lrMax`. */
export function oneCycleSchedules(lrMax: number, options: OneCycleOptions = {}): {lr: Schedule; mom: Schedule} {
  const {div = 25, divFinal = 1e5, pctStart = 0.25, moms = [0.95, 0.85, 0.95]} = options;
  if (!(lrMax > 0)) throw new Error(`oneCycle: lrMax must be > 0, got ${lrMax}`);
  if (!(pctStart >= 0 && pctStart <= 1)) throw new Error(`oneCycle: pctStart must be in [0, 1], got ${pctStart}`);
  const pcts = [pctStart, 1 - pctStart];
  return {
    lr: combineSchedules(pcts, [cosineSchedule(lrMax / div, lrMax), cosineSchedule(lrMax, lrMax / divFinal)]),
    mom: combineSchedules(pcts, [cosineSchedule(moms[0], moms[1]), cosineSchedule(moms[1], moms[2])]),
  };
}
