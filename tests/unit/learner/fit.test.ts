import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {
  accuracy,
  crossEntropyLoss,
  l2Penalty,
  Learner,
  mae,
  mseLoss,
  sgd,
  type Callback,
  type FitState,
} from '../../../src/lib';
import {blobData, blobModel, linearData, linearModel} from './fixtures';

describe('Learner.fit', () => {
  it('fits a linear regression and records a typed history', async () => {
    const dls = linearData();
    const learn = new Learner(linearModel(), dls, {loss: mseLoss(), metrics: [mae()], opt: sgd({momentum: 0.9}), progress: false});
    const result = await learn.fit(4, 0.05);
    const [w, b] = learn.model.getWeights().map((t) => t.dataSync()[0]);
    expect(w).toBeCloseTo(3, 1);
    expect(b).toBeCloseTo(1, 1);
    const r = learn.recorder;
    expect(r.batchLoss.values).toBeInstanceOf(Float32Array);
    expect(r.batchLoss.length).toBe(4 * dls.train.length);
    expect(r.validLoss.length).toBe(4);
    expect(r.metrics.get('mae')!.values[3]).toBeLessThan(0.05);
    expect(r.validLoss.values[3]).toBeLessThan(r.validLoss.values[0]);
    expect(result.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    expect(learn.epoch).toBe(4);
    // The epoch's train loss is the mean of its batch losses.
    const first = r.batchLoss.values.slice(0, dls.train.length);
    expect(r.trainLoss.values[0]).toBeCloseTo(first.reduce((a, v) => a + v, 0) / first.length, 5);
    learn.dispose();
  });

  it('keeps the tensor count flat across epochs and leaves only the optimizer’s state behind', async () => {
    const learn = new Learner(blobModel(), blobData(), {loss: crossEntropyLoss(), metrics: [accuracy()], progress: false});
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const probe: Callback = {name: 'count', afterEpoch: () => void counts.push(tf.memory().numTensors)};
    await learn.fit(4, 1e-2, {callbacks: [probe]});
    expect(new Set(counts).size).toBe(1);
    // AdamW keeps two slots for each of the 4 weights, and 8 hyperparameter scalars (β1, 1 − β1, β2, 1 − β2, the
    // bias correction, ε, the step size and the decay factor).
    expect(tf.memory().numTensors - before).toBe(16);
    learn.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads losses back every readEvery batches, not per batch, and yields to the event loop', async () => {
    const dls = linearData({train: 320, batchSize: 16}); // 20 batches
    const learn = new Learner(linearModel(), dls, {loss: mseLoss(), opt: sgd(), progress: false, readEvery: 8});
    const seenAtBatch: number[] = [];
    let reads = 0;
    const spy: Callback = {
      name: 'spy',
      afterBatch: (s) => void (s.training && seenAtBatch.push(s.recorder.batchLoss.length)),
      afterRead: () => void reads++,
    };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await learn.fit(1, 0.01, {callbacks: [spy]});
    clearInterval(timer);
    // Values arrive in chunks of 8 (reads start after batches 8 and 16), the last 4 at the epoch's flush.
    expect(seenAtBatch.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(seenAtBatch.every((v, i) => v % 8 === 0 && v <= i)).toBe(true);
    expect(reads).toBe(3);
    expect(learn.recorder.batchLoss.length).toBe(20);
    expect(ticks).toBeGreaterThan(0);
  });

  it('runs the callback events in order', async () => {
    const dls = linearData({train: 32, valid: 16, batchSize: 16});
    const events: string[] = [];
    const names = [
      'beforeFit',
      'beforeEpoch',
      'beforeTrain',
      'beforeBatch',
      'afterPred',
      'afterLoss',
      'beforeBackward',
      'afterBackward',
      'beforeStep',
      'afterStep',
      'afterBatch',
      'afterTrain',
      'beforeValidate',
      'afterValidate',
      'afterEpoch',
      'afterFit',
    ] as const;
    const cb = Object.fromEntries(names.map((n) => [n, (s: FitState) => void events.push(n + (n === 'afterBatch' && !s.training ? '(valid)' : ''))]));
    const learn = new Learner(linearModel(), dls, {loss: mseLoss(), progress: false, callbacks: [{name: 'log', ...cb}]});
    await learn.fit(1);
    const step = ['beforeBatch', 'afterPred', 'afterLoss', 'beforeBackward', 'afterBackward', 'beforeStep', 'afterStep', 'afterBatch'];
    expect(events).toEqual([
      'beforeFit',
      'beforeEpoch',
      'beforeTrain',
      ...step,
      ...step,
      'afterTrain',
      'beforeValidate',
      'afterBatch(valid)',
      'afterValidate',
      'afterEpoch',
      'afterFit',
    ]);
  });

  it('spreads discriminative learning rates over layer groups', async () => {
    const learn = new Learner(blobModel(), blobData(), {loss: crossEntropyLoss(), progress: false});
    await learn.fit(1, {from: 1e-4, to: 1e-2});
    expect(learn.opt.lr).toBe(1e-2);
    expect(learn.opt.groups.map((g) => g.lrMult)).toEqual([
      expect.closeTo(1e-2, 9),
      expect.closeTo(1e-2, 9),
      1,
      1,
    ]);
    await learn.fit(1, [1e-3, 2e-3]);
    expect(learn.opt.groups.map((g) => g.lrMult)).toEqual([0.5, 0.5, 1, 1]);
    await expect(learn.fit(1, [1e-3])).rejects.toThrow(/1 given for 2 layer groups/);
  });

  it('adds the weight penalty to the training loss: Nielsen’s L2 equals decoupled wd for plain SGD', async () => {
    const [lambda, n, lr] = [5, 40, 0.1];
    const run = async (options: {penalty?: ReturnType<typeof l2Penalty>; wd?: number}) => {
      const learn = new Learner(blobModel(7), blobData({seed: 5}), {loss: crossEntropyLoss(), opt: sgd(), progress: false, ...options});
      await learn.fit(1, lr);
      return learn.model.getWeights().map((t) => Array.from(t.dataSync()));
    };
    const penalised = await run({penalty: l2Penalty({lambda, n})});
    const decayed = await run({wd: lambda / n});
    const plain = await run({});
    penalised.forEach((w, i) => expect(w).toEqual(decayed[i].map((v) => expect.closeTo(v, 5))));
    expect(penalised[0]).not.toEqual(plain[0].map((v) => expect.closeTo(v, 5)));
  });

  it('refuses overlapping calls and bad arguments with clear errors', async () => {
    const learn = new Learner(linearModel(), linearData(), {loss: mseLoss(), progress: false});
    const running = learn.fit(1);
    await expect(learn.validate()).rejects.toThrow(/another call/);
    await running;
    await expect(learn.fit(0)).rejects.toThrow(/positive integer/);
    expect(() => new Learner(linearModel(), linearData(), {} as never)).toThrow(/loss is required/);
  });
});
