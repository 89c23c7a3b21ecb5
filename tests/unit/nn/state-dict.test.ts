import * as tf from '@tensorflow/tfjs';
import {afterEach, describe, expect, it} from 'vitest';
import * as nn from '../../../src/lib/nn';
import {read} from './helpers';

const models: tf.LayersModel[] = [];
const make = () => {
  const m = nn.simpleCnn({inputShape: [8, 8, 1], channels: [4, 3], batchNorm: true});
  models.push(m);
  return m;
};
afterEach(() => models.splice(0).forEach((m) => m.dispose()));

const dict = (entries: [string, number[]][]) => new Map(entries.map(([k, v]) => [k, tf.tensor1d(v)]));
const asArrays = async (d: nn.StateDict) => Object.fromEntries(await Promise.all([...d].map(async ([k, t]) => [k, Array.from(await t.data())])));

describe('state dicts', () => {
  it('names every weight <layer>/<weight> in layer order, BN statistics included', () => {
    const d = nn.getStateDict(make());
    expect([...d.keys()]).toEqual([
      'conv1_conv/kernel',
      'conv1_bn/gamma',
      'conv1_bn/beta',
      'conv1_bn/moving_mean',
      'conv1_bn/moving_variance',
      'conv2_conv/kernel',
      'conv2_conv/bias',
    ]);
    expect(d.get('conv1_conv/kernel')!.shape).toEqual([3, 3, 1, 4]);
    expect([...nn.getStateDict(models[0], {trainableOnly: true}).keys()]).not.toContain('conv1_bn/moving_mean');
    nn.disposeStateDict(d);
  });

  it('is a snapshot: copying it into another model of the same build makes them predict alike', async () => {
    const a = make();
    const b = make();
    const x = tf.randomNormal([2, 8, 8, 1], 0, 1, 'float32', 1);
    const d = nn.getStateDict(a);
    nn.setStateDict(b, d);
    const [ya, yb] = await read([a.predict(x) as tf.Tensor, b.predict(x) as tf.Tensor]);
    expect(Array.from(yb)).toEqual(Array.from(ya));
    // Later changes to `a` do not leak into the snapshot.
    const kernel = a.getLayer('conv2_conv').weights[0];
    const before = Array.from(await d.get('conv2_conv/kernel')!.data());
    kernel.write(tf.zerosLike(kernel.read()));
    expect(Array.from(await d.get('conv2_conv/kernel')!.data())).toEqual(before);
    nn.disposeStateDict(d);
  });

  it('says exactly what is missing, unexpected or mis-shaped, and writes nothing then', async () => {
    const m = make();
    const d = nn.getStateDict(m);
    const kernel = d.get('conv2_conv/kernel')!;
    d.delete('conv2_conv/bias');
    d.set('extra/kernel', tf.zeros([1]));
    expect(() => nn.setStateDict(m, d)).toThrow(/missing 1 weight\(s\): conv2_conv\/bias; 1 unexpected name\(s\): extra\/kernel/);
    d.set('conv2_conv/kernel', tf.zeros([3, 3, 4, 5]));
    const [before] = await read([m.getLayer('conv2_conv').weights[0].read()]);
    expect(() => nn.setStateDict(m, d, {strict: false})).toThrow(/'conv2_conv\/kernel' has shape \[3,3,4,5\], the model expects \[3,3,4,3\]/);
    const [after] = await read([m.getLayer('conv2_conv').weights[0].read()]);
    expect(Array.from(after)).toEqual(Array.from(before));
    d.set('conv2_conv/kernel', kernel);
    nn.setStateDict(m, d, {strict: false}); // missing bias kept, extra entry ignored
    nn.disposeStateDict(d);
  });

  it('matches by position between models whose layers have different names', async () => {
    const named = make();
    const input = tf.input({shape: [3]});
    const auto1 = tf.model({inputs: input, outputs: tf.layers.dense({units: 2}).apply(input) as tf.SymbolicTensor});
    const auto2 = tf.model({inputs: input, outputs: tf.layers.dense({units: 2}).apply(input) as tf.SymbolicTensor});
    models.push(auto1, auto2);
    const d = nn.getStateDict(auto1);
    expect(() => nn.setStateDict(auto2, d)).toThrow(/missing 2 weight/);
    nn.setStateDict(auto2, d, {match: 'order'});
    const [w1, w2] = await read([auto1.weights[0].read(), auto2.weights[0].read()]);
    expect(Array.from(w2)).toEqual(Array.from(w1));
    expect(() => nn.setStateDict(named, d, {match: 'order'})).toThrow(/has 7 weights but the state dict has 2/);
    nn.disposeStateDict(d);
  });

  it('averages, weights, scales, adds and subtracts entry by entry', async () => {
    const a = dict([['w', [1, 2]], ['b', [10]]]);
    const b = dict([['w', [3, 6]], ['b', [20]]]);
    expect(await asArrays(nn.meanStateDicts([a, b]))).toEqual({w: [2, 4], b: [15]});
    expect(await asArrays(nn.weightedMeanStateDicts([a, b], [3, 1]))).toEqual({w: [1.5, 3], b: [12.5]});
    expect(await asArrays(nn.scaleStateDict(a, -2))).toEqual({w: [-2, -4], b: [-20]});
    expect(await asArrays(nn.addStateDicts(a, b))).toEqual({w: [4, 8], b: [30]});
    expect(await asArrays(nn.subStateDicts(b, a))).toEqual({w: [2, 4], b: [10]});
    expect(await nn.compareStateDicts(a, b)).toEqual([{name: 'w', maxAbsDiff: 4}, {name: 'b', maxAbsDiff: 10}]);
  });

  it('refuses to combine dicts of different layouts or with bad weights', () => {
    const a = dict([['w', [1, 2]]]);
    expect(() => nn.meanStateDicts([a, dict([['v', [1, 2]]])])).toThrow(/state dict 1 does not have the same names/);
    expect(() => nn.addStateDicts(a, dict([['w', [1, 2, 3]]]))).toThrow(/'w' has shape \[3\] in state dict 1 but \[2\]/);
    expect(() => nn.weightedMeanStateDicts([a, a], [1, -1])).toThrow(/non-negative with a positive sum/);
    expect(() => nn.weightedMeanStateDicts([a, a], [1])).toThrow(/2 state dicts but 1 weights/);
    expect(() => nn.meanStateDicts([])).toThrow(/at least one/);
  });

  it('averages state dicts back into a model without leaking tensors', async () => {
    const a = make();
    const b = make();
    const before = tf.memory().numTensors;
    const da = nn.getStateDict(a);
    const db = nn.scaleStateDict(da, 3);
    const mean = nn.meanStateDicts([da, db]); // = 2·da
    nn.setStateDict(b, mean);
    const expected = nn.scaleStateDict(da, 2);
    const loaded = nn.getStateDict(b);
    const diff = await nn.compareStateDicts(expected, loaded);
    expect(Math.max(...diff.map((d) => d.maxAbsDiff))).toBeLessThan(1e-6);
    [da, db, mean, expected, loaded].forEach(nn.disposeStateDict);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips through plain arrays (for workers and storage)', async () => {
    const d = dict([['w', [1.5, -2]], ['b', [3]]]);
    const arrays = await nn.stateDictToArrays(d);
    expect(structuredClone(arrays)).toEqual(arrays);
    expect(await asArrays(nn.stateDictFromArrays(arrays))).toEqual({w: [1.5, -2], b: [3]});
  });
});
