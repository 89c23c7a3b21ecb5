/** `barChart`: values per category (class counts, per-class accuracy, most-confused pairs). */
import {categoryColor} from '../palette';
import type {BarTrace, PlotSpec} from '../plot-spec';
import {chartFrame, type ChartOptions} from './chart-frame';

/**
 * Bars: a record `{label: value}`, labels with values, or labels with several named series (grouped bars, e.g.
 * `{labels: classes, series: {train: …, valid: …}}`).
 */
export type BarChartData =
  | Readonly<Record<string, number>>
  | {labels: readonly (string | number)[]; values: ArrayLike<number>}
  | {labels: readonly (string | number)[]; series: Readonly<Record<string, ArrayLike<number>>>};

/** Options of `barChart`. */
export interface BarChartOptions extends ChartOptions {
  /**
   * Bars along the y axis, labels on the left (readable for long labels). The axis options keep their meaning:
   * `xLabel` names the categories and `yLabel`, `logY`, `yRange` the values.
   */
  horizontal?: boolean;
  /** Order categories by their (first series') value. */
  sort?: 'ascending' | 'descending';
  /** Stack several series instead of grouping them side by side. */
  stacked?: boolean;
  /** A CSS colour per bar (one series only). */
  colors?: readonly string[];
}

function normalise(data: BarChartData): {labels: (string | number)[]; series: [string | undefined, number[]][]} {
  if ('labels' in data && Array.isArray(data.labels)) {
    const d = data as {labels: (string | number)[]; values?: ArrayLike<number>; series?: Record<string, ArrayLike<number>>};
    const series: [string | undefined, number[]][] = d.series
      ? Object.entries(d.series).map(([name, v]) => [name, Array.from(v)])
      : [[undefined, Array.from(d.values ?? [])]];
    for (const [name, v] of series) {
      if (v.length !== d.labels.length) {
        throw new RangeError(`barChart: ${name ?? 'values'} has ${v.length} entries for ${d.labels.length} labels`);
      }
    }
    return {labels: [...d.labels], series};
  }
  const record = data as Record<string, number>;
  return {labels: Object.keys(record), series: [[undefined, Object.values(record)]]};
}

/**
 * A bar chart.
 *
 * @example barChart({galaxy: 812, star: 143, artefact: 45}, {yLabel: 'objects'})
 */
export function barChart(data: BarChartData, options: BarChartOptions = {}): PlotSpec {
  const {labels, series} = normalise(data);
  let order = labels.map((_, i) => i);
  if (options.sort) {
    const key = series[0][1];
    order = order.sort((a, b) => (options.sort === 'ascending' ? key[a] - key[b] : key[b] - key[a]));
  }
  if (options.colors && options.colors.length !== labels.length) {
    throw new RangeError(`barChart: colors has ${options.colors.length} entries for ${labels.length} labels`);
  }
  const x = order.map((i) => labels[i]);
  const traces = series.map(([name, values], k): BarTrace => {
    const trace: BarTrace = {kind: 'bar', x, y: order.map((i) => values[i]), color: categoryColor(k)};
    if (name !== undefined) trace.name = name;
    if (options.horizontal) trace.horizontal = true;
    if (options.colors && series.length === 1) trace.colors = order.map((i) => options.colors![i]);
    return trace;
  });
  // Axis labels follow the axes: for horizontal bars the categories are on y.
  const axes: ChartOptions = options.horizontal
    ? {...options, xLabel: options.yLabel, yLabel: options.xLabel, logX: options.logY, logY: false, xRange: options.yRange, yRange: undefined}
    : options;
  const frame = chartFrame(axes, `Bar chart of ${labels.length} categories${series.length > 1 ? ` in ${series.length} series` : ''}.`, {
    xAxis: options.horizontal ? {} : {scale: 'category'},
    yAxis: options.horizontal ? {scale: 'category', reversed: true} : {},
  });
  frame.layout.barMode = options.stacked ? 'stack' : 'group';
  return {...frame, traces};
}
