/** `linePlot`: one or more series as lines (loss curves, schedules, anything over steps). */
import type {LineDash, LineTrace, PlotMarker, PlotSpec} from '../plot-spec';
import {chartFrame, type ChartOptions} from './chart-frame';
import {checkSameLength, isArrayLike, positions, toPlotValues} from './series';

/** One line: its y values, and x values (0, 1, 2, … when absent). */
export interface LineSeries {
  name?: string;
  x?: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dash?: LineDash;
  /** Line width in CSS pixels. */
  width?: number;
  /** Also draw a dot per point. */
  points?: boolean;
  opacity?: number;
}

/** What `linePlot` takes: y values, one series, several, or named y arrays (`{train: …, valid: …}`). */
export type LinePlotData = ArrayLike<number> | LineSeries | readonly LineSeries[] | Readonly<Record<string, ArrayLike<number>>>;

/** Options of `linePlot`. */
export interface LinePlotOptions extends ChartOptions {
  /** Vertical lines, e.g. epoch boundaries or a chosen learning rate. */
  markers?: PlotMarker[];
}

function normalise(data: LinePlotData): LineSeries[] {
  if (isArrayLike(data)) {
    const items = data as ArrayLike<unknown>;
    if (items.length > 0 && typeof items[0] === 'object' && items[0] !== null) return [...(data as readonly LineSeries[])];
    return [{y: data as ArrayLike<number>}];
  }
  if ('y' in data && isArrayLike(data.y)) return [data as LineSeries];
  return Object.entries(data as Record<string, ArrayLike<number>>).map(([name, y]) => ({name, y}));
}

/** A line trace for `series` (validated), for the builders that draw lines. */
export function lineTrace(series: LineSeries, index: number): LineTrace {
  const label = series.name ?? `series ${index}`;
  if (!isArrayLike(series.y)) throw new TypeError(`linePlot: ${label} has no y values`);
  const x = series.x ? Array.from(series.x) : positions(series.y.length);
  checkSameLength(label, x, series.y);
  const trace: LineTrace = {kind: 'line', x, y: toPlotValues(series.y)};
  if (series.name !== undefined) trace.name = series.name;
  if (series.color !== undefined) trace.color = series.color;
  if (series.dash !== undefined) trace.dash = series.dash;
  if (series.width !== undefined) trace.width = series.width;
  if (series.points !== undefined) trace.points = series.points;
  if (series.opacity !== undefined) trace.opacity = series.opacity;
  return trace;
}

/**
 * A line chart of one or more series.
 *
 * @example linePlot({train: history.trainLoss, valid: history.validLoss}, {xLabel: 'epoch', yLabel: 'loss'})
 */
export function linePlot(data: LinePlotData, options: LinePlotOptions = {}): PlotSpec {
  const traces = normalise(data).map(lineTrace);
  const names = traces.map((t, i) => t.name ?? `series ${i}`).join(', ');
  const description = `Line chart of ${names}${options.xLabel ? ` against ${options.xLabel}` : ''}.`;
  const markers = options.markers?.map((m) => ({...m}));
  return {...chartFrame(options, description, markers?.length ? {markers} : {}), traces};
}
