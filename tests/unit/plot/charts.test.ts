import {describe, expect, it} from 'vitest';
import {barChart, countBins, heatmap, histogram, histogramEdges, linePlot, scatterPlot, type PlotSpec} from '../../../src/lib/plot';
import {expectCloneable} from './clone';

describe('linePlot', () => {
  it('takes named y arrays, with x defaulting to positions and non-finite values as gaps', () => {
    const spec = linePlot({train: new Float32Array([1, 0.5, NaN]), valid: [2, Infinity]}, {xLabel: 'epoch', logY: true});
    expect(spec.$display).toBe('plot');
    expect(spec.traces).toEqual([
      {kind: 'line', name: 'train', x: [0, 1, 2], y: [1, 0.5, null]},
      {kind: 'line', name: 'valid', x: [0, 1], y: [2, null]},
    ]);
    expect(spec.layout.panels![0].xAxis).toEqual({title: 'epoch'});
    expect(spec.layout.panels![0].yAxis).toEqual({scale: 'log'});
    expect(spec.description).toContain('train, valid');
    expectCloneable(spec);
  });

  it('takes a bare array or series with their own x, and checks lengths', () => {
    expect(linePlot([3, 4]).traces[0]).toEqual({kind: 'line', x: [0, 1], y: [3, 4]});
    const spec = linePlot([{name: 'lr', x: [10, 20], y: [1, 2], dash: 'dot'}], {markers: [{x: 15, label: 'here'}]});
    expect(spec.traces[0]).toMatchObject({x: [10, 20], dash: 'dot'});
    expect(spec.layout.panels![0].markers).toEqual([{x: 15, label: 'here'}]);
    expect(() => linePlot({name: 'bad', x: [1], y: [1, 2]})).toThrow(/bad: x has 1 values but y has 2/);
  });
});

describe('scatterPlot', () => {
  const points = [[0, 0], [1, 1], [2, 2], [3, 3]];

  it('splits points into one trace per category, keeping each point\'s id', () => {
    const spec = scatterPlot(points, {labels: [1, 0, 1, 0], classes: ['cat', 'dog'], hoverText: ['a', 'b', 'c', 'd']});
    expect(spec.traces.map((t) => t.name)).toEqual(['cat', 'dog']);
    expect(spec.traces[0]).toMatchObject({kind: 'scatter', x: [1, 3], y: [1, 3], ids: [1, 3], hoverText: ['b', 'd']});
    expect(spec.traces[1]).toMatchObject({x: [0, 2], ids: [0, 2]});
    expect(spec.traces[0].color).not.toBe(spec.traces[1].color);
    expectCloneable(spec);
  });

  it('shrinks thumbnails to RGBA of the requested size and rejects per-point arrays of the wrong length', () => {
    const big = {width: 64, height: 32, data: new Float32Array(64 * 32).fill(0.5)};
    const spec = scatterPlot({x: [0, 1], y: [1, 0]}, {thumbnails: [big, big], thumbnailSize: 16, values: [0.1, 0.9]});
    const trace = spec.traces[0];
    if (trace.kind !== 'scatter') throw new Error('expected a scatter trace');
    expect(trace.thumbnails!.map((t) => [t.width, t.height, t.data.length])).toEqual([[16, 8, 512], [16, 8, 512]]);
    expect(trace.values).toEqual([0.1, 0.9]);
    expect(trace.colorScale).toBe('viridis');
    expectCloneable(spec);
    expect(() => scatterPlot(points, {labels: [0, 1]})).toThrow(/labels has 2 entries for 4 points/);
  });
});

describe('histogram', () => {
  it('counts values into bins, the last bin closed, and skips non-finite values', () => {
    const edges = histogramEdges([[0, 1, 2, 3, 4]], 4);
    expect(edges).toEqual([0, 1, 2, 3, 4]);
    expect(countBins([0, 0.5, 1, 3.999, 4, NaN, 5], edges)).toEqual({edges, counts: [2, 1, 0, 2], skipped: 2});
  });

  it('picks more bins for more data (numpy\'s auto rule) and draws bars of bin width', () => {
    const few = histogram(Array.from({length: 20}, (_, i) => i));
    const many = histogram(Array.from({length: 5000}, (_, i) => Math.sin(i) * 10));
    const bars = (s: PlotSpec) => (s.traces[0].kind === 'bar' ? s.traces[0] : undefined)!;
    expect(bars(few).x.length).toBeLessThan(bars(many).x.length);
    expect(bars(many).y.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(bars(few).widths![0]).toBeCloseTo(19 / bars(few).x.length);
    expectCloneable(many);
  });

  it('overlays several series on shared bins; density integrates to 1', () => {
    const spec = histogram({a: [0, 1, 1, 2], b: [2, 2, 3]}, {bins: 3, density: true});
    expect(spec.traces).toHaveLength(2);
    for (const t of spec.traces) {
      if (t.kind !== 'bar') throw new Error('expected bars');
      expect(t.y.reduce((s, v, i) => s + v * t.widths![i], 0)).toBeCloseTo(1);
    }
    expect(spec.layout.barMode).toBe('overlay');
  });
});

describe('barChart and heatmap', () => {
  it('draws a record as bars, sorted on request, horizontal with categories on y', () => {
    const spec = barChart({galaxy: 5, star: 9, artefact: 1}, {sort: 'descending', horizontal: true, xLabel: 'class', yLabel: 'objects'});
    expect(spec.traces[0]).toMatchObject({kind: 'bar', x: ['star', 'galaxy', 'artefact'], y: [9, 5, 1], horizontal: true});
    expect(spec.layout.panels![0].xAxis!.title).toBe('objects');
    expect(spec.layout.panels![0].yAxis).toMatchObject({title: 'class', scale: 'category'});
    expectCloneable(spec);
  });

  it('groups several series and checks their lengths', () => {
    const spec = barChart({labels: ['a', 'b'], series: {train: [1, 2], valid: [3, 4]}});
    expect(spec.traces.map((t) => t.name)).toEqual(['train', 'valid']);
    expect(() => barChart({labels: ['a', 'b'], values: [1]})).toThrow(/1 entries for 2 labels/);
  });

  it('draws a matrix with the first row on top and annotates cells', () => {
    const spec = heatmap({rows: 2, cols: 3, data: new Float32Array([1, 2, 3, 4, 5, 6.25])}, {annotate: true, yLabels: ['r0', 'r1']});
    const t = spec.traces[0];
    if (t.kind !== 'heatmap') throw new Error('expected a heatmap');
    expect(t.z).toEqual([[1, 2, 3], [4, 5, 6.25]]);
    expect(t.cellText).toEqual([['1', '2', '3'], ['4', '5', '6.25']]);
    expect(spec.layout.panels![0].yAxis).toMatchObject({reversed: true, scale: 'category'});
    expectCloneable(spec);
    expect(() => heatmap([[1, 2], [3]])).toThrow(/row 1 has 1 values; row 0 has 2/);
  });
});
