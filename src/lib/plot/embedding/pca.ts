/**
 * Principal component analysis: the directions of largest variance and the data projected onto them. Used on its own
 * (a quick 2-D view of features) and inside t-SNE (reducing wide inputs, and its initial layout).
 *
 * The top components come from subspace iteration on the covariance, applied through the data (Xᵀ(Xv), never
 * forming a d×d matrix), with a Rayleigh–Ritz step solved exactly by Jacobi rotations. When the subspace is the
 * whole space (up to 100 columns, or k + 10) that step is the full eigendecomposition, so small problems are exact;
 * otherwise it iterates until each of the top k Ritz pairs has a residual ‖Cv − λv‖ below `tolerance` times the
 * largest variance.
 */
import {toDense, type DenseMatrix, type MatrixInput} from '../matrix';
import {gaussian, seededRandom} from './random';
import {symmetricEigen} from './symmetric-eigen';

/** A fitted PCA. */
export interface PcaResult {
  /** The data projected onto the components: one row of `k` coordinates per input row. */
  coords: number[][];
  /** The unit principal axes, largest variance first: `k` rows of `d` values. Each is signed so that its largest entry is positive. */
  components: number[][];
  /** Variance along each component (sample variance, divided by n − 1). */
  explainedVariance: number[];
  /** Each component's share of the total variance. */
  explainedVarianceRatio: number[];
  /** The column means subtracted before projecting. */
  mean: number[];
}

/** Options of `pca`. */
export interface PcaOptions {
  /** Seed of the start of the subspace iteration (results agree across seeds to rounding). */
  seed?: number;
  /** Most subspace iterations; default 300. */
  maxIterations?: number;
  /** Residual at which a component counts as converged, relative to the largest variance; default 1e-9. */
  tolerance?: number;
}

const OVERSAMPLING = 10;
/** Up to this many columns the whole eigenproblem is solved at once (Jacobi on d×d is cheap there). */
const FULL_SOLVE_COLUMNS = 100;

/** The rows of `m` minus their column means, and the means. */
function centre(m: DenseMatrix): {x: Float64Array; mean: Float64Array} {
  const {rows, cols, data} = m;
  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c] += data[r * cols + c];
  for (let c = 0; c < cols; c++) mean[c] /= rows;
  const x = new Float64Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) x[r * cols + c] = data[r * cols + c] - mean[c];
  return {x, mean};
}

