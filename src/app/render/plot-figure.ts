/**
 * Translates a `plot` spec into a plotly figure (traces and layout): panels become axis pairs side by side, markers
 * become labelled vertical lines, colour scale names become plotly's, every user string is escaped. A pure function
 * of the spec and a theme, so it is tested in Node and the renderer only hands its result to `Plotly.react`.
 */
import type {Annotation, BarData, Data, HeatmapData, Layout, LayoutAxis, ScatterData, Shape} from 'plotly.js-dist-min';
import type {BarTrace, ColorScaleName, HeatmapTrace, LineTrace, PlotAxis, PlotPanel, PlotSpec, ScatterTrace} from '../../lib/plot/plot-spec';
import type {PlotTheme} from './plot-theme';
import {plotlyLabels, plotlyText} from './plotly-text';

/** A plotly figure. */
export interface PlotlyFigure {
  data: Data[];
  layout: Partial<Layout>;
}

/** Above this many points a scatter trace is drawn with WebGL. */
const WEBGL_POINTS = 5000;
const DEFAULT_HEIGHT = 360;
const PANEL_GAP = 0.08;

/** Light-to-dark ramps (ColorBrewer's sequential end points); plotly's own "Blues" and co. are saturated and dark-first. */
function ramp(...stops: string[]): [number, string][] {
  return stops.map((color, i) => [i / (stops.length - 1), color]);
}

/** Plotly colour scales by our names: plotly's for the perceptual ones, with low values first as in matplotlib. */
const COLOR_SCALES: Record<ColorScaleName, {colorscale: string | [number, string][]; reversescale?: boolean}> = {
  viridis: {colorscale: 'Viridis'},
  cividis: {colorscale: 'Cividis'},
  blues: {colorscale: ramp('#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b')},
  greens: {colorscale: ramp('#f7fcf5', '#c7e9c0', '#74c476', '#238b45', '#00441b')},
  greys: {colorscale: ramp('#ffffff', '#d9d9d9', '#969696', '#525252', '#000000')},
  reds: {colorscale: ramp('#fff5f0', '#fcbba1', '#fb6a4a', '#cb181d', '#67000d')},
  hot: {colorscale: 'Hot'},
  ylgnbu: {colorscale: 'YlGnBu', reversescale: true},
  rdbu: {colorscale: 'RdBu', reversescale: true},
};

/** Plotly's axis ids for panel `i`: `x`/`y`, then `x2`/`y2`, …. */
export function axisIds(panel: number): {x: string; y: string; xKey: string; yKey: string} {
  const n = panel === 0 ? '' : String(panel + 1);
  return {x: `x${n}`, y: `y${n}`, xKey: `xaxis${n}`, yKey: `yaxis${n}`};
}

function placement<T extends object>(trace: {panel?: number}, out: T): T {
  const {x, y} = axisIds(trace.panel ?? 0);
  return trace.panel ? {...out, xaxis: x, yaxis: y} : out;
}

function named(trace: {name?: string; showLegend?: boolean; opacity?: number}) {
  const out: {name?: string; showlegend?: boolean; opacity?: number} = {};
  if (trace.name !== undefined) out.name = plotlyText(trace.name);
  out.showlegend = trace.showLegend ?? trace.name !== undefined;
  if (trace.opacity !== undefined) out.opacity = trace.opacity;
  return out;
}

function lineData(t: LineTrace): Partial<ScatterData> {
  return placement(t, {
    type: 'scatter',
    mode: t.points ? 'lines+markers' : 'lines',
    x: t.x,
    y: t.y,
    line: {color: t.color, width: t.width ?? 1.75, dash: t.dash ?? 'solid'},
    marker: {color: t.color, size: 6},
    connectgaps: false,
    ...named(t),
  });
}

