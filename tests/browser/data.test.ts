/** The data module in Chromium, inside a worker like the kernel: see pages/data-worker.ts. */
import {describe, expect, it} from 'vitest';
import {useApp} from '../helpers/browser';
import type {DataWorkerReport} from './pages/data-worker';

const app = useApp();

describe('data loading in a browser worker', () => {
  it('loads MNIST from the Vite-served package files, decodes PNG/WebP, and caches downloads in IndexedDB', async () => {
    const page = await app.open('/tests/browser/pages/data.html');
    await page.waitForFunction(() => 'dataReport' in globalThis, undefined, {timeout: 120_000});
    const report = await page.evaluate(() => (globalThis as unknown as {dataReport: DataWorkerReport}).dataReport);
    expect(report.error).toBeUndefined();
    expect(report.mnist).toEqual({
      train: 60_000,
      test: 10_000,
      trainCounts: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
      testCounts: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
      firstLabels: [5, 0, 4, 1, 9],
    });
    expect(report.png).toMatchObject({itemShape: [1, 3, 3], classes: ['red']});
    expect(report.png!.pixels).toEqual(report.png!.expected); // PNG is lossless
    expect(report.webp!.itemShape).toEqual([1, 3, 3]);
    expect(report.webp!.maxError).toBeLessThan(40); // lossy, but the right colours
    expect(report.cache).toEqual({fetches: 1, sameBytes: true, stored: 3000});
    expect(app.errors).toEqual([]);
  });
});
