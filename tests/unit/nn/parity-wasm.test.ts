/** Every layer and block gives the same forward pass and gradients on the wasm backend as on the cpu backend. */
import * as tf from '@tensorflow/tfjs';
import {beforeAll, describe, expect, it} from 'vitest';
import {initBackend} from '../../../src/lib/backend';
import {relDiff} from './helpers';
import {PARITY_CASES, runCase} from './parity-cases';

beforeAll(async () => {
  // Loads tfjs' wasm backend and registers Deep Sky's training kernels (the gradients tfjs lacks on wasm).
  const report = await initBackend({prefer: ['wasm']});
  expect(report.backend).toBe('wasm');
});

describe('cpu ↔ wasm parity of every layer and block (forward and gradients)', () => {
  for (const c of PARITY_CASES) {
    it(c.name, async () => {
      await tf.setBackend('cpu');
      const reference = await runCase(c);
      await tf.setBackend('wasm');
      expect(tf.getBackend()).toBe('wasm');
      const {results} = await runCase(c, reference.weights);
      expect(results.map(([label]) => label)).toEqual(reference.results.map(([label]) => label));
      results.forEach(([label, values], i) => {
        expect(relDiff(reference.results[i][1], values), label).toBeLessThan(1e-4);
      });
    });
  }
});