function scatterData(t: ScatterTrace): Partial<ScatterData> {
  const marker: Partial<ScatterData>['marker'] = {size: t.size ?? 7, color: t.values ?? t.colors ?? t.color};
  if (t.values) Object.assign(marker, COLOR_SCALES[t.colorScale ?? 'viridis'], {showscale: true});
  const out: Partial<ScatterData> = {
    type: t.x.length > WEBGL_POINTS ? ('scattergl' as 'scatter') : 'scatter',
    mode: 'markers',
    x: t.x,
    y: t.y,
    marker,
    customdata: t.ids,
    ...named(t),
  };
  if (t.hoverText) {
    out.text = t.hoverText.map(plotlyText);
    out.hovertemplate = '%{text}<extra></extra>';
  }
  return placement(t, out);
}

function barData(t: BarTrace): Partial<BarData> {
  const positions = plotlyLabels(t.x);
  const out: Partial<BarData> = {
    type: 'bar',
    orientation: t.horizontal ? 'h' : 'v',
    x: t.horizontal ? t.y : positions,
    y: t.horizontal ? positions : t.y,
    marker: {color: t.colors ?? t.color},
    ...named(t),
  };
  if (t.widths) out.width = t.widths;
  if (t.hoverText) {
    out.text = t.hoverText.map(plotlyText);
    out.textposition = 'none';
    out.hovertemplate = '%{text}<extra></extra>';
  }
  return placement(t, out);
}

function heatmapData(t: HeatmapTrace, theme: PlotTheme): Partial<HeatmapData> {
  const out: Partial<HeatmapData> = {
    type: 'heatmap',
    z: t.z,
    ...COLOR_SCALES[t.colorScale ?? 'viridis'],
    showscale: t.showScale ?? true,
    xgap: 1,
    ygap: 1,
    ...named(t),
  };
  if (t.x) out.x = plotlyLabels(t.x);
  if (t.y) out.y = plotlyLabels(t.y);
  if (t.zMin !== undefined) out.zmin = t.zMin;
  if (t.zMax !== undefined) out.zmax = t.zMax;
  if (t.scaleTitle !== undefined) out.colorbar = {title: {text: plotlyText(t.scaleTitle)}, outlinewidth: 0};
  if (t.cellText) {
    out.text = t.cellText.map((row) => row.map(plotlyText));
    out.texttemplate = '%{text}';
    out.textfont = {family: theme.font};
  }
  if (t.hoverText) {
    out.customdata = t.hoverText.map((row) => row.map(plotlyText));
    out.hovertemplate = '%{customdata}<extra></extra>';
  }
  return placement(t, out);
}

function traceData(trace: PlotSpec['traces'][number], theme: PlotTheme): Data {
  switch (trace.kind) {
    case 'line':
      return lineData(trace);
    case 'scatter':
      return scatterData(trace);
    case 'bar':
      return barData(trace);
    case 'heatmap':
      return heatmapData(trace, theme);
  }
}

function axisLayout(axis: PlotAxis | undefined, theme: PlotTheme, domain: [number, number] | undefined, anchor: string): Partial<LayoutAxis> {
  const a = axis ?? {};
  const out: Partial<LayoutAxis> = {
    anchor: anchor as LayoutAxis['anchor'],
    gridcolor: theme.grid,
    linecolor: theme.axisLine,
    zerolinecolor: theme.axisLine,
    tickcolor: theme.axisLine,
    ticks: 'outside',
    automargin: true,
  };
  if (domain) out.domain = domain;
  if (a.title !== undefined) out.title = {text: plotlyText(a.title), font: {color: theme.muted}, standoff: 8};
  if (a.scale === 'log') out.type = 'log';
  if (a.scale === 'category') out.type = 'category';
  if (a.range) {
    // Plotly wants log axes' ranges as powers of ten.
    const [lo, hi] = a.scale === 'log' ? [Math.log10(a.range[0]), Math.log10(a.range[1])] : a.range;
    out.range = a.reversed ? [hi, lo] : [lo, hi];
  } else if (a.reversed) {
    out.autorange = 'reversed';
  }
  if (a.tickFormat !== undefined) out.tickformat = a.tickFormat;
  if (a.hidden) Object.assign(out, {showticklabels: false, showgrid: false, zeroline: false, ticks: '', showline: false});
  return out;
}

