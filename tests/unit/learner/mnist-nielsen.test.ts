/**
 * The book's first result: Nielsen's 784-30-10 sigmoid network, mini-batch SGD with batch 10, trained with the
 * cross-entropy cost of chapter 3 (network2.py's `CrossEntropyCost`, η = 0.5) and its N(0, 1/n_in) initialisation,
 * on the first 10,000 MNIST training images for 2 epochs, scored on the first 1,000 test images.
 */
import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {accuracy, binaryCrossEntropyLoss, DataLoaders, Learner, loadMnist, nielsenNetwork, sgd} from '../../../src/lib';

describe('Nielsen 784-30-10 on MNIST', () => {
  it('reaches ≥ 88% on 1,000 test images after 2 epochs on 10,000 training images', async () => {
    const mnist = await loadMnist({subset: {train: 10_000, test: 1_000}});
    const dls = DataLoaders.fromMnist(mnist, {batchSize: 10, validBatchSize: 100, seed: 1});
    expect([dls.train.size, dls.valid.size]).toEqual([10_000, 1_000]);
    const model = nielsenNetwork([784, 30, 10], {init: 'nielsenNormal', seed: 1});
    const learn = new Learner(model, dls, {
      loss: binaryCrossEntropyLoss({fromLogits: false, reduce: 'sum'}),
      metrics: [accuracy()],
      opt: sgd(),
      progress: false,
    });
    const counts: number[] = [];
    await learn.fit(2, 0.5, {callbacks: [{name: 'count', afterEpoch: () => void counts.push(tf.memory().numTensors)}]});
    const acc = learn.recorder.metrics.get('accuracy')!.values;
    expect(acc[1]).toBeGreaterThanOrEqual(0.88);
    expect(counts[1]).toBe(counts[0]);
  });
});
