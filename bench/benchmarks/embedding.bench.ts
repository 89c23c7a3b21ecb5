/**
 * Embeddings for the plotting module: t-SNE's repulsive forces by Barnes–Hut against all pairs on a clustered 2-D
 * layout of 2,000 points (one gradient's worth, the inner loop of t-SNE), and a whole t-SNE of 2,000 × 64 features
 * (ten clusters) for 1,000 iterations, with the PCA it starts from beside it.
 */
import type {Benchmark, Case} from '../harness';
import {QuadTree} from '../../src/lib/plot/embedding/barnes-hut';
import {gaussian, seededRandom} from '../../src/lib/plot/embedding/random';
import {pca, tsne} from '../../src/lib/plot';

const POINTS = 2000;

/** A layout like t-SNE's output: ten round clusters. */
function clusteredLayout(): Float64Array {
  const normal = gaussian(seededRandom(3));
  const y = new Float64Array(2 * POINTS);
  for (let i = 0; i < POINTS; i++) {
    const c = i % 10;
    y[2 * i] = Math.cos(c) * 30 + normal() * 3;
    y[2 * i + 1] = Math.sin(c) * 30 + normal() * 3;
  }
  return y;
}

/** Features of ten separated clusters. */
function clusteredFeatures(dims: number): number[][] {
  const normal = gaussian(seededRandom(42));
  const centres = Array.from({length: 10}, () => Array.from({length: dims}, () => normal() * 4));
  return Array.from({length: POINTS}, (_, i) => centres[i % 10].map((v) => v + normal()));
}

export const tsneForces: Benchmark = {
  name: `t-SNE repulsion (${POINTS} points, one gradient)`,
  baseline: {variant: 'all pairs'},
  samples: 10,
  async cases() {
    const y = clusteredLayout();
    const force = new Float64Array(2 * POINTS);
    const tree = new QuadTree();
    const barnesHut: Case = {
      variant: 'barnes-hut θ=0.5',
      backend: 'js',
      run: () => {
        force.fill(0);
        tree.build(y, POINTS);
        for (let i = 0; i < POINTS; i++) tree.repulsion(i, 0.5, force);
      },
    };
    const allPairs: Case = {
      variant: 'all pairs',
      backend: 'js',
      run: () => {
        force.fill(0);
        for (let i = 0; i < POINTS; i++) {
          for (let j = i + 1; j < POINTS; j++) {
            const dx = y[2 * i] - y[2 * j];
            const dy = y[2 * i + 1] - y[2 * j + 1];
            const q = 1 / (1 + dx * dx + dy * dy);
            const q2 = q * q;
            force[2 * i] += q2 * dx;
            force[2 * i + 1] += q2 * dy;
            force[2 * j] -= q2 * dx;
            force[2 * j + 1] -= q2 * dy;
          }
        }
      },
    };
    return {cases: [barnesHut, allPairs]};
  },
};

export const tsneRun: Benchmark = {
  name: `t-SNE of ${POINTS} x 64 features (1,000 iterations)`,
  baseline: {variant: 'tsne'},
  samples: 3,
  warmup: 0,
  maxSeconds: 240,
  async cases() {
    const rows = clusteredFeatures(64);
    return {
      cases: [
        {variant: 'tsne', backend: 'js', run: async () => void (await tsne(rows, {seed: 1}))},
        {variant: 'pca to 2-D', backend: 'js', run: () => void pca(rows, 2)},
      ],
    };
  },
};

export const embeddingBenchmarks: Benchmark[] = [tsneForces, tsneRun];
