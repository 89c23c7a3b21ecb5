/**
 * Exact k-nearest neighbours by brute force: O(n²·d), fine for the few thousand points an embedding view holds
 * (2,000 points of 50 dimensions take well under a second) and free of approximation.
 */
import {toDense, type DenseMatrix, type MatrixInput} from '../matrix';

/** Each point's `k` nearest other points, nearest first: indices and squared Euclidean distances, `n * k` of each. */
export interface Neighbors {
  k: number;
  indices: Int32Array;
  distances: Float64Array;
}

/** The k nearest neighbours of row `i` into `indices`/`distances` at offset `i * k` (a bounded max-heap). */
function rowNeighbors(m: DenseMatrix, i: number, k: number, indices: Int32Array, distances: Float64Array): void {
  const {rows: n, cols: d, data} = m;
  const heapIdx = new Int32Array(k);
  const heapDist = new Float64Array(k);
  let size = 0;
  const a = i * d;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    const b = j * d;
    let dist = 0;
    for (let c = 0; c < d; c++) {
      const diff = data[a + c] - data[b + c];
      dist += diff * diff;
    }
    if (size === k && dist >= heapDist[0]) continue;
    // Insert: append (heap not full) or replace the root (the farthest kept); then restore the heap order.
    let pos: number;
    if (size < k) {
      pos = size++;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (heapDist[parent] >= dist) break;
        heapDist[pos] = heapDist[parent];
        heapIdx[pos] = heapIdx[parent];
        pos = parent;
      }
    } else {
      pos = 0;
      for (;;) {
        const left = 2 * pos + 1;
        if (left >= size) break;
        const child = left + 1 < size && heapDist[left + 1] > heapDist[left] ? left + 1 : left;
        if (heapDist[child] <= dist) break;
        heapDist[pos] = heapDist[child];
        heapIdx[pos] = heapIdx[child];
        pos = child;
      }
    }
    heapDist[pos] = dist;
    heapIdx[pos] = j;
  }
  const order = Array.from({length: size}, (_, t) => t).sort((s, t) => heapDist[s] - heapDist[t] || heapIdx[s] - heapIdx[t]);
  order.forEach((t, r) => {
    indices[i * k + r] = heapIdx[t];
    distances[i * k + r] = heapDist[t];
  });
}

/**
 * The `k` nearest neighbours of every row. `tick` (optional) is awaited after each row (with the row's index), for
 * progress and cooperative yielding.
 */
export async function nearestNeighbors(data: MatrixInput, k: number, tick?: (row: number) => Promise<void>): Promise<Neighbors> {
  const m = toDense(data);
  if (!Number.isInteger(k) || k < 1 || k >= m.rows) throw new RangeError(`nearestNeighbors: k must be from 1 to ${m.rows - 1}, got ${k}`);
  const indices = new Int32Array(m.rows * k);
  const distances = new Float64Array(m.rows * k);
  for (let i = 0; i < m.rows; i++) {
    rowNeighbors(m, i, k, indices, distances);
    if (tick) await tick(i);
  }
  return {k, indices, distances};
}

/**
 * How well an embedding keeps neighbourhoods: the mean share of each point's `k` nearest neighbours in the original
 * data that are also among its `k` nearest in the embedding (1 is perfect; random layouts score about k/n).
 */
export async function neighborPreservation(original: MatrixInput, embedding: MatrixInput, k = 10): Promise<number> {
  const high = await nearestNeighbors(original, k);
  const low = await nearestNeighbors(embedding, k);
  const n = high.indices.length / k;
  if (low.indices.length !== n * k) throw new RangeError(`neighborPreservation: ${n} original rows but ${low.indices.length / k} embedded`);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const mine = new Set(low.indices.subarray(i * k, (i + 1) * k));
    for (let r = 0; r < k; r++) if (mine.has(high.indices[i * k + r])) kept++;
  }
  return kept / (n * k);
}
