import {describe, expect, it} from 'vitest';
import {confusionMatrixPlot, normalizeConfusion} from '../../../src/lib/plot';
import {expectCloneable} from './clone';

// Rows: actual, columns: predicted. Class 2 never occurs and is never predicted.
const counts = [
  [8, 2, 0],
  [1, 3, 0],
  [0, 0, 0],
];

describe('confusion matrices', () => {
  it('normalises by actual class (rows), predicted class (columns) or everything, with zero sums giving zeros', () => {
    expect(normalizeConfusion(counts, 'true')).toEqual([
      [0.8, 0.2, 0],
      [0.25, 0.75, 0],
      [0, 0, 0],
    ]);
    expect(normalizeConfusion(counts, 'pred')).toEqual([
      [8 / 9, 0.4, 0],
      [1 / 9, 0.6, 0],
      [0, 0, 0],
    ]);
    expect(normalizeConfusion(counts, 'all')).toEqual([
      [8 / 14, 2 / 14, 0],
      [1 / 14, 3 / 14, 0],
      [0, 0, 0],
    ]);
    expect(normalizeConfusion({rows: 3, cols: 3, data: Int32Array.from(counts.flat())}, 'none')).toEqual(counts);
  });

  it('plots counts, and with normalisation colours by share while still writing the counts', () => {
    const plain = confusionMatrixPlot(counts, ['SPH', 'DISK', 'IRR']);
    const t = plain.traces[0];
    if (t.kind !== 'heatmap') throw new Error('expected a heatmap');
    expect(t.z).toEqual(counts);
    expect(t.cellText).toEqual([['8', '2', '0'], ['1', '3', '0'], ['0', '0', '0']]);
    expect(t.x).toEqual(['SPH', 'DISK', 'IRR']);
    expect(plain.layout.panels![0].yAxis).toMatchObject({title: 'actual', reversed: true});
    expect(plain.description).toContain('11 (79%) on the diagonal');

    const normalised = confusionMatrixPlot(counts, ['SPH', 'DISK', 'IRR'], {normalize: true});
    const n = normalised.traces[0];
    if (n.kind !== 'heatmap') throw new Error('expected a heatmap');
    expect(n.z[1]).toEqual([0.25, 0.75, 0]);
    expect(n.cellText![1]).toEqual(['25%\n1', '75%\n3', '0%\n0']);
    expect(n.hoverText![0][1]).toBe('actual SPH, predicted DISK: 2 (20%)');
    expect([n.zMin, n.zMax]).toEqual([0, 1]);
    expectCloneable(normalised);
  });

  it('rejects a matrix that does not match the classes', () => {
    expect(() => confusionMatrixPlot(counts, ['a', 'b'])).toThrow(/must be 2x2 for 2 classes, got 3x3/);
  });
});
