import * as tf from '@tensorflow/tfjs';
import {afterEach, describe, expect, it} from 'vitest';
import {enterCellContext, Learner, mseLoss, sgd, type Callback, type DisplaySpec, type ProgressSpec} from '../../../src/lib';
import {linearData, linearModel} from './fixtures';

afterEach(() => enterCellContext(undefined));

describe('aborting long calls', () => {
  it('stops within one batch, rejects with the abort reason, and leaves the model usable', async () => {
    const dls = linearData({train: 320, batchSize: 16});
    const learn = new Learner(linearModel(), dls, {loss: mseLoss(), opt: sgd({momentum: 0.9}), progress: false});
    await learn.fit(1, 0.01); // slots exist now
    const baseline = tf.memory().numTensors;
    const controller = new AbortController();
    let batches = 0;
    let abortedInAfterFit = false;
    const stopper: Callback = {
      name: 'stopper',
      afterBatch(s) {
        if (!s.training) return;
        batches++;
        if (s.epoch === 1 && s.iter === 2) controller.abort();
      },
      afterFit: (s) => void (abortedInAfterFit = s.aborted),
    };
    await expect(learn.fit(3, 0.01, {signal: controller.signal, callbacks: [stopper]})).rejects.toMatchObject({
      name: 'AbortError',
    });
    // Epoch 0 (20 batches) and batches 0–2 of epoch 1; the next batch never starts.
    expect(batches).toBe(23);
    expect(abortedInAfterFit).toBe(true);
    expect(learn.epoch).toBe(2);
    expect(tf.memory().numTensors).toBe(baseline);
    const {loss} = await learn.validate();
    expect(Number.isFinite(loss)).toBe(true);
    await learn.fit(1, 0.01);
    expect(learn.recorder.validLoss.length).toBe(3);
  });

  it('notices an abort from outside the loop (a timer, a stop button) at the next batch', async () => {
    const dls = linearData({train: 4000, batchSize: 16});
    const learn = new Learner(linearModel(), dls, {loss: mseLoss(), progress: false});
    const controller = new AbortController();
    let abortedAt = -1;
    let last = -1;
    const watch: Callback = {name: 'watch', afterBatch: (s) => void (s.training && (last = s.trainIter))};
    setTimeout(() => {
      abortedAt = last;
      controller.abort();
    }, 30);
    await expect(learn.fit(5, 0.01, {signal: controller.signal, callbacks: [watch]})).rejects.toThrow();
    expect(abortedAt).toBeGreaterThanOrEqual(0);
    expect(last - abortedAt).toBeLessThanOrEqual(1);
  });

  it('uses the running cell’s signal and display by default; explicit options win', async () => {
    const specs: {spec: DisplaySpec; id?: string}[] = [];
    const cell = new AbortController();
    enterCellContext({display: (spec, options) => void specs.push({spec, id: options?.id}), signal: cell.signal});
    const learn = new Learner(linearModel(), linearData({train: 640, batchSize: 16}), {loss: mseLoss()});
    const running = learn.fit(2, 0.01, {callbacks: [{name: 'rerun', afterBatch: (s) => void (s.trainIter === 5 && cell.abort())}]});
    enterCellContext(undefined); // the cell's code has returned; the call keeps what it read at its start
    await expect(running).rejects.toMatchObject({name: 'AbortError'});
    const progress = specs.map((s) => s.spec as ProgressSpec);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(new Set(specs.map((s) => s.id)).size).toBe(1);
    expect(progress.every((p) => p.$display === 'progress' && p.total === 2 * (40 + 4))).toBe(true);
    expect(progress.at(-1)!.state).toBe('aborted');

    enterCellContext({display: () => undefined, signal: AbortSignal.abort()});
    const own = new AbortController();
    const lines: string[] = [];
    await learn.fit(1, 0.01, {signal: own.signal, progress: {print: (line) => void lines.push(line)}});
    expect(lines).toEqual([expect.stringMatching(/^epoch 1\/1 · train_loss [\d.e-]+ · valid_loss [\d.e-]+ · [\d.]+s$/)]);
  });
});
