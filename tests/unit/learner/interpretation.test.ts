import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {
  ClassificationInterpretation,
  crossEntropyLoss,
  DataLoaders,
  Learner,
  SegmentationInterpretation,
} from '../../../src/lib';
import {blobData, blobModel} from './fixtures';

describe('ClassificationInterpretation', () => {
  // 8 items, 3 classes; rows are probabilities. Truth → prediction: 0→0, 0→1, 0→1, 1→1, 1→2, 2→2, 2→0, 2→1.
  const probs = Float32Array.from([
    [0.8, 0.1, 0.1],
    [0.3, 0.6, 0.1],
    [0.2, 0.7, 0.1],
    [0.1, 0.8, 0.1],
    [0.1, 0.3, 0.6],
    [0.1, 0.1, 0.8],
    [0.5, 0.2, 0.3],
    [0.2, 0.6, 0.2],
  ].flat());
  const targets = Int32Array.from([0, 0, 0, 1, 1, 2, 2, 2]);
  const losses = Float32Array.from(targets, (t, i) => -Math.log(probs[i * 3 + t]));
  const interp = new ClassificationInterpretation({
    probs,
    numClasses: 3,
    targets,
    losses,
    indices: Int32Array.from({length: 8}, (_, i) => 100 + i),
    classes: ['cat', 'dog', 'fox'],
  });

  it('builds the confusion matrix', () => {
    expect(interp.confusionMatrix().rows()).toEqual([
      [1, 2, 0],
      [0, 1, 1],
      [1, 1, 1],
    ]);
  });

  it('lists the most confused pairs above minVal, most frequent first', () => {
    expect(interp.mostConfused(2)).toEqual([{actual: 'cat', predicted: 'dog', count: 2}]);
    const all = interp.mostConfused();
    expect(all[0]).toEqual({actual: 'cat', predicted: 'dog', count: 2});
    expect(all.slice(1)).toEqual([
      {actual: 'dog', predicted: 'fox', count: 1},
      {actual: 'fox', predicted: 'cat', count: 1},
      {actual: 'fox', predicted: 'dog', count: 1},
    ]);
  });

  it('ranks the top losses and says what was predicted', () => {
    const top = interp.topLosses(3);
    // −log p_true: item 2: −log 0.2; item 7: −log 0.2; item 1: −log 0.3; item 6: −log 0.3
    expect(top.map((t) => t.row)).toEqual([2, 7, 1]);
    expect(top[0]).toMatchObject({index: 102, actual: 'cat', predicted: 'dog', probability: expect.closeTo(0.7, 6)});
    expect(top[0].actualProbability).toBeCloseTo(0.2, 6);
    expect(interp.topLosses(1, {largest: false})[0].row).toBe(0); // p_true 0.8 (rows 0, 3, 5 tie; stable order)
    expect(() => new ClassificationInterpretation({probs, numClasses: 3, targets, losses: losses.slice(1), indices: new Int32Array(8)})).toThrow(
      /8 targets need 24 probabilities, 8 losses/,
    );
  });

  it('comes from a learner, with the items themselves', async () => {
    const dls = blobData();
    const learn = new Learner(blobModel(), dls, {loss: crossEntropyLoss(), progress: false});
    await learn.fit(1, 1e-2);
    const fromLearner = await ClassificationInterpretation.fromLearner(learn);
    const cm = fromLearner.confusionMatrix();
    expect(cm.support()).toEqual(Float64Array.from([20, 20, 20]));
    const top = fromLearner.topLosses(2);
    expect(top[0].loss).toBeGreaterThanOrEqual(top[1].loss);
    expect(top[0].item?.label).toBe(top[0].actual);
  });
});

describe('SegmentationInterpretation', () => {
  it('ranks items by their mean pixel loss and reports pixel accuracy', async () => {
    // 6 images of 2×2 pixels, one channel; the mask marks pixels brighter than 128.
    const x = Uint8Array.from([10, 200, 30, 250, 220, 230, 10, 20, 5, 5, 5, 5, 250, 250, 250, 250, 140, 100, 90, 10, 0, 255, 0, 255]);
    const y = Int32Array.from(x, (v) => (v > 128 ? 1 : 0));
    const data = {x, y};
    const dls = DataLoaders.fromArrays(
      {train: data, valid: data, itemShape: [2, 2, 1], yShape: [2, 2], target: 'mask'},
      {batchSize: 4, seed: 1, checkLeakage: false},
    );
    const model = tf.sequential({layers: [tf.layers.conv2d({inputShape: [2, 2, 1], filters: 2, kernelSize: 1})]});
    model.setWeights([tf.tensor4d([-4, 4], [1, 1, 1, 2]), tf.tensor1d([2, -2])]); // class 1 wins when x > 0.5
    const learn = new Learner(model, dls, {loss: crossEntropyLoss(), progress: false});
    const interp = await SegmentationInterpretation.fromLearner(learn);
    const {losses: direct} = await learn.getPreds();
    expect(Array.from(interp.losses)).toEqual(Array.from(direct!));
    const top = interp.topLosses(6);
    for (let i = 1; i < top.length; i++) expect(top[i - 1].loss).toBeGreaterThanOrEqual(top[i].loss);
    // Item 4 (140, 100, 90, 10) is the only one with a pixel (140 → 0.55) near the boundary; all are right.
    expect(top[0].index).toBe(4);
    expect(Array.from(interp.pixelAccuracy)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(top[0].item?.image?.width).toBe(2);
  });
});
