/**
 * Confusion matrices: rows are the actual classes, columns the predicted ones (the convention of scikit-learn and
 * fastai). Cells show counts, and with normalisation the fraction as well, so small classes stay readable.
 */
import {toDense, toRows, type MatrixInput} from '../matrix';
import type {PlotSpec} from '../plot-spec';
import {heatmap} from './heatmap';

/**
 * How to normalise: `'true'` divides each row by its sum (recall per actual class), `'pred'` each column (precision
 * per predicted class), `'all'` everything by the total; `'none'` keeps counts. As in scikit-learn, a row or column
 * that sums to 0 gives zeros.
 */
export type ConfusionNormalization = 'true' | 'pred' | 'all' | 'none';

/** A confusion matrix object (the metrics module's `ConfusionMatrix` fits): k×k counts, flat, row-major. */
export interface ConfusionMatrixLike {
  numClasses: number;
  counts: ArrayLike<number>;
}

/** Options of `confusionMatrixPlot`. */
export interface ConfusionMatrixOptions {
  /** Colour by normalised values; `true` means `'true'` (rows). Default `'none'`: colour by counts. */
  normalize?: ConfusionNormalization | boolean;
  title?: string;
  height?: number;
}

/** The confusion matrix normalised as `mode` says (see `ConfusionNormalization`). */
export function normalizeConfusion(matrix: MatrixInput, mode: ConfusionNormalization): number[][] {
  const rows = toRows(toDense(matrix));
  if (mode === 'none') return rows;
  const total = rows.flat().reduce((a, b) => a + b, 0);
  const colSums = rows[0]?.map((_, c) => rows.reduce((s, row) => s + row[c], 0)) ?? [];
  return rows.map((row) => {
    const rowSum = row.reduce((a, b) => a + b, 0);
    return row.map((v, c) => {
      const sum = mode === 'true' ? rowSum : mode === 'pred' ? colSums[c] : total;
      return sum === 0 ? 0 : v / sum;
    });
  });
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction >= 0.1 || fraction === 0 ? 0 : 1)}%`;
}

function isConfusionLike(matrix: MatrixInput | ConfusionMatrixLike): matrix is ConfusionMatrixLike {
  return !Array.isArray(matrix) && 'numClasses' in matrix;
}

/**
 * A confusion matrix as an annotated heatmap: each cell shows its count, and with `normalize` its share as well.
 * Classes default to their indices.
 *
 * @example confusionMatrixPlot(interp.confusionMatrix(), dls.classes, {normalize: true})
 */
export function confusionMatrixPlot(
  matrix: MatrixInput | ConfusionMatrixLike,
  classesIn?: readonly string[],
  options: ConfusionMatrixOptions = {},
): PlotSpec {
  const input: MatrixInput = isConfusionLike(matrix) ? {rows: matrix.numClasses, cols: matrix.numClasses, data: matrix.counts} : matrix;
  const counts = toRows(toDense(input));
  const classes = classesIn ?? counts.map((_, i) => String(i));
  const k = classes.length;
  if (counts.length !== k || counts.some((row) => row.length !== k)) {
    throw new RangeError(`confusionMatrixPlot: the matrix must be ${k}x${k} for ${k} classes, got ${counts.length}x${counts[0]?.length ?? 0}`);
  }
  const mode: ConfusionNormalization = options.normalize === true ? 'true' : options.normalize === false ? 'none' : (options.normalize ?? 'none');
  const shown = normalizeConfusion(counts, mode);
  const total = counts.flat().reduce((a, b) => a + b, 0);
  const correct = counts.reduce((s, row, i) => s + row[i], 0);
  const accuracy = total ? correct / total : 0;
  const spec = heatmap(shown, {
    xLabels: classes,
    yLabels: classes,
    xLabel: 'predicted',
    yLabel: 'actual',
    colorScale: 'blues',
    zMin: 0,
    zMax: mode === 'none' ? undefined : 1,
    scaleTitle: mode === 'none' ? 'count' : mode === 'true' ? 'share of actual' : mode === 'pred' ? 'share of predicted' : 'share of all',
    annotate: (v, r, c) => (mode === 'none' ? String(counts[r][c]) : `${percent(v)}\n${counts[r][c]}`),
    title: options.title ?? 'Confusion matrix',
    height: options.height,
    description: `Confusion matrix of ${k} classes over ${total} items; ${correct} (${percent(accuracy)}) on the diagonal.`,
  });
  const trace = spec.traces[0];
  if (trace.kind === 'heatmap') {
    trace.hoverText = counts.map((row, r) =>
      row.map((n, c) => `actual ${classes[r]}, predicted ${classes[c]}: ${n}` + (mode === 'none' ? '' : ` (${percent(shown[r][c])})`)),
    );
  }
  return spec;
}
