import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {
  accuracy,
  ActivationStats,
  adam,
  CheckpointCallback,
  clipByGlobalNorm,
  crossEntropyLoss,
  CsvLogger,
  EarlyStopping,
  GradientClipping,
  Learner,
  MemoryCheckpointStore,
  MixUp,
  mseLoss,
  sampleBeta,
  SaveBestModel,
  sgd,
  createRng,
  DataLoaders,
  type Callback,
} from '../../../src/lib';
import {blobData, blobModel, linearData, linearModel} from './fixtures';

/** Forces the recorded valid loss of each epoch to the given values (what the monitors read). */
function scriptedValidLoss(values: number[]): Callback {
  return {
    name: 'script',
    order: 1,
    afterEpoch(s) {
      const r = s.recorder;
      r.validLoss.set(r.validLoss.length - 1, values[s.epoch]);
    },
  };
}

describe('early stopping and save-best-model', () => {
  it('stops after `patience` epochs without improvement, as a normal end', async () => {
    const learn = new Learner(linearModel(), linearData({train: 64}), {loss: mseLoss(), progress: false});
    const early = new EarlyStopping({patience: 2});
    const result = await learn.fit(10, 1e-3, {callbacks: [scriptedValidLoss([5, 4, 4.5, 4.2, 3, 2]), early]});
    // best 4 at epoch 1; epochs 2 and 3 do not improve: two epochs without improvement, stop after epoch 3.
    expect(result.epochs.length).toBe(4);
    expect(result.stopReason).toMatch(/early stopping: no improvement in valid_loss/);
    expect(early.stoppedEpoch).toBe(3);
  });

  it('follows a metric’s direction and minDelta', async () => {
    const learn = new Learner(blobModel(), blobData(), {loss: crossEntropyLoss(), metrics: [accuracy()], progress: false});
    const script: Callback = {
      name: 'script',
      order: 1,
      afterEpoch: (s) => s.recorder.metrics.get('accuracy')!.set(s.epoch, [0.5, 0.6, 0.605, 0.7][s.epoch]),
    };
    const result = await learn.fit(4, 1e-3, {callbacks: [script, new EarlyStopping({monitor: 'accuracy', minDelta: 0.01})]});
    expect(result.epochs.length).toBe(3);
    await expect(learn.fit(1, 1e-3, {callbacks: [new EarlyStopping({monitor: 'nope'})]})).rejects.toThrow(/no recorded value named 'nope'/);
  });

  it('restores the best epoch’s weights at the end', async () => {
    const learn = new Learner(linearModel(), linearData({train: 64}), {loss: mseLoss(), opt: sgd(), progress: false});
    const snapshots: number[][] = [];
    const keep: Callback = {name: 'keep', afterEpoch: () => void snapshots.push(learn.model.getWeights().map((t) => t.dataSync()[0]))};
    const best = new SaveBestModel();
    const tensors = tf.memory().numTensors;
    await learn.fit(4, 0.05, {callbacks: [scriptedValidLoss([3, 1, 2, 4]), keep, best]});
    expect(best.bestEpoch).toBe(1);
    expect(best.bestValue).toBe(1);
    expect(learn.model.getWeights().map((t) => t.dataSync()[0])).toEqual(snapshots[1]);
    expect(snapshots[3]).not.toEqual(snapshots[1]);
    best.dispose();
    learn.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
  });
});

describe('logging', () => {
  it('writes one CSV row per epoch', async () => {
    const learn = new Learner(blobModel(), blobData(), {loss: crossEntropyLoss(), metrics: [accuracy()], progress: false});
    const csv = new CsvLogger();
    await learn.fit(2, 1e-2, {callbacks: [csv]});
    const lines = csv.text().trim().split('\n');
    expect(lines[0]).toBe('epoch,train_loss,valid_loss,accuracy,seconds');
    expect(lines).toHaveLength(3);
    const row = lines[2].split(',').map(Number);
    expect(row[0]).toBe(1);
    expect(row[1]).toBeCloseTo(learn.recorder.trainLoss.values[1], 5);
    expect(row[3]).toBeCloseTo(learn.recorder.metrics.get('accuracy')!.values[1], 5);
    expect(csv.blob().type).toBe('text/csv');
    expect(await csv.blob().text()).toBe(csv.text());
  });
});

