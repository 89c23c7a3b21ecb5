import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {
  averageModels,
  cloneModel,
  crossEntropyLoss,
  DataLoaders,
  Ensemble,
  Learner,
  scaleModel,
  accuracy,
} from '../../../src/lib';
import {blobData, blobModel} from './fixtures';

describe('Ensemble', () => {
  // 4 items given as one-hot inputs; each member's dense layer holds log-probabilities, so its softmax output for
  // item i is exactly row i of its table.
  const tables = [
    [[0.4, 0.35, 0.25], [0.2, 0.7, 0.1], [0.6, 0.1, 0.3], [0.9, 0.05, 0.05]],
    [[0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.1, 0.5, 0.4], [0.9, 0.05, 0.05]],
    [[0.5, 0.4, 0.1], [0.6, 0.3, 0.1], [0.1, 0.2, 0.7], [0.9, 0.05, 0.05]],
  ];
  const targets = Int32Array.from([0, 1, 2, 0]);
  const x = Float32Array.from({length: 16}, (_, i) => (i % 5 === 0 ? 1 : 0));
  const member = (table: number[][]) => {
    const dls = DataLoaders.fromArrays(
      {train: {x, y: targets}, valid: {x, y: targets}, itemShape: [4], target: 'class'},
      {batchSize: 4, seed: 1, checkLeakage: false},
    );
    const model = tf.sequential({layers: [tf.layers.dense({units: 3, inputShape: [4], useBias: false})]});
    model.setWeights([tf.log(tf.tensor2d(table))]);
    return new Learner(model, dls, {loss: crossEntropyLoss(), progress: false});
  };
  const ensemble = new Ensemble(tables.map(member));

  it('majority vote (ties to the higher mean probability) versus probability vote', async () => {
    const majority = await ensemble.predict('valid', {vote: 'majority'});
    expect(Array.from(majority.predicted)).toEqual([0, 1, 2, 0]);
    expect(majority.accuracy).toBe(1);
    expect(majority.memberPredictions.map((p) => Array.from(p))).toEqual([
      [0, 1, 0, 0],
      [1, 1, 1, 0],
      [0, 0, 2, 0],
    ]);
    const probability = await ensemble.predict('valid', {vote: 'probability'});
    expect(Array.from(probability.predicted)).toEqual([1, 1, 2, 0]);
    expect(probability.accuracy).toBe(0.75);
    expect(probability.meanProbs[1]).toBeCloseTo((0.35 + 0.8 + 0.4) / 3, 5);
  });
});

describe('federated averaging', () => {
  const weightsOf = (m: tf.LayersModel) => m.getWeights().map((t) => Array.from(t.dataSync()));

  it('the mean of two copies of one model is that model', async () => {
    const model = blobModel(21);
    const copy = await cloneModel(model);
    expect(copy).not.toBe(model);
    expect(weightsOf(copy)).toEqual(weightsOf(model));
    const mean = await averageModels([model, copy]);
    weightsOf(mean).forEach((w, i) => expect(w).toEqual(weightsOf(model)[i].map((v) => expect.closeTo(v, 6))));
  });

  it('weighted means and scalar multiples follow the arithmetic', async () => {
    const a = blobModel(1);
    const b = blobModel(2);
    const [wa, wb] = [weightsOf(a), weightsOf(b)];
    const weighted = await averageModels([a, b], {weights: [1, 3]});
    weightsOf(weighted).forEach((w, i) => expect(w).toEqual(wa[i].map((v, j) => expect.closeTo(0.25 * v + 0.75 * wb[i][j], 5))));
    const into = blobModel(3);
    const doubled = await scaleModel(a, 2, {into});
    expect(doubled).toBe(into);
    weightsOf(into).forEach((w, i) => expect(w).toEqual(wa[i].map((v) => expect.closeTo(2 * v, 5))));
    // The inputs are untouched.
    expect(weightsOf(a)).toEqual(wa);
  });

  it('refuses models of different architecture and bad weights', async () => {
    const wide = tf.sequential({layers: [tf.layers.dense({units: 9, inputShape: [2]}), tf.layers.dense({units: 3})]});
    await expect(averageModels([blobModel(), wide])).rejects.toThrow(/weight 0 .* is \[2x9\] in model 1 but \[2x8\] in model 0/);
    await expect(averageModels([blobModel(), blobModel()], {weights: [1, -1]})).rejects.toThrow(/non-negative/);
  });

  it('evaluates and retrains the combined model (the thesis’ experiment)', async () => {
    const dls = blobData();
    const clients = [blobModel(5), blobModel(6)];
    for (const model of clients) {
      await new Learner(model, dls, {loss: crossEntropyLoss(), progress: false}).fit(2, 1e-2);
    }
    const merged = await averageModels(clients);
    const learn = new Learner(merged, dls, {loss: crossEntropyLoss(), metrics: [accuracy()], progress: false});
    const before = await learn.validate();
    await learn.fit(2, 1e-2);
    const after = await learn.validate();
    expect(Number.isFinite(before.loss)).toBe(true);
    expect(after.loss).toBeLessThan(before.loss);
  });
});
