/**
 * `scatterPlot`: points coloured by category, by value or one colour each; with optional thumbnails, which make it
 * the linked embedding explorer (hover or lasso points on the page to see their images).
 */
import {shrinkToFit} from '../image/resample';
import type {PixelImage, RgbaImage} from '../image/rgba-image';
import {toRgba, type PixelMapping} from '../image/to-rgba';
import {categoryColor} from '../palette';
import type {ColorScaleName, PlotSpec, ScatterTrace} from '../plot-spec';
import {chartFrame, type ChartOptions} from './chart-frame';
import {checkSameLength, isArrayLike, toPlotValues} from './series';

/** Points as `{x, y}` arrays or as rows `[x, y]` (what `tsne` and `pca` return). */
export type ScatterPoints = {x: ArrayLike<number>; y: ArrayLike<number>} | readonly ArrayLike<number>[];

/** Options of `scatterPlot`. Per-point arrays are as long as the points. */
export interface ScatterPlotOptions extends ChartOptions {
  /** A category per point (class index or name): one colour and legend entry per category. */
  labels?: ArrayLike<string | number>;
  /** Names of numeric labels: `classes[label]`. */
  classes?: readonly string[];
  /** A CSS colour per point. */
  colors?: readonly string[];
  /** A number per point, coloured through `colorScale` (default viridis). */
  values?: ArrayLike<number>;
  colorScale?: ColorScaleName;
  /** Shown when a point is hovered. */
  hoverText?: readonly string[];
  /** Marker diameter in CSS pixels. */
  size?: number;
  opacity?: number;
  /** Legend name when the points are one series. */
  name?: string;
  /** One image per point, shown on hover and for selected points. Scalar images use `thumbnailMapping`. */
  thumbnails?: readonly PixelImage[];
  /** Longer side of the thumbnails kept in the spec, in pixels; default 48. */
  thumbnailSize?: number;
  thumbnailMapping?: PixelMapping;
  /** The caller's index of each point, reported back by selections; default 0, 1, 2, …. */
  ids?: ArrayLike<number>;
  /** One data unit as long on both axes (embeddings). */
  equalAspect?: boolean;
  /** Hide the axes' ticks and grid (embeddings, whose coordinates mean nothing). */
  hideAxes?: boolean;
}

function columns(points: ScatterPoints): [ArrayLike<number>, ArrayLike<number>] {
  if (isArrayLike(points)) {
    const rows = points as readonly ArrayLike<number>[];
    return [rows.map((r) => r[0]), rows.map((r) => r[1])];
  }
  const {x, y} = points as {x: ArrayLike<number>; y: ArrayLike<number>};
  return [x, y];
}

function checkLength(what: string, values: ArrayLike<unknown> | undefined, n: number): void {
  if (values && values.length !== n) throw new RangeError(`scatterPlot: ${what} has ${values.length} entries for ${n} points`);
}

/** Category keys in display order: by class index when names are given or labels are numbers, else by first appearance. */
function categories(labels: ArrayLike<string | number>): (string | number)[] {
  const seen = [...new Set(Array.from(labels))];
  return seen.every((l) => typeof l === 'number') ? (seen as number[]).sort((a, b) => a - b) : seen;
}

/** The points at `indices` of one trace's per-point fields. */
function pick<T>(values: ArrayLike<T> | undefined, indices: readonly number[]): T[] | undefined {
  return values && indices.map((i) => values[i]);
}

/**
 * A scatter plot. With `labels`, one coloured trace per category (click the legend to hide one); with `values`, a
 * continuous colour scale; with `thumbnails`, hovering or lasso-selecting points on the page shows their images.
 *
 * @example scatterPlot((await tsne(features)).coords, {labels: digits, thumbnails: images, equalAspect: true})
 */
export function scatterPlot(points: ScatterPoints, options: ScatterPlotOptions = {}): PlotSpec {
  const [xs, ys] = columns(points);
  const n = xs.length;
  checkSameLength('scatterPlot', xs, ys);
  for (const [what, values] of Object.entries({labels: options.labels, colors: options.colors, values: options.values, hoverText: options.hoverText, thumbnails: options.thumbnails, ids: options.ids})) {
    checkLength(what, values, n);
  }
  const size = options.thumbnailSize ?? 48;
  const thumbnails: RgbaImage[] | undefined = options.thumbnails?.map((t) => shrinkToFit(toRgba(t, options.thumbnailMapping).image, size));
  const ids = options.ids ? Array.from(options.ids) : Array.from({length: n}, (_, i) => i);
  const x = toPlotValues(xs);
  const y = toPlotValues(ys);

  const trace = (indices: readonly number[], name: string | undefined, color: string | undefined): ScatterTrace => {
    const t: ScatterTrace = {kind: 'scatter', x: indices.map((i) => x[i]), y: indices.map((i) => y[i]), ids: indices.map((i) => ids[i])};
    if (name !== undefined) t.name = name;
    if (color !== undefined) t.color = color;
    if (options.size !== undefined) t.size = options.size;
    if (options.opacity !== undefined) t.opacity = options.opacity;
    const colors = pick(options.colors, indices);
    if (colors) t.colors = colors;
    if (options.values) {
      t.values = toPlotValues(pick(options.values, indices)!);
      t.colorScale = options.colorScale ?? 'viridis';
    }
    const hover = pick(options.hoverText, indices);
    if (hover) t.hoverText = hover;
    const thumbs = pick(thumbnails, indices);
    if (thumbs) t.thumbnails = thumbs;
    return t;
  };

  let traces: ScatterTrace[];
  if (options.labels) {
    const labels = options.labels;
    traces = categories(labels).map((key, k) => {
      const indices: number[] = [];
      for (let i = 0; i < n; i++) if (labels[i] === key) indices.push(i);
      const name = typeof key === 'number' ? (options.classes?.[key] ?? String(key)) : key;
      return trace(indices, name, categoryColor(typeof key === 'number' && options.classes ? key : k));
    });
  } else {
    traces = [trace(Array.from({length: n}, (_, i) => i), options.name, undefined)];
  }
  const hidden = options.hideAxes ? {hidden: true} : {};
  const description =
    `Scatter plot of ${n} points` + (options.labels ? ` in ${traces.length} categories` : '') + (thumbnails ? ', with an image per point' : '') + '.';
  const frame = chartFrame(options, description, {...(options.equalAspect ? {equalAspect: true} : {}), xAxis: hidden, yAxis: hidden});
  return {...frame, traces};
}
