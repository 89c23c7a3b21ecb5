/**
 * `plotHistory`: the training curves of a Learner run. Made to be re-emitted while training runs, with the same output
 * id, so the page updates the plot in place: long per-batch series are thinned to a fixed number of points, so each
 * update costs the same whether the run has seen a hundred batches or a million.
 */
import {isArrayLike, toPlotValues} from '../charts/series';
import {categoryColor} from '../palette';
import type {LineTrace, PlotPanel, PlotSpec} from '../plot-spec';
import {bucketEnds, bucketMeans, smoothEma} from './smoothing';

/** A series of numbers: an array, or an object holding one in `values` (the Learner's growing `Series`). */
export type SeriesLike = ArrayLike<number> | {readonly values: ArrayLike<number>};

/**
 * A training history (structural: the Learner's `learn.recorder` fits, and so does any object with these fields).
 * Per-batch series may be preallocated buffers, filled up to `batchCount`.
 */
export interface TrainingHistoryLike {
  /** Train loss of every batch so far, oldest first. */
  batchLoss?: SeriesLike;
  /** Entries of `batchLoss` recorded so far; its length when absent. */
  batchCount?: number;
  /** Batches per epoch: places batches on the epoch axis (see `HistoryPlotOptions.batchesPerEpoch`). */
  batchesPerEpoch?: number;
  /** Mean train loss of each completed epoch. */
  trainLoss?: SeriesLike;
  /** Validation loss after each completed epoch. */
  validLoss?: SeriesLike;
  /** Metrics after each completed epoch, by name (e.g. `accuracy`). */
  metrics?: Readonly<Record<string, SeriesLike>> | ReadonlyMap<string, SeriesLike>;
}

/** Options of `plotHistory`. */
export interface HistoryPlotOptions {
  title?: string;
  /** EMA factor for the per-batch loss (fastai's 0.98); 0 turns smoothing off. */
  smoothing?: number;
  /** Most points drawn per series (default 1,000): longer series are averaged in buckets. */
  maxPoints?: number;
  /** Log scale for the loss axis. */
  logLoss?: boolean;
  height?: number;
  /**
   * Batches per epoch (e.g. `dls.train.length`), when the history does not say. Without it the count is estimated
   * from the completed epochs, which places batches of an epoch still running slightly off.
   */
  batchesPerEpoch?: number;
}

function values(series: SeriesLike | undefined): ArrayLike<number> {
  if (!series) return [];
  return isArrayLike(series) ? (series as ArrayLike<number>) : (series as {values: ArrayLike<number>}).values;
}

/** The series of a history, read once (growing buffers are views that change as training runs). */
interface HistorySeries {
  batchLoss: ArrayLike<number>;
  batches: number;
  trainLoss: ArrayLike<number>;
  validLoss: ArrayLike<number>;
  metrics: [string, ArrayLike<number>][];
}

function readHistory(history: TrainingHistoryLike): HistorySeries {
  const batchLoss = values(history.batchLoss);
  const metrics = history.metrics instanceof Map ? [...history.metrics] : Object.entries(history.metrics ?? {});
  return {
    batchLoss,
    batches: Math.min(history.batchCount ?? batchLoss.length, batchLoss.length),
    trainLoss: values(history.trainLoss),
    validLoss: values(history.validLoss),
    metrics: metrics.map(([name, series]): [string, ArrayLike<number>] => [name, values(series)]).filter(([, v]) => v.length > 0),
  };
}

function lastValue(series: ArrayLike<number>): string | undefined {
  if (!series.length) return undefined;
  const v = series[series.length - 1];
  return Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v);
}

/** The per-batch traces: thinned raw loss (faint) and its smoothed curve, on the epoch axis when it is known. */
function batchTraces(history: HistorySeries, options: HistoryPlotOptions, perEpoch: number | undefined): LineTrace[] {
  const {batchLoss: losses, batches: count} = history;
  if (count === 0) return [];
  const ends = bucketEnds(count, options.maxPoints ?? 1000);
  const x = ends.map((end) => (perEpoch ? end / perEpoch : end));
  const color = categoryColor(0);
  const raw: LineTrace = {kind: 'line', name: 'train (batch)', x, y: toPlotValues(bucketMeans(losses, ends)), color, opacity: 0.3, width: 1};
  const beta = options.smoothing ?? 0.98;
  if (beta === 0) return [raw];
  const smooth = smoothEma(losses, beta, count);
  const smoothed: LineTrace = {kind: 'line', name: 'train (smoothed)', x, y: toPlotValues(ends.map((end) => smooth[end - 1])), color, width: 2};
  return [raw, smoothed];
}

function epochTrace(name: string, values: ArrayLike<number>, color: string, panel: number): LineTrace {
  const trace: LineTrace = {kind: 'line', name, x: Array.from({length: values.length}, (_, e) => e + 1), y: toPlotValues(values), color, points: true};
  if (panel) trace.panel = panel;
  return trace;
}

/**
 * Training curves: the per-batch train loss (raw, faint, and smoothed), train and validation loss per epoch, and in a
 * second panel each metric per epoch. Emit it again as training runs (same output id) for a live plot.
 *
 * @example display(plotHistory(learn.recorder, {batchesPerEpoch: dls.train.length}), {id: 'curves'})
 */
export function plotHistory(history: TrainingHistoryLike, options: HistoryPlotOptions = {}): PlotSpec {
  const series = readHistory(history);
  const {batches, metrics} = series;
  const epochs = Math.max(series.trainLoss.length, series.validLoss.length, ...metrics.map(([, m]) => m.length));
  const perEpoch = options.batchesPerEpoch ?? history.batchesPerEpoch ?? (epochs > 0 && batches > 0 ? Math.round(batches / epochs) : undefined);
  const traces: LineTrace[] = batchTraces(series, options, perEpoch);
  if (series.trainLoss.length) traces.push({...epochTrace('train (epoch)', series.trainLoss, categoryColor(0), 0), dash: 'dot'});
  if (series.validLoss.length) traces.push(epochTrace('valid', series.validLoss, categoryColor(1), 0));
  metrics.forEach(([name, values], i) => traces.push(epochTrace(name, values, categoryColor(2 + i), 1)));

  const xAxis = {title: perEpoch || batches === 0 ? 'epoch' : 'batch'};
  const panels: PlotPanel[] = [{xAxis, yAxis: options.logLoss ? {title: 'loss', scale: 'log'} : {title: 'loss'}}];
  if (metrics.length) panels.push({xAxis: {title: 'epoch'}, yAxis: {title: metrics.length === 1 ? metrics[0][0] : 'metrics'}});

  const summary = [`${batches} batches`, `${epochs} epochs`];
  const valid = lastValue(series.validLoss);
  if (valid) summary.push(`last valid loss ${valid}`);
  for (const [name, values] of metrics) summary.push(`last ${name} ${lastValue(values)}`);
  const spec: PlotSpec = {
    $display: 'plot',
    title: options.title ?? 'Training',
    description: `Training history: ${summary.join(', ')}.`,
    traces,
    layout: {panels},
  };
  if (options.height !== undefined) spec.layout.height = options.height;
  return spec;
}
