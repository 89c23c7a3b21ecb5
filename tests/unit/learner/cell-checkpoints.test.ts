import {afterEach, describe, expect, it, vi} from 'vitest';
import {DataLoaders, enterCellContext, Learner, MemoryCheckpointStore, mseLoss, sgd, type CellContext, type LearnerState} from '../../../src/lib';
import {linearModel} from './fixtures';

afterEach(() => enterCellContext(undefined));

// Shuffled with a seed: a resumed fit must see the batches (in the order) the uninterrupted one saw.
function data() {
  const x = Float32Array.from({length: 96}, (_, i) => i / 48 - 1);
  const y = Float32Array.from(x, (v) => 3 * v + 1 + 0.3 * Math.sin(7 * v));
  return DataLoaders.fromArrays({train: {x, y}, valid: {x, y}, itemShape: [1], target: 'regression'}, {batchSize: 16, seed: 5, checkLeakage: false});
}

function cellRun(store: MemoryCheckpointStore, resume: boolean, signal = new AbortController().signal): CellContext {
  const context: CellContext = {display: () => undefined, signal, checkpoints: {store, key: 'cell-1', resume}};
  enterCellContext(context);
  return context;
}

const weights = (learn: Learner) => learn.model.getWeights().map((w) => Array.from(w.dataSync()));

describe('training in a notebook cell checkpoints and resumes', () => {
  it('saves every epoch under the cell key and, when resumed after an interruption, finishes the same schedule', async () => {
    const reference = new Learner(linearModel(), data(), {loss: mseLoss(), opt: sgd({momentum: 0.9}), progress: false});
    await reference.fitOneCycle(3, 0.05);

    const store = new MemoryCheckpointStore();
    const interrupt = new AbortController();
    cellRun(store, false, interrupt.signal);
    const first = new Learner(linearModel(), data(), {loss: mseLoss(), opt: sgd({momentum: 0.9}), progress: false});
    const stopAfterTwo = {name: 'stop', afterEpoch: () => void (first.epoch === 2 && interrupt.abort())};
    await expect(first.fitOneCycle(3, 0.05, {callbacks: [stopAfterTwo]})).rejects.toMatchObject({name: 'AbortError'});
    expect(store.keys()).toEqual(['cell-1']);
    expect((await store.load('cell-1'))!.epoch).toBe(2);

    // The page reloads: the cell runs again on a fresh model and the user chose to resume.
    cellRun(store, true);
    const resumed = new Learner(linearModel(), data(), {loss: mseLoss(), opt: sgd({momentum: 0.9}), progress: false});
    const result = await resumed.fitOneCycle(3, 0.05);
    expect(result.epochs.map((e) => e.epoch)).toEqual([2]);
    expect(resumed.epoch).toBe(3);
    // The curves go on where they stopped: the history came back with the checkpoint.
    expect(Array.from(resumed.recorder.epoch.values)).toEqual([0, 1, 2]);
    expect(resumed.recorder.batchLoss.length).toBe(reference.recorder.batchLoss.length);
    Array.from(resumed.recorder.validLoss.values).forEach((v, i) => expect(v).toBeCloseTo(reference.recorder.validLoss.values[i], 5));
    const expected = weights(reference);
    weights(resumed).forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
    for (const learn of [reference, first, resumed]) learn.dispose();
  });

  it('keys later phases apart, ignores a checkpoint from another schedule, and starts over unless asked to resume', async () => {
    const store = new MemoryCheckpointStore();
    cellRun(store, false);
    const learn = new Learner(linearModel(), data(), {loss: mseLoss(), opt: sgd(), progress: false});
    await learn.fit(1, 0.01);
    await learn.fit(2, 0.01);
    expect(store.keys().sort()).toEqual(['cell-1', 'cell-1/phase-1']);

    // Not resuming: trains every epoch again.
    cellRun(store, false);
    const fresh = new Learner(linearModel(), data(), {loss: mseLoss(), opt: sgd(), progress: false});
    expect((await fresh.fit(1, 0.01)).epochs).toHaveLength(1);

    // A saved state with more epochs than this phase has (the cell's code changed to fewer epochs) is not used.
    const longer: LearnerState = {...(await store.load('cell-1'))!, epoch: 5};
    await store.save('cell-1', longer);
    cellRun(store, true);
    const shorter = new Learner(linearModel(), data(), {loss: mseLoss(), opt: sgd(), progress: false});
    expect((await shorter.fit(2, 0.01)).epochs.map((e) => e.epoch)).toEqual([0, 1]);
  });

  it('keeps training when the store fails, with one warning', async () => {
    const broken = {save: () => Promise.reject(new Error('QuotaExceededError')), load: () => Promise.reject(new Error('no IndexedDB'))};
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      enterCellContext({display: () => undefined, signal: new AbortController().signal, checkpoints: {store: broken, key: 'cell-1', resume: true}});
      const learn = new Learner(linearModel(), data(), {loss: mseLoss(), opt: sgd(), progress: false});
      expect((await learn.fit(3, 0.01)).epochs).toHaveLength(3);
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
        "Checkpoint 'cell-1' could not be read; training starts over:",
        "Checkpoint 'cell-1' could not be saved; training goes on without checkpoints:",
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
