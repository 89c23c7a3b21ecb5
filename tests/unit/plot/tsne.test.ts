import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {enterCellContext, type DisplaySpec, type ProgressSpec} from '../../../src/lib/display';
import {neighborPreservation, tsne, type TsneProgress} from '../../../src/lib/plot';
import {QuadTree} from '../../../src/lib/plot/embedding/barnes-hut';
import {gaussian, seededRandom} from '../../../src/lib/plot/embedding/random';

/** `perCluster` points around each of `clusters` far-apart centres in `d` dimensions, each with a small line of structure. */
function clusters(count: number, perCluster: number, d: number, seed: number): {rows: number[][]; labels: number[]} {
  const normal = gaussian(seededRandom(seed));
  const centres = Array.from({length: count}, () => Array.from({length: d}, () => normal() * 10));
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let c = 0; c < count; c++) {
    for (let i = 0; i < perCluster; i++) {
      // Along a direction inside the cluster, so neighbourhoods within it are meaningful too.
      const along = (i / perCluster) * 6;
      rows.push(centres[c].map((v, j) => v + (j === c ? along : 0) + normal() * 0.3));
      labels.push(c);
    }
  }
  return {rows, labels};
}

/** Share of each point's k nearest neighbours in `coords` that have its label (brute force, independent of the library). */
function labelPurity(coords: number[][], labels: number[], k: number): number {
  let same = 0;
  coords.forEach((a, i) => {
    const nearest = coords
      .map((b, j) => [j, (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2] as const)
      .filter(([j]) => j !== i)
      .sort((p, q) => p[1] - q[1])
      .slice(0, k);
    same += nearest.filter(([j]) => labels[j] === labels[i]).length;
  });
  return same / (coords.length * k);
}

describe('Barnes–Hut repulsion', () => {
  it('is exact at theta 0 and close at theta 0.5', () => {
    const n = 60;
    const normal = gaussian(seededRandom(5));
    const y = Float64Array.from({length: 2 * n}, () => normal() * 3);
    y[2] = y[0]; // a duplicate point
    y[3] = y[1];
    const exact = new Float64Array(2 * n);
    let exactZ = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const dx = y[2 * i] - y[2 * j];
        const dy = y[2 * i + 1] - y[2 * j + 1];
        const q = 1 / (1 + dx * dx + dy * dy);
        exactZ += q;
        exact[2 * i] += q * q * dx;
        exact[2 * i + 1] += q * q * dy;
      }
    }
    const tree = new QuadTree();
    tree.build(y, n);
    for (const [theta, tolerance] of [[0, 1e-12], [0.5, 0.05]] as const) {
      const force = new Float64Array(2 * n);
      let z = 0;
      for (let i = 0; i < n; i++) z += tree.repulsion(i, theta, force);
      expect(Math.abs(z - exactZ) / exactZ).toBeLessThan(tolerance);
      const norm = Math.hypot(...exact);
      const error = Math.hypot(...force.map((f, c) => f - exact[c]));
      expect(error / norm).toBeLessThan(tolerance);
    }
  });
});

describe('tsne', () => {
  const {rows, labels} = clusters(4, 40, 64, 1);

  it('separates well-separated clusters and keeps neighbourhoods', async () => {
    const result = await tsne(rows, {perplexity: 15, iterations: 400, seed: 1});
    expect(result.coords).toHaveLength(rows.length);
    expect(labelPurity(result.coords, labels, 10)).toBeGreaterThan(0.97);
    // A random layout keeps about k/n = 10/160 of the neighbours.
    expect(await neighborPreservation(rows, result.coords, 10)).toBeGreaterThan(0.6);
    expect(Number.isFinite(result.kl)).toBe(true);
  });

  it('is deterministic under a seed, for tensors as for arrays', async () => {
    const options = {perplexity: 10, iterations: 150, seed: 7, init: 'random' as const};
    // The tensor holds float32: give the arrays the same values.
    const a = await tsne(rows.map((row) => Float32Array.from(row)), options);
    const features = tf.tensor2d(rows);
    const b = await tsne(features, options);
    features.dispose();
    expect(b.coords).toEqual(a.coords);
    const c = await tsne(rows.map((row) => Float32Array.from(row)), {...options, seed: 8});
    expect(c.coords).not.toEqual(a.coords);
  });

  it('reports progress and stops when its signal aborts', async () => {
    const controller = new AbortController();
    const seen: TsneProgress[] = [];
    const run = tsne(rows, {
      iterations: 100_000,
      perplexity: 10,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === 'optimizing') controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({name: 'AbortError'});
    expect(seen.filter((p) => p.phase === 'neighbors').at(-1)).toEqual({phase: 'neighbors', done: 160, total: 160});
    expect(seen.at(-1)).toMatchObject({phase: 'optimizing', total: 100_000});
  });

  it('in a notebook cell, shows a progress bar there and stops with the cell', async () => {
    const controller = new AbortController();
    const shown: [DisplaySpec, string | undefined][] = [];
    enterCellContext({display: (spec, options) => shown.push([spec, options?.id]), signal: controller.signal});
    const run = tsne(rows, {iterations: 100_000, perplexity: 10});
    enterCellContext(undefined);
    setTimeout(() => controller.abort(), 300);
    await expect(run).rejects.toMatchObject({name: 'AbortError'});
    const bars = shown.map(([spec]) => spec as ProgressSpec);
    expect(bars.every((s) => s.$display === 'progress')).toBe(true);
    expect(new Set(shown.map(([, id]) => id)).size).toBe(1);
    expect(bars.at(-1)).toMatchObject({state: 'aborted', total: 100_000});
  });

  it('explains bad input', async () => {
    await expect(tsne(rows.slice(0, 10), {perplexity: 30})).rejects.toThrow(/perplexity must be between 0 and 9/);
    await expect(tsne([[1, NaN], [2, 3], [4, 5]], {perplexity: 1})).rejects.toThrow(/row 0, column 1 is NaN/);
  });
});
