/**
 * The galaxy pipeline runs end to end in Node, on the wasm backend, on a tiny synthetic survey (see curriculum.ts):
 * FITS files → WCS positions → cross-match → leakage guard and de-duplication → Lupton RGB datasets → ResNet
 * classifier, transferred regressor, U-Net segmenter, interpretation, federated averaging.
 */
import {afterAll, expect, it} from 'vitest';
import type {DataLoaders, Learner, LeakageReport, SkyMatch} from '../../../src/lib';
import {runNotebook, type NotebookRun} from '../../helpers/notebook-runner';
import {notebookPath, SHRINK} from './curriculum';

const NAME = '06-galaxy-morphology.deepsky.md';
const runs: NotebookRun[] = [];
afterAll(() => runs.forEach((r) => r.dispose()));

it('reads the cut-outs, catches the duplicates and trains all three networks and the federated average', async () => {
  const capture = ['stamps', 'exactlyEqual', 'matches', 'naive', 'repeated', 'unique', 'classDls', 'classifier', 'regressor', 'segmenter', 'federated'];
  const result = await runNotebook(notebookPath(NAME), {overrides: SHRINK[NAME], capture, timeoutMs: 120_000});
  runs.push(result);
  const {captured, cells} = result;
  expect(cells.filter((c) => c.status !== 'done').map((c) => `code cell ${c.codeNumber}: ${c.status}`)).toEqual([]);
  const galaxies = SHRINK[NAME].surveyCount as number;
  const copies = Math.floor((galaxies + 6) / 10); // every galaxy i with i % 10 === 3 is cut twice
  const stamps = captured.stamps as unknown[];
  expect(stamps).toHaveLength(galaxies + copies);
  // Equal floats find nothing; the sky match finds every cut-out.
  expect(captured.exactlyEqual).toBe(0);
  expect((captured.matches as SkyMatch[]).length).toBe(stamps.length);
  // The naive split leaks the repeated galaxies; after de-duplication by sky position nothing leaks.
  expect((captured.naive as {leakage?: LeakageReport}).leakage?.sameContent).toBeGreaterThan(0);
  expect((captured.repeated as Set<number>).size).toBe(copies);
  expect(captured.unique).toHaveLength(galaxies);
  expect((captured.classDls as DataLoaders & {leakage?: LeakageReport}).leakage).toBeUndefined();
  const metrics = (name: string) => [...(captured[name] as Learner).recorder.metrics.keys()];
  expect(metrics('classifier')).toEqual(['accuracy', 'f1']);
  expect(metrics('regressor')).toEqual(['mae', 'rmse']);
  expect(metrics('segmenter')).toEqual(['foreground_acc', 'dice']);
  // fineTune: one frozen epoch, then regressorEpochs unfrozen.
  expect((captured.regressor as Learner).recorder.epoch.length).toBe(1 + (SHRINK[NAME].regressorEpochs as number));
  const federated = captured.federated as {network: string; accuracy: number}[];
  expect(federated.map((r) => r.network)).toEqual(['client 1', 'client 2', 'mean of the clients', 'weighted mean', '0.5 × client 1', 'weighted mean + 1 epoch on all data']);
  for (const row of federated) expect(row.accuracy).toBeGreaterThanOrEqual(0);
  const kinds = cells.flatMap((c) => c.displays.map((d) => d.$display));
  expect(kinds.filter((k) => k === 'segmentation')).toHaveLength(5);
  expect(kinds).toContain('image');
});
