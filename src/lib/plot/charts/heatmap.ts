/** `heatmap`: a matrix as coloured cells, first row on top, optionally with each cell's value written in it. */
import {toDense, toRows, type MatrixInput} from '../matrix';
import type {ColorScaleName, HeatmapTrace, PlotSpec} from '../plot-spec';
import {chartFrame, type ChartOptions} from './chart-frame';
import {toPlotValues} from './series';

/** Options of `heatmap`. */
export interface HeatmapOptions extends ChartOptions {
  /** Column labels, left to right. */
  xLabels?: readonly (string | number)[];
  /** Row labels, top to bottom. */
  yLabels?: readonly (string | number)[];
  /** Default viridis. */
  colorScale?: ColorScaleName;
  zMin?: number;
  zMax?: number;
  /** Write each cell's value in it: `true` (3 significant digits) or a formatter. */
  annotate?: boolean | ((value: number, row: number, col: number) => string);
  /** Title of the colour bar. */
  scaleTitle?: string;
  /** Draw row 0 at the bottom (image-like) instead of the top (matrix-like, the default). */
  originLower?: boolean;
}

/** Formats a cell value compactly for annotations. */
export function formatCell(value: number): string {
  if (!Number.isFinite(value)) return '';
  return Number.isInteger(value) ? String(value) : Number(value.toPrecision(3)).toString();
}

function checkLabels(what: string, labels: readonly unknown[] | undefined, n: number): void {
  if (labels && labels.length !== n) throw new RangeError(`heatmap: ${what} has ${labels.length} labels for ${n} ${what === 'xLabels' ? 'columns' : 'rows'}`);
}

/**
 * A heatmap of a matrix.
 *
 * @example heatmap(attention, {xLabels: tokens, yLabels: tokens, colorScale: 'cividis'})
 */
export function heatmap(matrix: MatrixInput, options: HeatmapOptions = {}): PlotSpec {
  const m = toDense(matrix);
  checkLabels('xLabels', options.xLabels, m.cols);
  checkLabels('yLabels', options.yLabels, m.rows);
  const rows = toRows(m);
  const trace: HeatmapTrace = {kind: 'heatmap', z: rows.map(toPlotValues), colorScale: options.colorScale ?? 'viridis'};
  if (options.xLabels) trace.x = [...options.xLabels];
  if (options.yLabels) trace.y = [...options.yLabels];
  if (options.zMin !== undefined) trace.zMin = options.zMin;
  if (options.zMax !== undefined) trace.zMax = options.zMax;
  if (options.scaleTitle !== undefined) trace.scaleTitle = options.scaleTitle;
  if (options.annotate) {
    const format = typeof options.annotate === 'function' ? options.annotate : formatCell;
    trace.cellText = rows.map((row, r) => row.map((v, c) => format(v, r, c)));
  }
  const categorical = {scale: 'category' as const};
  const frame = chartFrame(options, `Heatmap of a ${m.rows} by ${m.cols} matrix.`, {
    xAxis: options.xLabels ? categorical : {},
    yAxis: {...(options.yLabels ? categorical : {}), reversed: !options.originLower},
  });
  return {...frame, traces: [trace]};
}
