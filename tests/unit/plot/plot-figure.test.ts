import {describe, expect, it} from 'vitest';
import {plotlyFigure} from '../../../src/app/render/plot-figure';
import {DEFAULT_PLOT_THEME} from '../../../src/app/render/plot-theme';
import {confusionMatrixPlot, linePlot, plotHistory, plotLrFind, scatterPlot} from '../../../src/lib/plot';

const figure = (spec: Parameters<typeof plotlyFigure>[0]) => plotlyFigure(spec, DEFAULT_PLOT_THEME);

describe('plotlyFigure (spec → plotly, the page renderer\'s translation)', () => {
  it('escapes every user string, keeping line breaks', () => {
    const {data, layout} = figure(linePlot({'<b>x</b>': [1, 2]}, {title: 'a <script>', xLabel: 'x & y', yLabel: 'two\nlines'}));
    expect(layout.title).toMatchObject({text: 'a &lt;script&gt;'});
    expect(data[0]).toMatchObject({name: '&lt;b&gt;x&lt;/b&gt;', type: 'scatter', mode: 'lines'});
    expect(layout.xaxis?.title).toMatchObject({text: 'x &amp; y'});
    expect(layout.yaxis?.title).toMatchObject({text: 'two<br>lines'});
  });

  it('puts panels side by side on their own axes', () => {
    const spec = plotHistory({batchLoss: [1, 2, 3, 4], batchesPerEpoch: 2, validLoss: [1, 2], metrics: {accuracy: [0.5, 0.6]}});
    const {data, layout} = figure(spec);
    expect(layout.xaxis?.domain).toEqual([0, 0.46]);
    expect(layout.xaxis2?.domain?.[0]).toBeCloseTo(0.54);
    expect(layout.xaxis2?.anchor).toBe('y2');
    const accuracy = data.find((d) => d.name === 'accuracy');
    expect(accuracy).toMatchObject({xaxis: 'x2', yaxis: 'y2'});
    expect(data.find((d) => d.name === 'valid')).not.toHaveProperty('xaxis');
    expect(layout.uirevision).toBe('keep');
  });

  it('gives log axes their range in powers of ten and markers as labelled lines in data units', () => {
    const {layout} = figure(plotLrFind({lrs: [1e-4, 1e-3, 1e-2], losses: [2, 1, 3], suggestion: 1e-3}));
    expect(layout.xaxis?.type).toBe('log');
    expect(layout.shapes).toEqual([expect.objectContaining({type: 'line', xref: 'x', yref: 'y domain', x0: 1e-3, x1: 1e-3, label: expect.objectContaining({text: 'suggested 1.0e-3'})})]);
    const ranged = figure(linePlot([1, 2], {logX: true, xRange: [1, 1000]}));
    expect(ranged.layout.xaxis?.range).toEqual([0, 3]);
  });

  it('maps heatmaps with cell text, hover text and a light-to-dark scale, first row on top', () => {
    const {data, layout} = figure(confusionMatrixPlot([[1, 2], [3, 4]], ['a', 'b']));
    expect(data[0]).toMatchObject({type: 'heatmap', z: [[1, 2], [3, 4]], x: ['a', 'b'], texttemplate: '%{text}', hovertemplate: '%{customdata}<extra></extra>'});
    const scale = (data[0] as {colorscale: [number, string][]}).colorscale;
    expect(scale[0]).toEqual([0, '#f7fbff']);
    expect(layout.yaxis?.autorange).toBe('reversed');
  });

  it('draws big scatter plots with WebGL, keeps ids for selections, and lassoes when points have thumbnails', () => {
    const n = 6000;
    const big = figure(scatterPlot({x: Array.from({length: n}, (_, i) => i), y: Array.from({length: n}, (_, i) => i)}));
    expect(big.data[0]).toMatchObject({type: 'scattergl', mode: 'markers'});
    expect((big.data[0] as {customdata: number[]}).customdata).toHaveLength(n);
    expect(big.layout.dragmode).toBeUndefined();
    const image = {width: 1, height: 1, data: new Uint8Array([9])};
    const explorer = figure(scatterPlot([[0, 0]], {thumbnails: [image], equalAspect: true, hideAxes: true}));
    expect(explorer.layout.dragmode).toBe('lasso');
    expect(explorer.layout.yaxis).toMatchObject({scaleanchor: 'x', scaleratio: 1, showticklabels: false});
  });
});
