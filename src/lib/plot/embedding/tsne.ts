/**
 * t-SNE (van der Maaten & Hinton 2008) with Barnes–Hut forces (van der Maaten 2014), following scikit-learn's
 * choices: inputs wider than 50 columns reduced by PCA first, affinities over the 3·perplexity nearest neighbours,
 * PCA initialisation scaled to a standard deviation of 1e-4, early exaggeration 12 for the first quarter of the
 * iterations, momentum 0.5 then 0.8, per-coordinate gains, and the learning rate max(n / 12 / 4, 50).
 *
 * It runs in the kernel worker without blocking it: it yields every few milliseconds, stops when its signal aborts,
 * and reports progress (in a notebook cell, as a progress bar in that cell). The same seed gives the same layout.
 */
import {currentCellContext, type ProgressSpec} from '../../display';
import type {TensorLike} from '../image/rgba-image';
import {toDense, type DenseMatrix, type MatrixInput} from '../matrix';
import {perplexityAffinities, type SparseMatrix} from './affinities';
import {QuadTree} from './barnes-hut';
import {cooperative} from './cooperative';
import {nearestNeighbors} from './nearest-neighbors';
import {pca, pcaSteps} from './pca';
import {gaussian, seededRandom} from './random';

/** Where a t-SNE run is. */
export interface TsneProgress {
  phase: 'neighbors' | 'optimizing';
  /** Units done and in all: rows for `neighbors`, iterations for `optimizing`. */
  done: number;
  total: number;
  /** KL divergence of the current layout (measured every 50 iterations). */
  kl?: number;
}

/** Options of `tsne`. */
export interface TsneOptions {
  /** Effective number of neighbours, 5–50 typically; default 30. Must be below n − 1. */
  perplexity?: number;
  /** Gradient steps; default 1000. */
  iterations?: number;
  /** Seed of every random choice; default 0. */
  seed?: number;
  /** Barnes–Hut accuracy: 0 is exact (slow), larger is faster and coarser; default 0.5. */
  theta?: number;
  /** Step size, or `'auto'` (default): max(n / exaggeration / 4, 50). */
  learningRate?: number | 'auto';
  /** Start from the top two principal components (default) or a small random cloud. */
  init?: 'pca' | 'random';
  /** Reduce wider inputs to this many principal components first (default 50; 0 keeps every column). */
  pcaDimensions?: number;
  /** Stops the run (it throws the signal's reason); the notebook cell's signal when absent. */
  signal?: AbortSignal;
  /** Called a few times a second; in a notebook, a progress bar in the cell when absent. */
  onProgress?: (progress: TsneProgress) => void;
}

/** A t-SNE layout. */
export interface TsneResult {
  /** One `[x, y]` per input row. */
  coords: number[][];
  /** The KL divergence of the final layout (lower is a closer fit of neighbourhoods). */
  kl: number;
  iterations: number;
}

const EXAGGERATION = 12;
const KL_EVERY = 50;
const PROGRESS_MS = 200;
/** Numbers the runs, so each has its own progress output. */
let runs = 0;

function isTensorLike(value: unknown): value is TensorLike {
  return typeof value === 'object' && value !== null && 'shape' in value && typeof (value as TensorLike).data === 'function';
}

async function inputMatrix(data: MatrixInput | TensorLike): Promise<DenseMatrix> {
  if (!isTensorLike(data)) return toDense(data);
  if (data.shape.length !== 2) throw new RangeError(`tsne: a tensor input must be [points, features], got shape [${data.shape.join(', ')}]`);
  return toDense({rows: data.shape[0], cols: data.shape[1], data: await data.data()});
}

/** Runs a stepwise computation to its end, awaiting `tick` between steps. */
async function stepAsync<T>(steps: Generator<void, T>, tick: () => Promise<void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await tick();
  }
}

