/** Models saved to IndexedDB survive a page reload, and downloadable files load back from File objects: see pages/nn-persistence.ts. */
import {describe, expect, it} from 'vitest';
import {useApp} from '../helpers/browser';
import type {NnPersistenceReport} from './pages/nn-persistence';

const app = useApp();

describe('saving and loading models in Chromium', () => {
  it('round-trips a model with custom layers through IndexedDB (across a reload) and through files', async () => {
    const page = await app.open('/tests/browser/pages/nn-persistence.html?phase=save');
    const report = async () => {
      await page.waitForFunction(() => 'nnPersistence' in globalThis, undefined, {timeout: 60_000});
      return page.evaluate(() => (globalThis as unknown as {nnPersistence: NnPersistenceReport}).nnPersistence);
    };
    const saved = await report();
    expect(saved.error).toBeUndefined();
    expect(saved.keys).toContain('deep-sky-nn-persistence-test');
    expect(saved.filePrediction).toEqual(saved.prediction);
    expect(saved.stemClass).toBe('FlexConv2D');
    expect(saved.groups[1]).toEqual(['head_pool', 'head_fc', 'head_sigmoid', 'head_range']);

    await page.goto(page.url().replace('phase=save', 'phase=load'));
    const loaded = await report();
    expect(loaded.error).toBeUndefined();
    expect(loaded.phase).toBe('load');
    expect(loaded.prediction).toEqual(saved.prediction);
    expect(loaded.groups).toEqual(saved.groups);
    expect(loaded.stemClass).toBe('FlexConv2D');
    expect(loaded.keys).not.toContain('deep-sky-nn-persistence-test');
    expect(app.errors).toEqual([]);
  });
});
