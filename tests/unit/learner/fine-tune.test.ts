import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {crossEntropyLoss, Learner, setLayerGroups, sgd} from '../../../src/lib';
import {blobData} from './fixtures';

/** dense → BN → dense → head, in three layer groups: [dense, BN], [dense], [head]. */
function groupedModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({units: 6, inputShape: [2], name: 'body1', kernelInitializer: tf.initializers.glorotNormal({seed: 1})}),
      tf.layers.batchNormalization({name: 'bn'}),
      tf.layers.dense({units: 6, activation: 'relu', name: 'body2', kernelInitializer: tf.initializers.glorotNormal({seed: 2})}),
      tf.layers.dense({units: 3, name: 'head', kernelInitializer: tf.initializers.glorotNormal({seed: 3})}),
    ],
  });
  setLayerGroups(model, [['body1', 'bn'], ['body2'], ['head']]);
  return model;
}

const snapshot = (m: tf.LayersModel) =>
  Object.fromEntries(m.layers.flatMap((l) => l.getWeights().map((w, i) => [`${l.name}/${i}`, Array.from(w.dataSync())])));

function changed(before: Record<string, number[]>, after: Record<string, number[]>): string[] {
  return Object.keys(before).filter((k) => before[k].some((v, i) => v !== after[k][i]));
}

describe('freezing and fine-tuning', () => {
  it('freeze trains only the head and the batch-norm layers (fastai semantics)', async () => {
    const learn = new Learner(groupedModel(), blobData(), {loss: crossEntropyLoss(), opt: sgd({momentum: 0.9}), progress: false});
    expect(learn.layerGroups.map((g) => g.map((l) => l.name))).toEqual([['body1', 'bn'], ['body2'], ['head']]);
    learn.freeze();
    const before = snapshot(learn.model);
    await learn.fit(1, 0.05);
    // BN's gamma/beta (0, 1) train and its moving statistics (2, 3) update; the frozen kernels and biases do not.
    expect(changed(before, snapshot(learn.model)).sort()).toEqual(['bn/0', 'bn/1', 'bn/2', 'bn/3', 'head/0', 'head/1']);
    learn.unfreeze();
    const middle = snapshot(learn.model);
    await learn.fit(1, 0.05);
    expect(changed(middle, snapshot(learn.model)).length).toBe(Object.keys(middle).length);
    learn.freezeTo(1);
    const last = snapshot(learn.model);
    await learn.fit(1, 0.05);
    expect(changed(last, snapshot(learn.model))).not.toContain('body1/0');
    expect(changed(last, snapshot(learn.model))).toContain('body2/0');
  });

  it('fineTune: a frozen one-cycle epoch, then discriminative rates from base/2/lrMult to base/2', async () => {
    const dls = blobData();
    const learn = new Learner(groupedModel(), dls, {loss: crossEntropyLoss(), progress: false});
    const before = snapshot(learn.model);
    let frozenBody: string[] = [];
    const watch = {
      name: 'watch',
      afterEpoch: () => {
        if (learn.epoch === 1) frozenBody = changed(before, snapshot(learn.model));
      },
    };
    const results = await learn.fineTune(2, 2e-3, {freezeEpochs: 1, callbacks: [watch]});
    expect(results.map((r) => r.epochs.length)).toEqual([1, 2]);
    expect(frozenBody).not.toContain('body1/0');
    expect(frozenBody).toContain('head/0');
    // Second phase: head peaks at 1e-3; groups spread geometrically 1e-5 → 1e-4 → 1e-3 (multipliers 0.01, 0.1, 1).
    // Groups: body1 kernel, body1 bias + BN γ/β (no decay), body2 kernel, body2 bias, head kernel, head bias.
    expect(learn.opt.groups.map((g) => +g.lrMult.toFixed(6))).toEqual([0.01, 0.01, 0.1, 0.1, 1, 1]);
    const lrs = learn.recorder.batchLr.values.slice(dls.train.length);
    expect(Math.max(...lrs)).toBeCloseTo(1e-3, 4);
    expect(lrs[0]).toBeCloseTo(1e-3 / 5, 6); // div 5
    const firstPhase = learn.recorder.batchLr.values.slice(0, dls.train.length);
    expect(Math.max(...firstPhase)).toBeCloseTo(2e-3, 3);
    expect(changed(before, snapshot(learn.model))).toContain('body1/0');
  });
});