/** Attractive forces Σ_j P_ij q_ij (y_i − y_j), added to `force` times `scale`; with `kl`, also Σ P_ij ln(P_ij / q_ij). */
function attraction(p: SparseMatrix, y: Float64Array, n: number, scale: number, force: Float64Array, kl: boolean): number {
  let cost = 0;
  for (let i = 0; i < n; i++) {
    const xi = y[2 * i];
    const yi = y[2 * i + 1];
    let fx = 0;
    let fy = 0;
    for (let e = p.rowStart[i]; e < p.rowStart[i + 1]; e++) {
      const j = p.cols[e];
      const dx = xi - y[2 * j];
      const dy = yi - y[2 * j + 1];
      const q = 1 / (1 + dx * dx + dy * dy);
      const w = p.values[e] * q;
      fx += w * dx;
      fy += w * dy;
      if (kl && p.values[e] > 0) cost += p.values[e] * Math.log(p.values[e] / q);
    }
    force[2 * i] += scale * fx;
    force[2 * i + 1] += scale * fy;
  }
  return cost;
}

/** Reports progress to `onProgress`, or as a progress bar in the running notebook cell; throttled. */
function progressReporter(onProgress: TsneOptions['onProgress']): {report: (p: TsneProgress, force?: boolean) => void; end: (state: 'done' | 'aborted' | 'error') => void} {
  const cell = onProgress ? undefined : currentCellContext();
  const start = performance.now();
  const id = `tsne-${++runs}`;
  let last = -Infinity;
  let latest: TsneProgress | undefined;
  // Each phase estimates its remaining time from its own pace.
  let phase: TsneProgress['phase'] | undefined;
  let phaseStart = start;
  const show = (p: TsneProgress, state: ProgressSpec['state']) => {
    const now = performance.now();
    if (p.phase !== phase) [phase, phaseStart] = [p.phase, now];
    const spec: ProgressSpec = {$display: 'progress', label: `t-SNE: ${p.phase === 'neighbors' ? 'finding neighbours' : 'optimising'}`, value: p.done, total: p.total, elapsed: (now - start) / 1000, state};
    if (p.done > 0 && state === 'running') spec.eta = ((now - phaseStart) / 1000) * ((p.total - p.done) / p.done);
    if (p.kl !== undefined) spec.metrics = {KL: p.kl};
    cell?.display(spec, {id});
  };
  return {
    report(p, force = false) {
      latest = p;
      const now = performance.now();
      if (!force && now - last < PROGRESS_MS) return;
      last = now;
      if (onProgress) onProgress(p);
      else show(p, 'running');
    },
    end(state) {
      if (latest && !onProgress) show(latest, state);
    },
  };
}

/**
 * A 2-D t-SNE layout of the rows of `data` (rows of numbers, a flat matrix, or a 2-D tensor).
 *
 * @example const {coords} = await tsne(features, {perplexity: 30, seed: 1}); scatterPlot(coords, {labels})
 */
export async function tsne(data: MatrixInput | TensorLike, options: TsneOptions = {}): Promise<TsneResult> {
  const signal = options.signal ?? currentCellContext()?.signal;
  const tick = cooperative(signal);
  const progress = progressReporter(options.onProgress);
  try {
    const result = await run(await inputMatrix(data), options, tick, progress.report);
    progress.end('done');
    return result;
  } catch (error) {
    progress.end(signal?.aborted ? 'aborted' : 'error');
    throw error;
  }
}

