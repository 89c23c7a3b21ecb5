/**
 * The shipped curriculum as the tests see it: every notebook in `notebooks/`, and for each the settings its run test
 * shrinks. Those settings are also the "heavy" constants the conventions test requires each notebook to keep in
 * small cells of their own near the top, so readers can find and change them.
 */
import {readdirSync} from 'node:fs';
import {resolve} from 'node:path';
import type {OverrideValue} from '../../helpers/notebook-runner';

export const NOTEBOOK_DIR = resolve(import.meta.dirname, '../../../notebooks');

/** Every shipped notebook file name, in order. */
export const NOTEBOOKS = readdirSync(NOTEBOOK_DIR)
  .filter((name) => name.endsWith('.deepsky.md'))
  .sort();

export const notebookPath = (name: string) => resolve(NOTEBOOK_DIR, name);

/** Per notebook: the values its run test uses for its heavy settings (tiny subsets, one epoch, small images). */
export const SHRINK: Record<string, Record<string, OverrideValue>> = {
  '00-welcome.deepsky.md': {},
  '01-nielsen-ch1-mnist.deepsky.md': {trainSubset: 2000, epochs: 1},
  '02-nielsen-ch2-backpropagation.deepsky.md': {},
  '03-nielsen-ch3-improving-learning.deepsky.md': {neuronEpochs: 60, overfitSubset: 100, overfitEpochs: 2, trainSubset: 500, initEpochs: 1, epochs: 1},
  '04-nielsen-ch5-6-deep-networks.deepsky.md': {trainSubset: 200, evalSubset: 100, gradientSubset: 100, epochs: 1, expandedEpochs: 1, ensembleSize: 2},
  '05-convolution-basics.deepsky.md': {trainSubset: 500, epochs: 1, tsnePoints: 100, tsneIterations: 250},
  '06-galaxy-morphology.deepsky.md': {
    surveyCount: 60,
    stampSize: 32,
    imageSize: 32,
    resnetWidth: 8,
    batchSize: 8,
    classifierEpochs: 1,
    regressorEpochs: 1,
    segmenterEpochs: 1,
    clients: 2,
    clientEpochs: 1,
  },
};
