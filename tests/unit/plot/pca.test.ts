import {describe, expect, it} from 'vitest';
import {pca, pcaTransform} from '../../../src/lib/plot';
import {gaussian, seededRandom} from '../../../src/lib/plot/embedding/random';
import {symmetricEigen} from '../../../src/lib/plot/embedding/symmetric-eigen';

const r = Math.SQRT1_2;

describe('symmetricEigen', () => {
  it('diagonalises a 2x2 matrix by hand: [[2, 1], [1, 2]] has 3 along (1, 1) and 1 along (1, -1)', () => {
    const {values, vectors} = symmetricEigen([2, 1, 1, 2], 2);
    expect(Array.from(values)).toEqual([expect.closeTo(3, 12), expect.closeTo(1, 12)]);
    expect(Math.abs(vectors[0] * vectors[1] + vectors[2] * vectors[3])).toBeLessThan(1e-12);
    expect(Math.abs(vectors[0])).toBeCloseTo(r, 12);
    expect(vectors[0] * vectors[2]).toBeGreaterThan(0);
  });

  it('reconstructs a random symmetric matrix from orthonormal eigenvectors', () => {
    const n = 9;
    const normal = gaussian(seededRandom(7));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = normal();
    const {values, vectors} = symmetricEigen(a, n);
    for (let i = 1; i < n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rebuilt = 0;
        let gram = 0;
        for (let k = 0; k < n; k++) {
          rebuilt += vectors[i * n + k] * values[k] * vectors[j * n + k];
          gram += vectors[k * n + i] * vectors[k * n + j];
        }
        expect(rebuilt).toBeCloseTo(a[i * n + j], 10);
        expect(gram).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });
});

describe('pca', () => {
  it('matches a hand-computed case', () => {
    // Mean 0; covariance [[20/3, 4], [4, 20/3]]: eigenvalues 32/3 along (1, 1)/√2 and 8/3 along (1, −1)/√2.
    const data = [[3, 1], [1, 3], [-3, -1], [-1, -3]];
    const result = pca(data, 2);
    expect(result.mean).toEqual([0, 0]);
    expect(result.explainedVariance[0]).toBeCloseTo(32 / 3, 12);
    expect(result.explainedVariance[1]).toBeCloseTo(8 / 3, 12);
    expect(result.explainedVarianceRatio[0]).toBeCloseTo(0.8, 12);
    const [c1, c2] = result.components;
    expect(c1[0]).toBeCloseTo(r, 12);
    expect(c1[1]).toBeCloseTo(r, 12);
    expect(c2[0]).toBeCloseTo(r, 12);
    expect(c2[1]).toBeCloseTo(-r, 12);
    const expected = [[4 * r, 2 * r], [4 * r, -2 * r], [-4 * r, -2 * r], [-4 * r, 2 * r]];
    result.coords.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 12)));
  });

  it('finds the top components of wide data (over 100 columns) by iteration, matching the full eigendecomposition of its covariance', () => {
    const n = 300;
    const d = 120;
    const normal = gaussian(seededRandom(11));
    // Columns with decreasing spread, then mixed by a fixed random rotation-ish matrix.
    const mix = Array.from({length: d}, () => Array.from({length: d}, normal));
    const rows = Array.from({length: n}, () => {
      const latent = Array.from({length: d}, (_, j) => normal() * (j < 3 ? 10 - 3 * j : 0.5));
      return mix.map((m) => m.reduce((s, w, j) => s + w * latent[j], 5));
    });
    const result = pca(rows, 3, {seed: 3});
    const mean = Array.from({length: d}, (_, j) => rows.reduce((s, row) => s + row[j], 0) / n);
    const cov = new Float64Array(d * d);
    for (const row of rows) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i * d + j] += ((row[i] - mean[i]) * (row[j] - mean[j])) / (n - 1);
    const reference = symmetricEigen(cov, d);
    for (let k = 0; k < 3; k++) {
      expect(result.explainedVariance[k]).toBeCloseTo(reference.values[k], 6);
      const alignment = result.components[k].reduce((s, v, j) => s + v * reference.vectors[j * d + k], 0);
      expect(Math.abs(alignment)).toBeCloseTo(1, 8);
    }
    const total = Array.from({length: d}, (_, i) => cov[i * d + i]).reduce((a, b) => a + b, 0);
    expect(result.explainedVarianceRatio[0]).toBeCloseTo(reference.values[0] / total, 8);
    // Another seed, the same answer; and projecting the data again gives the same coordinates.
    expect(pca(rows, 3, {seed: 99}).coords[5].map((v) => v.toFixed(6))).toEqual(result.coords[5].map((v) => v.toFixed(6)));
    expect(pcaTransform(result, rows.slice(0, 2))).toEqual(result.coords.slice(0, 2).map((row) => row.map((v) => expect.closeTo(v, 9))));
  });

  it('rejects a bad k, and NaN or infinite values with their place', () => {
    expect(() => pca([[1, 2], [3, 4]], 3)).toThrow(/k must be an integer from 1 to 2/);
    expect(() => pca([[1, 2], [3, NaN], [5, 6]], 1)).toThrow(/row 1, column 1 is NaN/);
  });
});