async function run(input: DenseMatrix, options: TsneOptions, tick: () => Promise<void>, report: (p: TsneProgress, force?: boolean) => void): Promise<TsneResult> {
  const n = input.rows;
  const perplexity = options.perplexity ?? 30;
  const iterations = options.iterations ?? 1000;
  const theta = options.theta ?? 0.5;
  const seed = options.seed ?? 0;
  if (n < 3) throw new RangeError(`tsne needs at least 3 points, got ${n}`);
  if (!(perplexity > 0 && perplexity < n - 1)) throw new RangeError(`tsne: perplexity must be between 0 and ${n - 1} (points − 1), got ${perplexity}`);
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`tsne: iterations must be a positive integer, got ${iterations}`);
  if (!(theta >= 0)) throw new RangeError(`tsne: theta must be at least 0, got ${theta}`);
  for (let i = 0; i < input.data.length; i++) {
    if (!Number.isFinite(input.data[i])) throw new RangeError(`tsne: value at row ${Math.floor(i / input.cols)}, column ${i % input.cols} is ${input.data[i]}`);
  }

  const reduceTo = options.pcaDimensions ?? 50;
  // Only the subspace matters for the reduction, not exact components: a loose tolerance, yielding between steps.
  const x = reduceTo > 0 && input.cols > reduceTo ? (await stepAsync(pcaSteps(input, reduceTo, {seed, tolerance: 1e-4}), tick)).coords : input;
  const k = Math.min(n - 1, Math.floor(3 * perplexity));
  const neighbors = await nearestNeighbors(x, k, async (row) => {
    report({phase: 'neighbors', done: row + 1, total: n}, row === n - 1);
    await tick();
  });
  const p = perplexityAffinities(neighbors, n, perplexity);

  // Initial layout: the top two principal components (or Gaussian noise), scaled to a standard deviation of 1e-4.
  const y = new Float64Array(2 * n);
  if ((options.init ?? 'pca') === 'pca') {
    const start = pca(x, 2, {seed}).coords;
    let mean = 0;
    for (const row of start) mean += row[0] / n;
    let sd = 0;
    for (const row of start) sd += (row[0] - mean) ** 2 / n;
    const scale = 1e-4 / (Math.sqrt(sd) || 1);
    start.forEach((row, i) => {
      y[2 * i] = row[0] * scale;
      y[2 * i + 1] = row[1] * scale;
    });
  } else {
    const normal = gaussian(seededRandom(seed));
    for (let i = 0; i < 2 * n; i++) y[i] = normal() * 1e-4;
  }

  const learningRate = options.learningRate === undefined || options.learningRate === 'auto' ? Math.max(n / EXAGGERATION / 4, 50) : options.learningRate;
  const earlyIterations = Math.min(250, Math.round(iterations / 4));
  const update = new Float64Array(2 * n);
  const gains = new Float64Array(2 * n).fill(1);
  const attractive = new Float64Array(2 * n);
  const repulsive = new Float64Array(2 * n);
  const tree = new QuadTree();
  let kl = NaN;
  for (let it = 0; it < iterations; it++) {
    const early = it < earlyIterations;
    const exaggeration = early ? EXAGGERATION : 1;
    const momentum = early ? 0.5 : 0.8;
    const measure = it % KL_EVERY === KL_EVERY - 1 || it === iterations - 1;
    attractive.fill(0);
    repulsive.fill(0);
    tree.build(y, n);
    let z = 0;
    for (let i = 0; i < n; i++) z += tree.repulsion(i, theta, repulsive);
    const cost = attraction(p, y, n, exaggeration, attractive, measure && !early);
    if (measure && !early) kl = cost + Math.log(z);
    // Gradient 4 (exaggeration · attraction − repulsion / Z), then a momentum step with per-coordinate gains.
    for (let c = 0; c < 2 * n; c++) {
      const grad = 4 * (attractive[c] - repulsive[c] / z);
      gains[c] = grad * update[c] < 0 ? gains[c] + 0.2 : Math.max(0.01, gains[c] * 0.8);
      update[c] = momentum * update[c] - learningRate * gains[c] * grad;
      y[c] += update[c];
    }
    report({phase: 'optimizing', done: it + 1, total: iterations, ...(Number.isFinite(kl) ? {kl} : {})}, it === iterations - 1);
    await tick();
  }

  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += y[2 * i] / n;
    cy += y[2 * i + 1] / n;
  }
  const coords = Array.from({length: n}, (_, i) => [y[2 * i] - cx, y[2 * i + 1] - cy]);
  return {coords, kl, iterations};
}
