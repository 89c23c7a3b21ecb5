/**
 * The welcome notebook and Nielsen's chapters 1–3 run end to end in Node, on the wasm backend, with their heavy
 * settings shrunk (see curriculum.ts): every cell finishes, shows what it should, and the numbers make sense.
 */
import type * as tf from '@tensorflow/tfjs';
import {afterAll, describe, expect, it} from 'vitest';
import type {ClassificationInterpretation, DisplaySpec, Learner, LrFindResult, Mnist} from '../../../src/lib';
import {runNotebook, type NotebookRun} from '../../helpers/notebook-runner';
import {notebookPath, SHRINK} from './curriculum';

const runs: NotebookRun[] = [];
afterAll(() => runs.forEach((r) => r.dispose()));

async function run(name: string, capture: string[]): Promise<NotebookRun> {
  const result = await runNotebook(notebookPath(name), {overrides: SHRINK[name], capture, timeoutMs: 60_000});
  runs.push(result);
  expect(result.cells.filter((c) => c.status !== 'done').map((c) => `code cell ${c.codeNumber}: ${c.status}`)).toEqual([]);
  return result;
}

const kinds = (displays: DisplaySpec[]) => displays.map((d) => d.$display);
const accuracies = (learn: Learner) => Array.from(learn.recorder.metrics.get('accuracy')?.values ?? []);

describe('00 welcome', () => {
  it('fits the line y = 2x + 1 with a one-neuron model', async () => {
    const {captured, displays} = await run('00-welcome.deepsky.md', ['losses', 'model']);
    expect(displays.filter((d) => d.$display === 'input')).toMatchObject([{kind: 'range', label: 'slope', value: 2}]);
    const losses = captured.losses as number[];
    expect(losses.at(-1)!).toBeLessThan(1e-3);
    const [w, b] = await Promise.all((captured.model as tf.LayersModel).getWeights().map(async (t) => (await t.data())[0]));
    expect(w).toBeCloseTo(2, 2);
    expect(b).toBeCloseTo(1, 2);
  });
});

describe('01 Nielsen chapter 1', () => {
  it('trains the 784-30-10 sigmoid network with SGD on the quadratic cost, well above chance', async () => {
    const {captured, cells} = await run('01-nielsen-ch1-mnist.deepsky.md', ['mnist', 'learn', 'interp', 'testAccuracy']);
    const mnist = captured.mnist as Mnist;
    expect([mnist.train.count, mnist.valid?.count, mnist.test.count]).toEqual([2000, 10_000, 10_000]);
    const learn = captured.learn as Learner;
    expect(learn.opt.name).toBe('sgd');
    expect(learn.loss.name).toBe('quadratic');
    expect(accuracies(learn)).toHaveLength(1);
    expect(accuracies(learn)[0]).toBeGreaterThan(0.25); // chance is 0.1; one short epoch from N(0, 1) weights
    expect((captured.interp as ClassificationInterpretation).predicted).toHaveLength(10_000);
    expect(captured.testAccuracy as number).toBeGreaterThan(0.25);
    const shown = cells.flatMap((c) => kinds(c.displays));
    expect(shown).toEqual(['plot', 'image-grid', 'progress', 'plot', 'table', 'markdown', 'image-grid']);
    const training = cells.find((c) => c.manual)!.displays.find((d) => d.$display === 'progress') as unknown as {state: string};
    expect(training.state).toBe('done');
  });
});

describe('02 Nielsen chapter 2', () => {
  it('hand-written backpropagation agrees with tf.grads and with float64 finite differences', async () => {
    const {captured} = await run('02-nielsen-ch2-backpropagation.deepsky.md', ['comparison', 'finiteDifferences', 'forwardMs', 'backpropMs']);
    const comparison = captured.comparison as Record<string, number>[];
    expect(comparison.map((r) => r.parameter)).toEqual(['w2', 'b2', 'w3', 'b3']);
    for (const row of comparison) {
      expect(row['largest |gradient|']).toBeGreaterThan(1e-3);
      expect(row['largest |hand − tf.grads|']).toBeLessThan(1e-6);
    }
    const fd = captured.finiteDifferences as {backprop: number; difference: number}[];
    expect(fd).toHaveLength(10);
    for (const row of fd) expect(row.difference).toBeLessThan(1e-6 + 1e-4 * Math.abs(row.backprop));
    expect(captured.forwardMs as number).toBeGreaterThan(0);
    expect(captured.backpropMs as number).toBeGreaterThan(0);
  });
});

describe('03 Nielsen chapter 3', () => {
  it('shows the learning slowdown, trains with and without L2, compares initialisations and finds a learning rate', async () => {
    const {captured, cells} = await run('03-nielsen-ch3-improving-learning.deepsky.md', ['trainNeuron', 'unregularised', 'regularised', 'initRuns', 'lrs', 'best']);
    const trainNeuron = captured.trainNeuron as (cost: string, w: number, b: number) => number[];
    const progress = (costs: number[]) => costs.at(-1)! / costs[0];
    // From the bad start the quadratic cost barely moves in 60 steps; cross-entropy drops fast.
    expect(progress(trainNeuron('quadratic', 2, 2))).toBeGreaterThan(0.9);
    expect(progress(trainNeuron('cross-entropy', 2, 2))).toBeLessThan(0.5);
    for (const name of ['unregularised', 'regularised']) expect(accuracies(captured[name] as Learner)).toHaveLength(2);
    const initRuns = captured.initRuns as Record<string, Learner>;
    expect(Object.keys(initRuns)).toEqual(['nielsenLarge', 'nielsenNormal']);
    const {suggestions, lrs} = captured.lrs as LrFindResult;
    expect(lrs.length).toBeGreaterThan(10);
    expect(suggestions.valley).toBeGreaterThan(1e-3);
    expect(suggestions.valley).toBeLessThan(100);
    expect(accuracies(captured.best as Learner)[0]).toBeGreaterThan(0.4);
    expect(cells.flatMap((c) => kinds(c.displays)).filter((k) => k === 'plot').length).toBeGreaterThanOrEqual(7);
  });
});
