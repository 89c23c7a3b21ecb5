/**
 * Nielsen's chapters 5–6 and the convolution notebook run end to end in Node, on the wasm backend, with their heavy
 * settings shrunk (see curriculum.ts): vanishing gradients, the network3 ladder, expanded data, dropout, an ensemble,
 * interpretation, hand kernels, receptive fields, feature maps and t-SNE.
 */
import {afterAll, describe, expect, it} from 'vitest';
import type {ActivationStats, ClassificationInterpretation, EnsemblePredictions, TsneResult} from '../../../src/lib';
import {runNotebook, type NotebookRun} from '../../helpers/notebook-runner';
import {notebookPath, SHRINK} from './curriculum';

const runs: NotebookRun[] = [];
afterAll(() => runs.forEach((r) => r.dispose()));

async function run(name: string, capture: string[]): Promise<NotebookRun> {
  const result = await runNotebook(notebookPath(name), {overrides: SHRINK[name], capture, timeoutMs: 120_000});
  runs.push(result);
  expect(result.cells.filter((c) => c.status !== 'done').map((c) => `code cell ${c.codeNumber}: ${c.status}`)).toEqual([]);
  return result;
}

describe('04 Nielsen chapters 5 and 6', () => {
  it('measures vanishing gradients, climbs the conv-net ladder, votes with an ensemble and interprets it', async () => {
    const {captured, displays} = await run('04-nielsen-ch5-6-deep-networks.deepsky.md', ['atInit', 'deepRuns', 'ladderResults', 'votes', 'interp']);
    const atInit = captured.atInit as Record<string, number[]>;
    expect(Object.keys(atInit)).toEqual(['2 hidden layers', '3 hidden layers', '4 hidden layers']);
    // The gradient shrinks on its way back: the first hidden layer learns far slower than the last.
    for (const [name, norms] of Object.entries(atInit)) {
      const real = norms.filter((v) => !Number.isNaN(v));
      expect(real[0], name).toBeLessThan(real.at(-1)! / 2);
    }
    const deepRuns = captured.deepRuns as Record<string, {norms: number[][]; stats: ActivationStats}>;
    for (const activation of ['sigmoid', 'relu']) {
      expect(deepRuns[activation].norms).toHaveLength(4);
      expect(deepRuns[activation].norms.every((layer) => layer.length > 0 && layer.every((v) => v > 0))).toBe(true);
      expect(deepRuns[activation].stats.stats.map((s) => s.layer)).toEqual(['fc1', 'fc2', 'fc3', 'fc4']);
    }
    const ladder = captured.ladderResults as {test: number}[];
    expect(ladder).toHaveLength(4);
    for (const rung of ladder) expect(rung.test).toBeGreaterThanOrEqual(0);
    const votes = captured.votes as EnsemblePredictions;
    expect(votes.memberPredictions).toHaveLength(SHRINK['04-nielsen-ch5-6-deep-networks.deepsky.md'].ensembleSize as number);
    expect(votes.targets).toHaveLength(100);
    const matrix = (captured.interp as ClassificationInterpretation).confusionMatrix();
    expect(Array.from(matrix.counts).reduce((a, b) => a + b, 0)).toBe(100);
    expect(displays.filter((d) => d.$display === 'image-grid')).toHaveLength(1);
  });
});

describe('05 convolution basics', () => {
  it('matches a hand convolution, checks receptive fields by gradient, and maps learned features with t-SNE', async () => {
    const {captured, displays} = await run('05-convolution-basics.deepsky.md', ['byHand', 'byTf', 'rows', 'cols', 'featureMap', 'pixelMap']);
    const byTf = (captured.byTf as number[][]).flat();
    (captured.byHand as number[][]).flat().forEach((v, i) => expect(byTf[i]).toBeCloseTo(v, 4));
    // LeNet-5's s4 neurons see 16×16 pixels, as the receptive-field arithmetic says.
    expect([captured.rows, captured.cols]).toEqual([16, 16]);
    for (const map of [captured.pixelMap, captured.featureMap] as TsneResult[]) {
      expect(map.coords).toHaveLength(100);
      expect(map.coords.flat().every(Number.isFinite)).toBe(true);
    }
    const grids = displays.filter((d) => d.$display === 'image-grid') as unknown as {items: unknown[]}[];
    expect(grids.map((g) => g.items.length)).toEqual([4, 4, 20, 20, 40]);
    expect(displays.filter((d) => d.$display === 'plot')).toHaveLength(2);
  });
});
