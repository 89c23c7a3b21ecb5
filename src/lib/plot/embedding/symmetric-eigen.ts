/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations: slow for large matrices
 * (cubic per sweep) but accurate to rounding, which is what PCA's small projected problems need.
 */

/** Eigenvalues in descending order, and the matching unit eigenvectors as the columns of a row-major n×n matrix. */
export interface SymmetricEigen {
  values: Float64Array;
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/** The eigendecomposition of the symmetric n×n matrix `a` (row-major; only read, not changed). */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] ** 2;
    if (off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        const app = m[p * n + p];
        const aqq = m[q * n + q];
        // Past the first sweeps, an element too small to change either diagonal entry is set to 0 (as in Numerical
        // Recipes), which ends the iteration exactly.
        if (sweep > 3 && Math.abs(app) + Math.abs(apq) * 1e3 === Math.abs(app) && Math.abs(aqq) + Math.abs(apq) * 1e3 === Math.abs(aqq)) {
          m[p * n + q] = m[q * n + p] = 0;
          continue;
        }
        if (apq === 0) continue;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p];
          const akq = m[k * n + q];
          m[k * n + p] = c * akp - s * akq;
          m[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k];
          const aqk = m[q * n + k];
          m[p * n + k] = c * apk - s * aqk;
          m[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({length: n}, (_, i) => i).sort((i, j) => m[j * n + j] - m[i * n + i]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = m[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src];
  });
  return {values, vectors};
}