/** Covariance times each of `vectors` (each of length d): Xᵀ(X v) / (n − 1). */
function covarianceTimes(x: Float64Array, n: number, d: number, vectors: Float64Array[]): Float64Array[] {
  const out = vectors.map(() => new Float64Array(d));
  const scale = 1 / Math.max(1, n - 1);
  for (let r = 0; r < n; r++) {
    const row = r * d;
    for (let j = 0; j < vectors.length; j++) {
      const v = vectors[j];
      let dot = 0;
      for (let c = 0; c < d; c++) dot += x[row + c] * v[c];
      dot *= scale;
      const o = out[j];
      for (let c = 0; c < d; c++) o[c] += dot * x[row + c];
    }
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Orthonormalises `vectors` in place (modified Gram–Schmidt); a vector that collapses is replaced by a random one. */
function orthonormalise(vectors: Float64Array[], normal: () => number): void {
  for (let j = 0; j < vectors.length; j++) {
    const v = vectors[j];
    for (let attempt = 0; ; attempt++) {
      const before = Math.sqrt(dot(v, v));
      for (let i = 0; i < j; i++) {
        const p = dot(vectors[i], v);
        for (let c = 0; c < v.length; c++) v[c] -= p * vectors[i][c];
      }
      const norm = Math.sqrt(dot(v, v));
      if (norm > 1e-10 * before && norm > 0) {
        for (let c = 0; c < v.length; c++) v[c] /= norm;
        break;
      }
      if (attempt > 10) throw new Error('pca: could not build an orthonormal basis');
      for (let c = 0; c < v.length; c++) v[c] = normal();
    }
  }
}

/** Linear combinations `vectors · S` for the l×l row-major matrix `s`. */
function rotate(vectors: Float64Array[], s: Float64Array): Float64Array[] {
  const l = vectors.length;
  return vectors.map((_, j) => {
    const out = new Float64Array(vectors[0].length);
    for (let i = 0; i < l; i++) {
      const w = s[i * l + j];
      if (w !== 0) for (let c = 0; c < out.length; c++) out[c] += w * vectors[i][c];
    }
    return out;
  });
}

/** Flips `v` so that its largest entry (the first of equal ones, to rounding) is positive: a sign that does not depend on the seed. */
function fixSign(v: Float64Array): void {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  const lead = v.findIndex((x) => Math.abs(x) >= max * (1 - 1e-9));
  if (v[lead] < 0) for (let c = 0; c < v.length; c++) v[c] = -v[c];
}

/**
 * Projects `data` onto its top `k` principal components.
 *
 * @example const {coords, explainedVarianceRatio} = pca(features, 2)
 */
export function pca(data: MatrixInput, k: number, options: PcaOptions = {}): PcaResult {
  const steps = pcaSteps(data, k, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `pca` one iteration at a time: the generator yields between iterations (so async callers can yield to the event loop) and returns the result. */
export function* pcaSteps(data: MatrixInput, k: number, options: PcaOptions = {}): Generator<void, PcaResult> {
  const m = toDense(data);
  const {rows: n, cols: d} = m;
  if (!Number.isInteger(k) || k < 1 || k > d) throw new RangeError(`pca: k must be an integer from 1 to ${d} (the number of columns), got ${k}`);
  if (n < 2) throw new RangeError(`pca needs at least 2 rows, got ${n}`);
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) throw new RangeError(`pca: value at row ${Math.floor(i / d)}, column ${i % d} is ${m.data[i]}`);
  }
  const {x, mean} = centre(m);
  const normal = gaussian(seededRandom(options.seed ?? 0x5eed));
  const l = d <= FULL_SOLVE_COLUMNS ? d : Math.min(d, k + OVERSAMPLING);
  let basis: Float64Array[] = Array.from({length: l}, () => Float64Array.from({length: d}, normal));
  orthonormalise(basis, normal);

  let values: Float64Array = new Float64Array(l);
  let vectors: Float64Array[] = basis;
  const maxIterations = options.maxIterations ?? 300;
  for (let it = 0; it < maxIterations; it++) {
    // Rayleigh–Ritz: the covariance restricted to the subspace, diagonalised exactly.
    const image = covarianceTimes(x, n, d, basis);
    const t = new Float64Array(l * l);
    for (let i = 0; i < l; i++) for (let j = 0; j < l; j++) t[i * l + j] = dot(basis[i], image[j]);
    for (let i = 0; i < l; i++) for (let j = i + 1; j < l; j++) t[i * l + j] = t[j * l + i] = (t[i * l + j] + t[j * l + i]) / 2;
    const eig = symmetricEigen(t, l);
    values = eig.values;
    vectors = rotate(basis, eig.vectors);
    if (l === d) break;
    // The covariance applied to the Ritz vectors: their residuals say whether the top k have converged, and
    // orthonormalised they are the next subspace.
    const next = rotate(image, eig.vectors);
    const tolerance = (options.tolerance ?? 1e-9) * Math.max(Math.abs(values[0]), Number.MIN_VALUE);
    let converged = true;
    for (let j = 0; j < k && converged; j++) {
      let r = 0;
      for (let c = 0; c < d; c++) r += (next[j][c] - values[j] * vectors[j][c]) ** 2;
      converged = Math.sqrt(r) <= tolerance;
    }
    if (converged) break;
    basis = next;
    orthonormalise(basis, normal);
    yield;
  }

  const components = vectors.slice(0, k);
  components.forEach(fixSign);
  let total = 0;
  for (let i = 0; i < x.length; i++) total += x[i] * x[i];
  total /= n - 1;
  const explainedVariance = Array.from(values.subarray(0, k), (v) => Math.max(0, v));
  const coords = Array.from({length: n}, (_, r) =>
    components.map((c) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[r * d + j] * c[j];
      return s;
    }),
  );
  return {
    coords,
    components: components.map((c) => Array.from(c)),
    explainedVariance,
    explainedVarianceRatio: explainedVariance.map((v) => (total > 0 ? v / total : 0)),
    mean: Array.from(mean),
  };
}

/** Projects new rows onto a fitted PCA's components (subtracting its mean first). */
export function pcaTransform(model: Pick<PcaResult, 'components' | 'mean'>, data: MatrixInput): number[][] {
  const m = toDense(data);
  if (m.cols !== model.mean.length) throw new RangeError(`pcaTransform: the PCA was fitted on ${model.mean.length} columns, got ${m.cols}`);
  return Array.from({length: m.rows}, (_, r) =>
    model.components.map((c) => c.reduce((s, w, j) => s + w * (m.data[r * m.cols + j] - model.mean[j]), 0)),
  );
}
