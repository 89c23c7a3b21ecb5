/**
 * Matrices as the plotting module takes them: rows of numbers (`number[][]`, an array of typed arrays) or one flat
 * row-major array with its shape (how tensors read back). Heatmaps, confusion matrices and embeddings all accept this.
 */

/** Rows of values, or a flat row-major array with its shape. */
export type MatrixInput = readonly ArrayLike<number>[] | {rows: number; cols: number; data: ArrayLike<number>};

/** A dense row-major matrix of doubles. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** `m` as a dense matrix; throws when rows differ in length or the flat data does not match its shape. */
export function toDense(m: MatrixInput): DenseMatrix {
  if (!Array.isArray(m)) {
    const {rows, cols, data} = m as {rows: number; cols: number; data: ArrayLike<number>};
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || data.length !== rows * cols) {
      throw new RangeError(`matrix of ${rows}x${cols} needs ${rows * cols} values, got ${data.length}`);
    }
    return {rows, cols, data: Float64Array.from(data)};
  }
  const rowsIn = m as readonly ArrayLike<number>[];
  const rows = rowsIn.length;
  const cols = rows ? rowsIn[0].length : 0;
  const data = new Float64Array(rows * cols);
  rowsIn.forEach((row, r) => {
    if (row.length !== cols) throw new RangeError(`matrix row ${r} has ${row.length} values; row 0 has ${cols}`);
    for (let c = 0; c < cols; c++) data[r * cols + c] = row[c];
  });
  return {rows, cols, data};
}

/** `m` as rows of plain numbers. */
export function toRows(m: DenseMatrix): number[][] {
  return Array.from({length: m.rows}, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
}