describe('gradient clipping', () => {
  it('scales all gradients by maxNorm/‖g‖ when the global norm is larger', () => {
    const grads = {a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4])}; // ‖g‖ = 5
    const clipped = clipByGlobalNorm(grads, 1);
    expect(Array.from(clipped.a.dataSync())).toEqual([expect.closeTo(0.6, 5), 0]);
    expect(Array.from(clipped.b.dataSync())).toEqual([0, expect.closeTo(0.8, 5)]);
    const untouched = clipByGlobalNorm(grads, 10);
    expect(Array.from(untouched.b.dataSync())).toEqual([0, 4]);
  });

  it('bounds each SGD step during training', async () => {
    const learn = new Learner(linearModel(), linearData({train: 16, batchSize: 16}), {loss: mseLoss(), opt: sgd(), progress: false});
    const before = learn.model.getWeights().map((t) => t.dataSync()[0]);
    await learn.fit(1, 1, {callbacks: [new GradientClipping(0.01)]});
    const after = learn.model.getWeights().map((t) => t.dataSync()[0]);
    const step = Math.hypot(after[0] - before[0], after[1] - before[1]);
    expect(step).toBeCloseTo(0.01, 4);
  });
});

describe('mixup', () => {
  it('draws Beta(α, α) with the right mean and spread', () => {
    const rng = createRng(1);
    const xs = Array.from({length: 4000}, () => sampleBeta(0.4, 0.4, rng));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(variance).toBeCloseTo(1 / (4 * (2 * 0.4 + 1)), 1); // ab/((a+b)²(a+b+1)) = 0.1389
  });

  it('mixes inputs and losses with λ ≥ ½ per item; the recorded loss is the mixed loss', async () => {
    const dls = linearData({train: 16, batchSize: 16});
    const learn = new Learner(linearModel(), dls, {loss: mseLoss(), opt: sgd(), progress: false});
    const mix = new MixUp({alpha: 0.4, seed: 3});
    let check: {x: number[]; mixed: number[]; y: number[]; pred: number[]; loss: number} | undefined;
    let original: number[] = [];
    const spy: Callback[] = [
      {name: 'before', order: -6, beforeBatch: (s) => void (original = Array.from(s.batch!.x.dataSync()))},
      {
        name: 'after',
        afterLoss: (s) =>
          void (check = {
            x: original,
            mixed: Array.from(s.batch!.x.dataSync()),
            y: Array.from(s.batch!.y.dataSync()),
            pred: Array.from(s.pred!.dataSync()),
            loss: s.loss!.dataSync()[0],
          }),
      },
    ];
    await learn.fit(1, 0, {callbacks: [mix, ...spy]});
    const lam = Array.from(mix.lastLambda!);
    expect(lam.every((l) => l >= 0.5 && l <= 1)).toBe(true);
    expect(lam.some((l) => l < 0.99)).toBe(true);
    // Each mixed x is λ·x_i + (1 − λ)·x_j for some j; solve for x_j and find it in the batch.
    const {x, mixed, y, pred, loss} = check!;
    const partner = mixed.map((m, i) => {
      if (lam[i] === 1) return i;
      const xj = (m - lam[i] * x[i]) / (1 - lam[i]);
      return x.findIndex((v) => Math.abs(v - xj) < 1e-3);
    });
    expect(partner.every((j) => j >= 0)).toBe(true);
    expect(new Set(partner).size).toBe(16); // a permutation
    const want =
      pred.reduce((s, p, i) => s + lam[i] * (p - y[i]) ** 2 + (1 - lam[i]) * (p - y[partner[i]]) ** 2, 0) / 16;
    expect(loss).toBeCloseTo(want, 4);
  });
});

