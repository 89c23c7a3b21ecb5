/**
 * t-SNE's input affinities: for each point a Gaussian over its nearest neighbours whose width gives the requested
 * perplexity (found by bisection), then symmetrised, P = (P(j|i) + P(i|j)) / 2n, as a sparse matrix.
 */
import type {Neighbors} from './nearest-neighbors';

/** A sparse n×n matrix in compressed rows: row i's entries are `cols/values[rowStart[i] .. rowStart[i + 1])`. */
export interface SparseMatrix {
  rowStart: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

const ENTROPY_TOLERANCE = 1e-5;
const MAX_BISECTIONS = 200;

/** Conditional probabilities P(j|i) over row i's neighbours (written to `out`) with entropy ln(perplexity). */
function conditionalRow(distances: Float64Array, offset: number, k: number, target: number, out: Float64Array): void {
  const nearest = distances[offset];
  let beta = 1;
  let lo = 0;
  let hi = Infinity;
  for (let step = 0; step < MAX_BISECTIONS; step++) {
    let sum = 0;
    let weighted = 0;
    for (let r = 0; r < k; r++) {
      const d = distances[offset + r] - nearest;
      const p = Math.exp(-beta * d);
      out[r] = p;
      sum += p;
      weighted += d * p;
    }
    const entropy = Math.log(sum) + (beta * weighted) / sum;
    for (let r = 0; r < k; r++) out[r] /= sum;
    const gap = entropy - target;
    if (Math.abs(gap) < ENTROPY_TOLERANCE) return;
    // Entropy falls as beta (the precision) grows.
    if (gap > 0) {
      lo = beta;
      beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
    } else {
      hi = beta;
      beta = (lo + beta) / 2;
    }
  }
}

/** The symmetric, normalised affinities of `n` points from their neighbours, at `perplexity`. */
export function perplexityAffinities(neighbors: Neighbors, n: number, perplexity: number): SparseMatrix {
  const {k, indices, distances} = neighbors;
  if (!(perplexity > 0 && perplexity < k)) {
    throw new RangeError(`perplexity must be between 0 and the neighbours per point (${k}), got ${perplexity}`);
  }
  const target = Math.log(perplexity);
  const conditional = new Float64Array(n * k);
  const row = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    conditionalRow(distances, i * k, k, target, row);
    conditional.set(row, i * k);
  }
  // Every entry (i, j) also lands at (j, i); duplicates are merged after sorting each row by column.
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < k; r++) {
      counts[i + 1]++;
      counts[indices[i * k + r] + 1]++;
    }
  }
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const fill = counts.slice(0, n);
  const rawCols = new Int32Array(counts[n]);
  const rawValues = new Float64Array(counts[n]);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < k; r++) {
      const j = indices[i * k + r];
      const p = conditional[i * k + r] / (2 * n);
      rawCols[fill[i]] = j;
      rawValues[fill[i]++] = p;
      rawCols[fill[j]] = i;
      rawValues[fill[j]++] = p;
    }
  }
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const order = Array.from({length: counts[i + 1] - counts[i]}, (_, t) => counts[i] + t).sort((a, b) => rawCols[a] - rawCols[b]);
    for (const t of order) {
      if (cols.length > rowStart[i] && cols[cols.length - 1] === rawCols[t]) values[values.length - 1] += rawValues[t];
      else {
        cols.push(rawCols[t]);
        values.push(rawValues[t]);
      }
    }
    rowStart[i + 1] = cols.length;
  }
  return {rowStart, cols: Int32Array.from(cols), values: Float64Array.from(values)};
}
