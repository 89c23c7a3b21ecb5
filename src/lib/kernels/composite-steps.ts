/** Steps the composite gradient kernels share: spreading dy by the stride, cropping, batch chunks, sums. */
import * as tf from '@tensorflow/tfjs';
import type {AxisPlan} from './conv-geometry';
import {view, type KernelScope} from './kernel-scope';

/** Channels-last [N, H, W, C] → [N, H·sh, W·sw, C] with each element followed by sh−1 rows / sw−1 columns of zeros. */
export function spreadByStride(scope: KernelScope, t: tf.TensorInfo, sh: number, sw: number): tf.TensorInfo {
  if (sh === 1 && sw === 1) return t;
  const [n, h, w, c] = t.shape;
  const spread = scope.run(tf.PadV2, {x: view(t, [n, h, 1, w, 1, c])}, {
    paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]],
    constantValue: 0,
  });
  return view(spread, [n, h * sh, w * sw, c]);
}

/** A [N, H, W, C] tensor cut to rows [r0, r0+rows) and columns [c0, c0+cols); no copy when nothing is cut. */
export function cropSpatial(
  scope: KernelScope,
  t: tf.TensorInfo,
  r0: number,
  rows: number,
  c0: number,
  cols: number,
): tf.TensorInfo {
  const [n, h, w, c] = t.shape;
  if (r0 === 0 && c0 === 0 && rows === h && cols === w) return t;
  return scope.run(tf.Slice, {x: t}, {begin: [0, r0, c0, 0], size: [n, rows, cols, c]});
}

/** Drops the leading input rows/columns a plan asks to skip (rare: explicit padding larger than the filter). */
export function cropInputFor(scope: KernelScope, t: tf.TensorInfo, rows: AxisPlan, cols: AxisPlan): tf.TensorInfo {
  const [, h, w] = t.shape;
  return cropSpatial(scope, t, rows.cropBefore, h - rows.cropBefore, cols.cropBefore, w - cols.cropBefore);
}

/** Rows [b0, b0+size) of a tensor's first axis: the whole tensor when that is everything. */
export function sliceBatch(scope: KernelScope, t: tf.TensorInfo, b0: number, size: number): tf.TensorInfo {
  if (b0 === 0 && size === t.shape[0]) return t;
  return scope.run(tf.Slice, {x: t}, {begin: [b0, ...t.shape.slice(1).map(() => 0)], size: [size, ...t.shape.slice(1)]});
}

/**
 * Largest dy chunk (elements) the filter-gradient kernels hand XNNPACK as a *filter* at once: 4 Mi floats = 16 MiB
 * (XNNPACK copies and packs a filter, so a whole large batch would triple its memory).
 */
const MAX_DY_CHUNK_ELEMENTS = 4 * 2 ** 20;

/** Batch chunks of at most `maxChunk` samples covering [0, batch). */
export function batchChunks(batch: number, maxChunk: number): Array<[start: number, size: number]> {
  const chunk = Math.max(1, Math.min(batch, maxChunk));
  const chunks: Array<[number, number]> = [];
  for (let b = 0; b < batch; b += chunk) chunks.push([b, Math.min(chunk, batch - b)]);
  return chunks;
}

/** Adds `next` into a running sum held by the scope (the first term starts it); frees both terms once added. */
export function accumulate(scope: KernelScope, sum: tf.TensorInfo | undefined, next: tf.TensorInfo): tf.TensorInfo {
  if (sum === undefined) return next;
  const total = scope.run(tf.Add, {a: sum, b: next});
  scope.release(sum);
  scope.release(next);
  return total;
}

/** One batch chunk's contribution to a filter gradient, and the intermediates it made on the way. */
export interface ChunkPart {
  part: tf.TensorInfo;
  temps: tf.TensorInfo[];
}

/**
 * Σ over batch chunks of a filter gradient's per-chunk `partOf(xChunk, dyChunk, size)`: x and dy are cut along the batch
 * so that each dy chunk (which the kernels hand XNNPACK as a filter) has at most MAX_DY_CHUNK_ELEMENTS elements, and
 * each chunk's intermediates are freed as soon as its part is added, so peak memory is one chunk's, not the whole
 * batch's (wasm also keeps XNNPACK's packed copy of a conv filter alive as long as the filter tensor).
 */
export function sumOverBatchChunks(
  scope: KernelScope,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  dyPerSample: number,
  partOf: (xChunk: tf.TensorInfo, dyChunk: tf.TensorInfo, size: number) => ChunkPart,
): tf.TensorInfo {
  let sum: tf.TensorInfo | undefined;
  for (const [b0, size] of batchChunks(x.shape[0], Math.floor(MAX_DY_CHUNK_ELEMENTS / dyPerSample))) {
    const xChunk = sliceBatch(scope, x, b0, size);
    const dyChunk = sliceBatch(scope, dy, b0, size);
    const {part, temps} = partOf(xChunk, dyChunk, size);
    // The kernel's own inputs (handed back unchanged by a no-op slice) and repeated entries are not freed.
    for (const t of new Set([xChunk, dyChunk, ...temps])) if (t !== x && t !== dy) scope.release(t);
    sum = accumulate(scope, sum, part);
  }
  return sum!;
}
