/** Without IndexedDB (Node has none; some browsers disable it) the store keeps notebooks in memory and says why. */
import {describe, expect, it} from 'vitest';
import {NotebookStore} from '../../../src/app/notebook/persistence';
import {newNotebook} from '../../../src/app/notebook/model';

describe('NotebookStore without IndexedDB', () => {
  it('keeps working in memory, with copies like IndexedDB gives, and reports that nothing persists', async () => {
    expect(typeof (globalThis as {indexedDB?: unknown}).indexedDB).toBe('undefined');
    const store = new NotebookStore();
    const notebook = newNotebook('Kept in memory');
    await store.save(notebook);
    expect(store.unavailable).toMatch(/indexedDB/i);
    const loaded = await store.load(notebook.id);
    expect(loaded).toEqual(notebook);
    expect(loaded).not.toBe(notebook);
    expect((await store.list()).map((s) => s.title)).toEqual(['Kept in memory']);
    await store.setMeta('lastOpened', notebook.id);
    expect(await store.getMeta('lastOpened')).toBe(notebook.id);
    await store.delete(notebook.id);
    expect(await store.load(notebook.id)).toBeUndefined();
  });
});
