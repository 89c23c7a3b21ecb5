/**
 * Annealing schedules: functions from training progress `pos` ∈ [0, 1] to a hyperparameter value (fastai's
 * `SchedCos`, `SchedLin`, `SchedExp`, `combine_scheds`).
 */

/** A hyperparameter as a function of training progress, 0 at the first batch, 1 at the end. */
export type Schedule = (pos: number) => number;

/** Cosine annealing from `start` to `end`: start + (1 + cos(π(1 − pos)))·(end − start)/2. */
export function cosineSchedule(start: number, end: number): Schedule {
  return (pos) => start + ((1 + Math.cos(Math.PI * (1 - pos))) * (end - start)) / 2;
}

/** Linear from `start` to `end`. */
export function linearSchedule(start: number, end: number): Schedule {
  return (pos) => start + pos * (end - start);
}

/** Exponential (geometric) from `start` to `end`: start·(end/start)^pos; both must be > 0. */
export function exponentialSchedule(start: number, end: number): Schedule {
  if (!(start > 0 && end > 0)) throw new Error(`exponentialSchedule: start and end must be > 0, got ${start}, ${end}`);
  return (pos) => start * (end / start) ** pos;
}

/** A constant. */
export function constantSchedule(value: number): Schedule {
  return () => value;
}

/**
 * Joins schedules end to end: `pcts` are the fractions of training each one covers (summing to 1); each schedule
 * sees its own progress from 0 to 1.
 */
export function combineSchedules(pcts: readonly number[], schedules: readonly Schedule[]): Schedule {
  if (pcts.length !== schedules.length || pcts.length === 0) {
    throw new Error('combineSchedules: needs one fraction per schedule');
  }
  const total = pcts.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-6 || pcts.some((p) => p < 0)) {
    throw new Error(`combineSchedules: fractions must be ≥ 0 and sum to 1, got [${pcts.join(', ')}]`);
  }
  const starts = pcts.map((_, i) => pcts.slice(0, i).reduce((a, b) => a + b, 0));
  return (pos) => {
    const p = Math.min(Math.max(pos, 0), 1);
    let i = starts.length - 1;
    while (i > 0 && (p < starts[i] || pcts[i] === 0)) i--;
    const local = pcts[i] > 0 ? (p - starts[i]) / pcts[i] : 1;
    return schedules[i](Math.min(Math.max(local, 0), 1));
  };
}