function markerShapes(panel: PlotPanel, index: number, theme: PlotTheme): Partial<Shape>[] {
  const {x, y} = axisIds(index);
  return (panel.markers ?? []).map((m) => ({
    type: 'line',
    xref: x as Shape['xref'],
    yref: `${y} domain` as Shape['yref'],
    x0: m.x,
    x1: m.x,
    y0: 0,
    y1: 1,
    line: {color: m.color ?? theme.muted, width: 1.25, dash: m.dash ?? 'dash'},
    label: m.label === undefined ? undefined : {text: plotlyText(m.label), textposition: 'end', textangle: -90, font: {size: 11, color: m.color ?? theme.muted}, xanchor: 'right', yanchor: 'top'},
  } as Partial<Shape>));
}

/** The plotly figure for `spec`, drawn with `theme`. */
export function plotlyFigure(spec: PlotSpec, theme: PlotTheme): PlotlyFigure {
  const panels = spec.layout.panels?.length ? spec.layout.panels : [{}];
  const width = (1 - PANEL_GAP * (panels.length - 1)) / panels.length;
  const legendEntries = spec.traces.filter((t) => t.name !== undefined && t.showLegend !== false).length;
  const layout: Partial<Layout> = {
    height: spec.layout.height ?? DEFAULT_HEIGHT,
    autosize: true,
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: {family: theme.font, size: 12, color: theme.foreground},
    colorway: [...theme.palette],
    margin: {l: 56, r: 16, t: spec.title ? 44 : panels.some((p) => p.title) ? 32 : 16, b: 40},
    showlegend: spec.layout.showLegend ?? legendEntries > 1,
    // Right of the plot, where it never collides with axis titles.
    legend: {font: {size: 11}, bgcolor: 'rgba(0,0,0,0)'},
    hoverlabel: {bgcolor: '#ffffff', bordercolor: theme.axisLine, font: {color: theme.foreground, family: theme.font}},
    barmode: spec.layout.barMode ?? 'group',
    bargap: 0.15,
    // Keep the user's zoom and hidden traces when a live plot updates.
    uirevision: 'keep',
    shapes: panels.flatMap((p, i) => markerShapes(p, i, theme)),
  };
  const annotations: Partial<Annotation>[] = [];
  if (spec.title) layout.title = {text: plotlyText(spec.title), x: 0, xref: 'paper', xanchor: 'left', font: {size: 14}};
  panels.forEach((panel, i) => {
    const ids = axisIds(i);
    const domain: [number, number] | undefined = panels.length > 1 ? [i * (width + PANEL_GAP), i * (width + PANEL_GAP) + width] : undefined;
    const xAxis = axisLayout(panel.xAxis, theme, domain, ids.y);
    const yAxis = axisLayout(panel.yAxis, theme, undefined, ids.x);
    if (panel.equalAspect) Object.assign(yAxis, {scaleanchor: ids.x, scaleratio: 1});
    Object.assign(layout, {[ids.xKey]: xAxis, [ids.yKey]: yAxis});
    if (panel.title && panels.length > 1) {
      annotations.push({
        text: plotlyText(panel.title),
        xref: 'paper',
        yref: 'paper',
        x: domain ? domain[0] : 0,
        y: 1,
        xanchor: 'left',
        yanchor: 'bottom',
        showarrow: false,
        font: {color: theme.muted, size: 12},
      });
    }
  });
  layout.annotations = annotations;
  if (spec.traces.some((t) => t.kind === 'scatter' && t.thumbnails)) {
    layout.dragmode = 'lasso';
    layout.hovermode = 'closest';
  }
  return {data: spec.traces.map((t) => traceData(t, theme)), layout};
}
