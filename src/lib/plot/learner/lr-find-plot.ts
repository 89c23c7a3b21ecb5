/** `plotLrFind`: the learning-rate finder's loss against learning rate (log axis), with the suggested rates marked. */
import {toPlotValues} from '../charts/series';
import {categoryColor} from '../palette';
import type {PlotMarker, PlotSpec, ScatterTrace} from '../plot-spec';

/** Suggested learning rates under fastai's method names (the Learner's `lrFind` gives these). */
export interface LrSuggestionsLike {
  valley?: number;
  steep?: number;
  minimum?: number;
  slide?: number;
}

/** An lr finder result (structural): the learning rates tried, the loss at each, and suggested rates. */
export interface LrFindResultLike {
  lrs: ArrayLike<number>;
  losses: ArrayLike<number>;
  /** Suggested learning rates by method, e.g. `{valley: 1e-3, steep: 3e-3}` (fastai's names). */
  suggestions?: LrSuggestionsLike | Readonly<Record<string, number>>;
  /** A single suggested learning rate. */
  suggestion?: number;
}

/** Options of `plotLrFind`. */
export interface LrFindPlotOptions {
  title?: string;
  /** Leave out this many points at the end, where the loss explodes (fastai's `skip_end`); default 0. */
  skipEnd?: number;
  height?: number;
}

/** Formats a learning rate like `3.0e-3`. */
function formatLr(lr: number): string {
  return lr.toExponential(1);
}

/** The loss at `lr`, interpolated linearly in log(lr) between the two nearest rates tried (which ascend). */
function lossAt(lrs: ArrayLike<number>, losses: ArrayLike<number>, lr: number): number | null {
  for (let i = 1; i < lrs.length; i++) {
    if (lrs[i] >= lr) {
      const t = (Math.log(lr) - Math.log(lrs[i - 1])) / (Math.log(lrs[i]) - Math.log(lrs[i - 1]));
      const v = losses[i - 1] + Math.max(0, Math.min(1, t)) * (losses[i] - losses[i - 1]);
      return Number.isFinite(v) ? v : null;
    }
  }
  return null;
}

/** A loss range that shows the useful part of the curve: from below the minimum up to the losses before it. */
function lossRange(losses: readonly (number | null)[]): [number, number] | undefined {
  let argmin = -1;
  losses.forEach((v, i) => {
    if (v !== null && (argmin < 0 || v < losses[argmin]!)) argmin = i;
  });
  if (argmin < 0) return undefined;
  const before = losses.slice(0, argmin + 1).filter((v): v is number => v !== null);
  const lo = losses[argmin]!;
  const hi = Math.max(...before);
  const pad = (hi - lo || Math.abs(lo) || 1) * 0.1;
  return [lo - pad, hi + pad];
}

/**
 * The lr finder plot: loss against learning rate on a log axis, each suggestion a labelled vertical line with a dot
 * on the curve.
 *
 * @example plotLrFind(await learn.lrFind())
 */
export function plotLrFind(result: LrFindResultLike, options: LrFindPlotOptions = {}): PlotSpec {
  if (result.lrs.length !== result.losses.length) {
    throw new RangeError(`plotLrFind: ${result.lrs.length} learning rates but ${result.losses.length} losses`);
  }
  const keep = Math.max(0, result.lrs.length - (options.skipEnd ?? 0));
  const lrs = Array.from(result.lrs).slice(0, keep);
  const losses = toPlotValues(Array.from(result.losses).slice(0, keep));
  const suggestions = Object.entries({...(result.suggestion !== undefined ? {suggested: result.suggestion} : {}), ...result.suggestions}).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0,
  );
  const markers: PlotMarker[] = suggestions.map(([name, lr], i) => ({x: lr, label: `${name} ${formatLr(lr)}`, color: categoryColor(i + 1), dash: 'dash'}));
  const dots: ScatterTrace[] = suggestions.map(([name, lr], i) => ({
    kind: 'scatter',
    name: `${name} ${formatLr(lr)}`,
    x: [lr],
    y: [lossAt(result.lrs, result.losses, lr)],
    color: categoryColor(i + 1),
    size: 10,
  }));
  const range = lossRange(losses);
  const spec: PlotSpec = {
    $display: 'plot',
    title: options.title ?? 'Learning rate finder',
    description:
      `Loss against learning rate for ${lrs.length} rates from ${formatLr(lrs[0] ?? NaN)} to ${formatLr(lrs[lrs.length - 1] ?? NaN)}` +
      (suggestions.length ? `; suggested: ${suggestions.map(([n, lr]) => `${n} ${formatLr(lr)}`).join(', ')}.` : '.'),
    traces: [{kind: 'line', name: 'loss', x: lrs, y: losses, color: categoryColor(0), width: 2}, ...dots],
    layout: {panels: [{xAxis: {title: 'learning rate', scale: 'log'}, yAxis: range ? {title: 'loss', range} : {title: 'loss'}, markers}]},
  };
  if (options.height !== undefined) spec.layout.height = options.height;
  return spec;
}
