import {describe, expect, it} from 'vitest';
import type {ItemPreview} from '../../../src/lib/data/types';
import {plotHistory, plotLrFind, plotTopLosses, showBatchPlot, WRONG_COLOR, type ItemPreviewLike, type LineTrace} from '../../../src/lib/plot';
import {expectCloneable} from './clone';

const line = (spec: {traces: {kind: string; name?: string}[]}, name: string) => spec.traces.find((t) => t.name === name) as LineTrace;

describe('plotHistory', () => {
  it('plots batches on the epoch axis, smoothed with a debiased EMA, and epoch values at epoch ends', () => {
    const spec = plotHistory({
      batchLoss: new Float32Array([4, 2, 2, 1, 99, 99]),
      batchCount: 4,
      batchesPerEpoch: 2,
      trainLoss: [3, 1.5],
      validLoss: [2.5, 1.25],
      metrics: {accuracy: [0.5, 0.75]},
    }, {smoothing: 0.5});
    expect(line(spec, 'train (batch)')).toMatchObject({x: [0.5, 1, 1.5, 2], y: [4, 2, 2, 1]});
    // EMA 0.5 debiased: 4, (0.25·4 + 0.5·2)/0.75, …
    const smooth = line(spec, 'train (smoothed)').y as number[];
    expect(smooth[0]).toBeCloseTo(4);
    expect(smooth[1]).toBeCloseTo(2 / 0.75);
    expect(smooth[3]).toBeCloseTo((0.5 * 4 * 0.125 + 0.5 * 2 * 0.25 + 0.5 * 2 * 0.5 + 0.5 * 1) / 0.9375);
    expect(line(spec, 'valid')).toMatchObject({x: [1, 2], y: [2.5, 1.25], points: true});
    expect(line(spec, 'accuracy')).toMatchObject({panel: 1, y: [0.5, 0.75]});
    expect(spec.layout.panels!.map((p) => p.yAxis?.title)).toEqual(['loss', 'accuracy']);
    expect(spec.description).toContain('last valid loss 1.25, last accuracy 0.75');
    expectCloneable(spec);
  });

  it('keeps live updates cheap: a million batches become at most maxPoints points', () => {
    const batchLoss = Float32Array.from({length: 1_000_000}, (_, i) => 1 + Math.sin(i));
    const spec = plotHistory({batchLoss, batchesPerEpoch: 100_000}, {maxPoints: 500});
    expect(line(spec, 'train (batch)').x).toHaveLength(500);
    expect(line(spec, 'train (batch)').x.at(-1)).toBe(10);
    expect(line(spec, 'train (smoothed)').y).toHaveLength(500);
  });

  it('works before the first epoch ends and with nothing recorded yet', () => {
    expect(plotHistory({batchLoss: [1, 2]}).layout.panels![0].xAxis!.title).toBe('batch');
    expect(plotHistory({}).traces).toEqual([]);
  });
});

describe('plotLrFind', () => {
  it('draws loss against a log learning-rate axis and marks each suggestion with a line and a dot on the curve', () => {
    const lrs = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1];
    const losses = [2.3, 2.2, 1.5, 0.9, 1.4, 50];
    const spec = plotLrFind({lrs, losses, suggestions: {valley: 1e-3, steep: Math.sqrt(1e-4 * 1e-3)}});
    expect(spec.layout.panels![0].xAxis).toMatchObject({scale: 'log'});
    expect(spec.layout.panels![0].markers!.map((m) => [m.x, m.label])).toEqual([
      [1e-3, 'valley 1.0e-3'],
      [Math.sqrt(1e-4 * 1e-3), 'steep 3.2e-4'],
    ]);
    const steep = spec.traces.find((t) => t.name === 'steep 3.2e-4');
    expect(steep?.kind).toBe('scatter');
    // Half-way between 1e-4 and 1e-3 in log space: half-way between their losses.
    expect((steep as {y: number[]}).y[0]).toBeCloseTo(1.85);
    // The y range leaves out the explosion at the end.
    const range = spec.layout.panels![0].yAxis!.range!;
    expect(range[0]).toBeLessThan(0.9);
    expect(range[1]).toBeLessThan(3);
    expectCloneable(spec);
  });
});

describe('showBatchPlot and plotTopLosses', () => {
  const image = {width: 2, height: 2, channels: 1, data: new Uint8Array([0, 64, 128, 255])};

  it('accepts the data loaders\' ItemPreview shape and captions items with their labels', () => {
    const items: ItemPreview[] = [{label: 'five', image, source: 'a.png'}, {label: 'zero', image}];
    const compatible: readonly ItemPreviewLike[] = items;
    const spec = showBatchPlot({items: compatible}, {columns: 2});
    expect(spec.items.map((i) => [i.caption, i.alt])).toEqual([['five', 'five (a.png)'], ['zero', undefined]]);
    expect(Array.from(spec.items[0].image.data.subarray(0, 8))).toEqual([0, 0, 0, 255, 64, 64, 64, 255]);
    expect(spec.columns).toBe(2);
    expectCloneable(spec);
    expect(() => showBatchPlot([{label: 'x'}])).toThrow(/item 0 has no image/);
  });

  it('draws segmentation items with their masks (hidden codes left as the image)', () => {
    const spec = showBatchPlot([{label: 0, image, mask: {width: 2, height: 2, data: [1, 0, 0, 0]}}], {classes: ['galaxy'], maskClasses: [undefined, {name: 'g', color: [255, 0, 0]}], maskOpacity: 1, maskHidden: [0]});
    expect(spec.items[0].caption).toBe('galaxy');
    expect(Array.from(spec.items[0].image.data.subarray(0, 8))).toEqual([255, 0, 0, 255, 64, 64, 64, 255]);
  });

  it('captions top losses prediction / actual / loss / probability and frames wrong ones red', () => {
    const spec = plotTopLosses(
      [
        {item: {label: 1, image}, predicted: 0, loss: 2.345678, probability: 0.91},
        {image, actual: 'cat', predicted: 'cat', loss: 0.1},
      ],
      {classes: ['zero', 'one']},
    );
    expect(spec.items[0]).toMatchObject({caption: 'zero / one / 2.35 / 0.91', color: WRONG_COLOR});
    expect(spec.items[0].alt).toBe('predicted zero, actual one, loss 2.35, probability 0.91');
    expect(spec.items[1].color).toBeUndefined();
    expectCloneable(spec);
  });

  it('shows target and predicted masks side by side for segmentation', () => {
    const mask = {width: 2, height: 2, data: [0, 0, 1, 1]};
    const spec = plotTopLosses([{image, mask, predictedMask: {width: 2, height: 2, data: [1, 1, 1, 1]}, loss: 0.5}]);
    expect(spec.items.map((i) => i.caption)).toEqual(['target · loss 0.5', 'predicted']);
    expect(spec.columns).toBe(2);
  });
});
