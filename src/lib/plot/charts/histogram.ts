/**
 * `histogram`: the distribution of values (activations, pixel values, residuals, galaxy sizes). Bins are counted in
 * the kernel, so a million values become a few hundred bars before they reach the page.
 */
import {categoryColor} from '../palette';
import type {BarTrace, PlotSpec} from '../plot-spec';
import {chartFrame, type ChartOptions} from './chart-frame';
import {isArrayLike} from './series';

/** Options of `histogram`. */
export interface HistogramOptions extends ChartOptions {
  /** Number of bins, or `'auto'` (default): numpy's rule, the finer of Sturges' and Freedman–Diaconis' widths. */
  bins?: number | 'auto';
  /** Values outside are left out; default: the range of all finite values. */
  range?: [number, number];
  /** Show probability density (area 1) instead of counts. */
  density?: boolean;
}

/** Bin edges and counts: `counts[i]` values lie in `[edges[i], edges[i + 1])` (the last bin includes its right edge). */
export interface Histogram {
  edges: number[];
  counts: number[];
  /** Values left out: NaN, ±Infinity, or outside the range. */
  skipped: number;
}

const MAX_AUTO_BINS = 200;

/** The finite values of all `series`, sorted. */
function finiteSorted(series: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(series.reduce((n, s) => n + s.length, 0));
  let n = 0;
  for (const values of series) for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[n++] = values[i];
  return out.subarray(0, n).sort();
}

function autoBinCount(sorted: Float64Array, lo: number, hi: number): number {
  const n = sorted.length;
  if (n < 2 || hi <= lo) return 1;
  const sturges = (hi - lo) / (Math.log2(n) + 1);
  const iqr = sorted[Math.floor(0.75 * (n - 1))] - sorted[Math.floor(0.25 * (n - 1))];
  const fd = 2 * iqr * Math.cbrt(1 / n);
  const width = fd > 0 ? Math.min(sturges, fd) : sturges;
  return Math.max(1, Math.min(MAX_AUTO_BINS, Math.ceil((hi - lo) / width)));
}

/** Bin edges spanning `range` (or all finite values of every series) with `bins` bins. */
export function histogramEdges(series: readonly ArrayLike<number>[], bins: number | 'auto' = 'auto', range?: [number, number]): number[] {
  const sorted = finiteSorted(series);
  let [lo, hi] = range ?? (sorted.length ? [sorted[0], sorted[sorted.length - 1]] : [0, 1]);
  if (!(hi >= lo)) throw new RangeError(`histogram range must be [low, high], got [${lo}, ${hi}]`);
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  const count = bins === 'auto' ? autoBinCount(sorted, lo, hi) : bins;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`bins must be a positive integer or 'auto', got ${bins}`);
  return Array.from({length: count + 1}, (_, i) => (i === count ? hi : lo + ((hi - lo) * i) / count));
}

/** Counts `values` into the bins between `edges` (sorted, at least two). */
export function countBins(values: ArrayLike<number>, edges: readonly number[]): Histogram {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const lo = edges[0];
  const hi = edges[bins];
  let skipped = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) {
      skipped++;
      continue;
    }
    // A first guess from uniform widths, corrected for edges that are not evenly spaced or rounding.
    let b = Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins));
    while (b > 0 && v < edges[b]) b--;
    while (b < bins - 1 && v >= edges[b + 1]) b++;
    counts[b]++;
  }
  return {edges: [...edges], counts, skipped};
}

/**
 * A histogram of one series, or of several (`{before: …, after: …}`) overlaid with shared bins.
 *
 * @example histogram(await weights.data(), {bins: 50, xLabel: 'weight'})
 */
export function histogram(values: ArrayLike<number> | Readonly<Record<string, ArrayLike<number>>>, options: HistogramOptions = {}): PlotSpec {
  const named: [string | undefined, ArrayLike<number>][] = isArrayLike(values)
    ? [[undefined, values as ArrayLike<number>]]
    : Object.entries(values as Record<string, ArrayLike<number>>);
  const edges = histogramEdges(named.map(([, v]) => v), options.bins, options.range);
  const centres = edges.slice(0, -1).map((e, i) => (e + edges[i + 1]) / 2);
  const widths = edges.slice(0, -1).map((e, i) => edges[i + 1] - e);
  let skipped = 0;
  const traces = named.map(([name, v], k): BarTrace => {
    const h = countBins(v, edges);
    skipped += h.skipped;
    const total = h.counts.reduce((a, b) => a + b, 0);
    const y = options.density ? h.counts.map((c, i) => (total ? c / total / widths[i] : 0)) : h.counts;
    const trace: BarTrace = {
      kind: 'bar',
      x: centres,
      y,
      widths,
      color: categoryColor(k),
      hoverText: h.counts.map((c, i) => `[${edges[i].toPrecision(4)}, ${edges[i + 1].toPrecision(4)}): ${c}`),
    };
    if (name !== undefined) trace.name = name;
    if (named.length > 1) trace.opacity = 0.6;
    return trace;
  });
  const what = named.length > 1 ? `${named.length} series` : `${named[0][1].length} values`;
  const description = `Histogram of ${what} in ${edges.length - 1} bins` + (skipped ? `; ${skipped} values outside or not finite were left out.` : '.');
  const frame = chartFrame({yLabel: options.density ? 'density' : 'count', ...options}, description);
  frame.layout.barMode = 'overlay';
  return {...frame, traces};
}
