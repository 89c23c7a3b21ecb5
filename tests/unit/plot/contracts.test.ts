/**
 * The plotting module takes other modules' results through structural types. These tests feed it the real objects
 * (the Learner's recorder, lr finder result and top losses; the metrics' confusion matrix), so a change on either
 * side that breaks the fit fails here (and in the type check).
 */
import {describe, expect, it} from 'vitest';
import type {TopLoss} from '../../../src/lib/learner/interpretation/classification';
import type {SegmentationTopLoss} from '../../../src/lib/learner/interpretation/segmentation';
import type {LrFindResult} from '../../../src/lib/learner/lr-find';
import {Recorder} from '../../../src/lib/learner/recorder';
import {ConfusionMatrix} from '../../../src/lib/metrics/confusion';
import {confusionMatrixPlot, plotHistory, plotLrFind, plotTopLosses, type LineTrace} from '../../../src/lib/plot';

describe('the plotting module on other modules\' real results', () => {
  it('plots the Learner\'s recorder live, its series read as they grow', () => {
    const recorder = new Recorder();
    for (let i = 0; i < 6; i++) recorder.batchLoss.push(2 - i * 0.1);
    recorder.addEpoch({epoch: 0, trainLoss: 1.8, validLoss: 1.7, metrics: {accuracy: 0.6}, seconds: 1});
    recorder.batchLoss.push(1.3);
    const spec = plotHistory(recorder, {batchesPerEpoch: 6, smoothing: 0});
    const batch = spec.traces.find((t) => t.name === 'train (batch)') as LineTrace;
    expect(batch.x).toEqual([1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1, 7 / 6]);
    expect(batch.y.at(-1)).toBeCloseTo(1.3);
    expect(spec.traces.find((t) => t.name === 'accuracy')).toMatchObject({x: [1], y: [expect.closeTo(0.6, 6)]});
  });

  it('plots an lr finder result with its three suggestions', () => {
    const result: LrFindResult = {
      lrs: Float32Array.from([1e-4, 1e-3, 1e-2]),
      losses: Float32Array.from([2, 1, 4]),
      rawLosses: Float32Array.from([2, 1, 4]),
      suggestions: {valley: 5e-4, steep: 2e-4, minimum: 1e-3},
    };
    expect(plotLrFind(result).layout.panels![0].markers!.map((m) => m.label)).toEqual(['valley 5.0e-4', 'steep 2.0e-4', 'minimum 1.0e-3']);
  });

  it('shows classification and segmentation top losses', () => {
    const image = {width: 1, height: 1, channels: 1, data: new Uint8Array([7])};
    const classification: TopLoss[] = [{index: 3, row: 0, loss: 4, actual: 'cat', predicted: 'dog', probability: 0.9, actualProbability: 0.05, item: {label: 'cat', image}}];
    expect(plotTopLosses(classification).items[0].caption).toBe('dog / cat / 4 / 0.9');
    const segmentation: SegmentationTopLoss[] = [{index: 1, row: 0, loss: 0.5, pixelAccuracy: 0.75, item: {label: 'field 1', image}}];
    expect(plotTopLosses(segmentation).items[0].caption).toBe('field 1 · loss 0.5 · pixel accuracy 0.75');
  });

  it('draws a metrics ConfusionMatrix directly', () => {
    const matrix = new ConfusionMatrix(2, Float64Array.from([5, 1, 2, 7]));
    const trace = confusionMatrixPlot(matrix, ['a', 'b']).traces[0];
    expect(trace.kind === 'heatmap' && trace.z).toEqual([[5, 1], [2, 7]]);
  });
});
