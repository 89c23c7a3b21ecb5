import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {crossEntropyLoss, DataLoaders, createRng, Learner, randomFlip, accuracy} from '../../../src/lib';

const SIDE = 4;

/** Random 4×4 grey images (0–255) with 3 classes; optionally mirrored left–right. */
function images(n: number, seed: number, mirrored = false) {
  const rng = createRng(seed);
  const x = Uint8Array.from({length: n * SIDE * SIDE}, () => rng.int(256));
  const y = Int32Array.from({length: n}, () => rng.int(3));
  if (!mirrored) return {x, y};
  const flipped = new Uint8Array(x.length);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < SIDE; r++) {
      for (let c = 0; c < SIDE; c++) flipped[(i * SIDE + r) * SIDE + c] = x[(i * SIDE + r) * SIDE + (SIDE - 1 - c)];
    }
  }
  return {x: flipped, y};
}

function loaders(mirroredValid: boolean, augment: boolean) {
  return DataLoaders.fromArrays(
    {train: images(32, 1), valid: images(50, 2, mirroredValid), itemShape: [SIDE, SIDE, 1], target: 'class', classes: ['a', 'b', 'c']},
    {batchSize: 16, seed: 1, augment: augment ? [randomFlip({horizontal: true, p: 1})] : undefined, checkLeakage: false},
  );
}

function model(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.flatten({inputShape: [SIDE, SIDE, 1]}),
      tf.layers.dense({units: 3, kernelInitializer: tf.initializers.glorotNormal({seed: 4})}),
    ],
  });
}

describe('getPreds, predict and TTA', () => {
  it('getPreds returns real rows only, in order, with per-item losses and indices', async () => {
    const dls = loaders(false, false);
    const learn = new Learner(model(), dls, {loss: crossEntropyLoss(), metrics: [accuracy()], progress: false});
    const {preds, targets, losses, indices} = await learn.getPreds('valid');
    expect(preds.shape).toEqual([50, 3]);
    expect(Array.from(indices)).toEqual(Array.from({length: 50}, (_, i) => i));
    const {x, y} = images(50, 2);
    const logits = learn.model.predict(tf.tensor4d(Float32Array.from(x, (v) => v / 255), [50, SIDE, SIDE, 1])) as tf.Tensor;
    expect(Array.from(preds.dataSync())).toEqual(Array.from(tf.softmax(logits).dataSync()).map((v) => expect.closeTo(v, 5)));
    expect(Array.from(targets.dataSync())).toEqual(Array.from(y));
    const direct = crossEntropyLoss().perItem(tf.tensor1d(y, 'int32'), logits).dataSync();
    expect(Array.from(losses!)).toEqual(Array.from(direct).map((v) => expect.closeTo(v, 5)));
    const predicted = Array.from(tf.argMax(logits, 1).dataSync());
    tf.dispose([preds, targets, logits]);
    // validate() agrees with the predictions.
    const {loss, metrics} = await learn.validate();
    expect(loss).toBeCloseTo(Array.from(direct).reduce((a, b) => a + b, 0) / 50, 5);
    expect(metrics.accuracy).toBeCloseTo(predicted.filter((p, i) => p === y[i]).length / 50, 6);
  });

  it('predict preprocesses one raw item as the loaders do', async () => {
    const dls = loaders(false, false);
    const learn = new Learner(model(), dls, {loss: crossEntropyLoss(), progress: false});
    const {x} = images(1, 9);
    const raw = tf.tensor3d(x, [SIDE, SIDE, 1], 'int32');
    const result = await learn.predict(raw);
    const want = tf.softmax(learn.model.predict(tf.tensor4d(Float32Array.from(x, (v) => v / 255), [1, SIDE, SIDE, 1])) as tf.Tensor);
    const probs = Array.from(want.dataSync());
    expect(Array.from(result.output)).toEqual(probs.map((v) => expect.closeTo(v, 5)));
    expect(result.shape).toEqual([3]);
    expect(result.classIndex).toBe(probs.indexOf(Math.max(...probs)));
    expect(result.label).toBe(['a', 'b', 'c'][result.classIndex!]);
    expect(result.probability).toBeCloseTo(Math.max(...probs), 5);
    await expect(learn.predict(tf.zeros([2, SIDE, SIDE, 1]))).rejects.toThrow(/one item of rank 3/);
  });

  it('TTA averages augmented passes with the plain one', async () => {
    const weights = model().getWeights();
    const withFlip = new Learner(model(), loaders(false, true), {loss: crossEntropyLoss(), progress: false});
    withFlip.model.setWeights(weights);
    // Reference: the same model on a loader whose images are mirrored in advance.
    const mirrored = new Learner(model(), loaders(true, false), {loss: crossEntropyLoss(), progress: false});
    mirrored.model.setWeights(weights);
    const plain = await withFlip.getPreds('valid');
    const flipped = await mirrored.getPreds('valid');
    const onlyAug = await withFlip.tta({n: 2, beta: 0});
    expect(Array.from(onlyAug.preds.dataSync())).toEqual(Array.from(flipped.preds.dataSync()).map((v) => expect.closeTo(v, 5)));
    const blended = await withFlip.tta();
    const want = tf.add(tf.mul(flipped.preds, 0.75), tf.mul(plain.preds, 0.25));
    expect(Array.from(blended.preds.dataSync())).toEqual(Array.from(want.dataSync()).map((v) => expect.closeTo(v, 5)));
    expect(Array.from(blended.targets.dataSync())).toEqual(Array.from(plain.targets.dataSync()));
    await expect(mirrored.tta()).rejects.toThrow(/no augmentation/);
  });
});
