import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {CsvLogger, EarlyStopping, Learner, mseLoss, sgd, suggestLearningRates} from '../../../src/lib';
import {linearData, linearModel} from './fixtures';

describe('lrFind', () => {
  it('suggests a sensible learning rate for linear regression and restores the weights and optimizer', async () => {
    const dls = linearData({train: 1600, batchSize: 16, seed: 3});
    const learn = new Learner(linearModel(), dls, {loss: mseLoss(), opt: sgd({momentum: 0.9}), progress: false});
    await learn.fit(1, 1e-3); // momentum slots and a moved model to restore
    const weights = learn.model.getWeights().map((t) => Array.from(t.dataSync()));
    const state = await learn.opt.getState();
    const tensors = tf.memory().numTensors;
    const result = await learn.lrFind({numIt: 100});
    // SGD with momentum 0.9 on this problem converges for lr up to ~0.3 and diverges beyond ~1.
    expect(result.suggestions.valley).toBeGreaterThan(5e-3);
    expect(result.suggestions.valley).toBeLessThan(0.5);
    expect(result.suggestions.minimum).toBeGreaterThan(5e-3);
    expect(result.suggestions.minimum).toBeLessThan(0.5);
    expect(result.lrs[0]).toBeCloseTo(1e-7, 12);
    expect(result.lrs.length).toBe(result.losses.length);
    expect(result.lrs.length).toBeLessThanOrEqual(100);
    for (let i = 1; i < result.lrs.length; i++) expect(result.lrs[i]).toBeGreaterThan(result.lrs[i - 1]);
    expect(learn.model.getWeights().map((t) => Array.from(t.dataSync()))).toEqual(weights);
    expect(await learn.opt.getState()).toEqual(state);
    expect(learn.opt.lr).toBe(1e-3);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(learn.recorder.batchLoss.length).toBe(dls.train.length); // the sweep is not training history
  });

  it('stops when the loss diverges', async () => {
    const learn = new Learner(linearModel(), linearData({train: 1600, batchSize: 16}), {loss: mseLoss(), opt: sgd(), progress: false});
    const result = await learn.lrFind({endLr: 1e3, numIt: 100, readEvery: 1});
    expect(result.lrs.length).toBeLessThan(100);
    const last = result.losses.at(-1)!;
    expect(!Number.isFinite(last) || last > 4 * Math.min(...result.losses)).toBe(true);
  });

  it('sweeps across epochs without the learner’s epoch-level callbacks', async () => {
    const dls = linearData({train: 160, batchSize: 16}); // 10 batches per epoch
    const csv = new CsvLogger();
    const learn = new Learner(linearModel(), dls, {loss: mseLoss(), progress: false, callbacks: [new EarlyStopping(), csv]});
    const result = await learn.lrFind({numIt: 35, endLr: 1e-2});
    expect(result.lrs.length).toBe(35);
    expect(csv.text()).toBe('');
  });

  it('reads the valley, the steepest descent and the minimum off a curve', () => {
    const lrs = Array.from({length: 30}, (_, i) => 10 ** (-6 + i / 5));
    // flat until index 10, falls steadily to index 24, rises after
    const losses = lrs.map((_, i) => (i < 10 ? 2 : i <= 24 ? 2 - (i - 10) * 0.1 : 0.6 + (i - 24) * 0.5));
    losses[16] -= 0.3; // one steep step
    const s = suggestLearningRates(lrs, losses);
    expect(s.minimum).toBeCloseTo(lrs[24] / 10, 12);
    expect(s.steep).toBe(lrs[15]);
    expect(s.valley).toBe(lrs[17]);
  });
});