describe('activation statistics', () => {
  it('counts a value on the top edge of the histogram range in the last bin, as torch.histc does', async () => {
    const x = Float32Array.from([0, 1, 2, 3, 4]);
    const dls = DataLoaders.fromArrays({train: {x, y: x}, valid: {x, y: x}, itemShape: [1], target: 'regression'}, {batchSize: 5, shuffle: false, checkLeakage: false});
    const identity = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1], kernelInitializer: 'ones', biasInitializer: 'zeros'}), tf.layers.dense({units: 1})]});
    const stats = new ActivationStats({histogram: true, bins: 4, range: [0, 4]});
    await new Learner(identity, dls, {loss: mseLoss(), opt: sgd(), progress: false}).fit(1, 1e-3, {callbacks: [stats]});
    expect(Array.from(stats.stats[0].histogram[0])).toEqual([1, 1, 1, 2]);
  });

  it('records mean, std and histograms of each weighted layer per batch', async () => {
    const dls = blobData({train: 60, batchSize: 20});
    const learn = new Learner(blobModel(), dls, {loss: crossEntropyLoss(), progress: false});
    const stats = new ActivationStats({histogram: true, bins: 4, range: [0, 4]});
    let expected: {mean: number; std: number; hist: number[]} | undefined;
    const probe: Callback = {
      name: 'probe',
      afterPred(s) {
        if (s.trainIter !== 0) return;
        const hidden = tf.tidy(() => (learn.model.layers[0].apply(s.batch!.x) as tf.Tensor).dataSync());
        const values = Array.from(hidden);
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
        const hist = [0, 1, 2, 3].map((b) => values.filter((v) => v >= b && (b === 3 ? v <= 4 : v < b + 1)).length);
        expected = {mean, std, hist};
      },
    };
    await learn.fit(2, 1e-2, {callbacks: [stats, probe]});
    expect(stats.stats.map((s) => s.layer)).toEqual(learn.model.layers.map((l) => l.name));
    expect(stats.stats[0].mean.length).toBe(6);
    expect(stats.stats[0].mean.values[0]).toBeCloseTo(expected!.mean, 5);
    expect(stats.stats[0].std.values[0]).toBeCloseTo(expected!.std, 5);
    expect(Array.from(stats.stats[0].histogram[0])).toEqual(expected!.hist);
    // The model's own forward pass is back after the fit.
    const before = stats.stats[0].mean.length;
    await learn.fit(1, 1e-2);
    expect(stats.stats[0].mean.length).toBe(before);
  });
});

describe('checkpoints', () => {
  it('saves weights, optimizer state and epoch, and resumes identically', async () => {
    const store = new MemoryCheckpointStore();
    const make = () => new Learner(blobModel(11), blobData(), {loss: crossEntropyLoss(), opt: adam(), progress: false});
    const a = make();
    const checkpoint = new CheckpointCallback({store, key: 'run', keepAll: true});
    await a.fit(2, 1e-2, {callbacks: [checkpoint]});
    expect(checkpoint.saved).toEqual(['run/epoch-1', 'run/epoch-2']);
    const saved = await store.load('run/epoch-2');
    expect(saved!.epoch).toBe(2);
    expect(Object.keys(saved!.optimizer.slots)).toContain('0/m');

    // A new learner (new tfjs variable names) resumes; both then train one more identical epoch.
    const b = make();
    await b.load(store, 'run/epoch-2');
    expect(b.epoch).toBe(2);
    const weightsA = a.model.getWeights().map((t) => Array.from(t.dataSync()));
    expect(b.model.getWeights().map((t) => Array.from(t.dataSync()))).toEqual(weightsA);
    expect(await b.opt.getState()).toEqual(
      Object.fromEntries(
        Object.entries(await a.opt.getState()).map(([k, v]) => {
          const name = (m: Learner, j: number) => (m.model.weights[j].read() as tf.Variable).name;
          const i = a.model.weights.findIndex((_, j) => k.startsWith(`${name(a, j)}/`));
          return [k.replace(name(a, i), name(b, i)), v];
        }),
      ),
    );
    await expect(b.load(store, 'missing')).rejects.toThrow(/no checkpoint under 'missing'/);
    const wrong = {...saved!, weights: saved!.weights.slice(1)};
    expect(() => b.setState(wrong)).toThrow(/3 weights, the model has 4/);
  });
});
