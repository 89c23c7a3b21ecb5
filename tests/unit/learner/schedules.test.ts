import {describe, expect, it} from 'vitest';
import {
  combineSchedules,
  cosineSchedule,
  exponentialSchedule,
  Learner,
  linearSchedule,
  mseLoss,
  oneCycleSchedules,
  sgd,
} from '../../../src/lib';
import {linearData, linearModel} from './fixtures';

/** fastai's 1cycle, written out: cosine from lrMax/div to lrMax over pctStart, then to lrMax/divFinal. */
function oneCycleLr(pos: number, lrMax: number, div: number, divFinal: number, pct: number): number {
  const cos = (a: number, b: number, p: number) => a + ((1 + Math.cos(Math.PI * (1 - p))) * (b - a)) / 2;
  return pos < pct ? cos(lrMax / div, lrMax, pos / pct) : cos(lrMax, lrMax / divFinal, (pos - pct) / (1 - pct));
}

describe('schedules', () => {
  it('cosine, linear and exponential go from start to end', () => {
    const cos = cosineSchedule(1, 3);
    expect([cos(0), cos(0.5), cos(1)]).toEqual([1, expect.closeTo(2, 12), 3]);
    expect(linearSchedule(2, 4)(0.25)).toBe(2.5);
    expect(exponentialSchedule(1e-4, 1)(0.5)).toBeCloseTo(1e-2, 12);
    expect(() => exponentialSchedule(0, 1)).toThrow(/> 0/);
  });

  it('combines schedules over fractions of training', () => {
    const s = combineSchedules([0.25, 0.75], [linearSchedule(0, 1), linearSchedule(1, 0)]);
    expect([s(0), s(0.125), s(0.25), s(0.625), s(1)]).toEqual([0, 0.5, 1, 0.5, 0]);
    expect(() => combineSchedules([0.5, 0.6], [linearSchedule(0, 1), linearSchedule(0, 1)])).toThrow(/sum to 1/);
  });

  it('one-cycle matches the formula at every position; momentum moves inversely', () => {
    const {lr, mom} = oneCycleSchedules(0.1, {div: 25, divFinal: 1e5, pctStart: 0.25});
    for (const pos of [0, 0.1, 0.2, 0.25, 0.3, 0.5, 0.8, 0.99, 1]) {
      expect(lr(pos)).toBeCloseTo(oneCycleLr(pos, 0.1, 25, 1e5, 0.25), 12);
    }
    expect(lr(0)).toBeCloseTo(0.1 / 25, 12);
    expect(lr(0.25)).toBeCloseTo(0.1, 12);
    expect(lr(1)).toBeCloseTo(0.1 / 1e5, 12);
    expect([mom(0), mom(0.25), mom(1)]).toEqual([expect.closeTo(0.95, 12), expect.closeTo(0.85, 12), expect.closeTo(0.95, 12)]);
    expect(mom(0.125)).toBeCloseTo(0.9, 12);
  });

  it('fitOneCycle sets lr and mom per batch from the schedule (recorded per batch)', async () => {
    const dls = linearData({train: 160, batchSize: 16});
    const learn = new Learner(linearModel(), dls, {loss: mseLoss(), opt: sgd({momentum: 0.9}), progress: false});
    await learn.fitOneCycle(2, 0.05, {pctStart: 0.3});
    const total = 2 * dls.train.length;
    const lrs = learn.recorder.batchLr.values;
    const moms = learn.recorder.batchMom.values;
    expect(lrs.length).toBe(total);
    for (let i = 0; i < total; i++) {
      expect(lrs[i]).toBeCloseTo(oneCycleLr(i / total, 0.05, 25, 1e5, 0.3), 6);
    }
    const {mom} = oneCycleSchedules(0.05, {pctStart: 0.3});
    expect(Array.from(moms)).toEqual(Array.from({length: total}, (_, i) => expect.closeTo(mom(i / total), 6)));
    learn.dispose();
  });
});
