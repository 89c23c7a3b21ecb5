/**
 * Local notebooks in IndexedDB: every edit is saved (the session debounces), a reload restores the last one open.
 */
import type {Notebook} from './model';

const DB_NAME = 'deep-sky';
const DB_VERSION = 1;
const NOTEBOOKS = 'notebooks';
const META = 'meta';

export interface NotebookSummary {
  id: string;
  title: string;
  updatedAt: number;
  origin: Notebook['origin'];
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export class NotebookStore {
  private db: Promise<IDBDatabase> | undefined;

  private open(): Promise<IDBDatabase> {
    return (this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(NOTEBOOKS)) db.createObjectStore(NOTEBOOKS, {keyPath: 'id'});
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available (private browsing?): notebooks cannot be saved.'));
      req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab running an older Deep Sky; close it and reload.'));
    }));
  }

  private async store(name: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(name, mode).objectStore(name);
  }

  async save(notebook: Notebook): Promise<void> {
    await request((await this.store(NOTEBOOKS, 'readwrite')).put(notebook));
  }

  async load(id: string): Promise<Notebook | undefined> {
    return (await request((await this.store(NOTEBOOKS, 'readonly')).get(id))) as Notebook | undefined;
  }

  async delete(id: string): Promise<void> {
    await request((await this.store(NOTEBOOKS, 'readwrite')).delete(id));
  }

  async list(): Promise<NotebookSummary[]> {
    const all = (await request((await this.store(NOTEBOOKS, 'readonly')).getAll())) as Notebook[];
    return all
      .map(({id, title, updatedAt, origin}) => ({id, title, updatedAt, origin}))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await request((await this.store(META, 'readonly')).get(key))) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await request((await this.store(META, 'readwrite')).put(value, key));
  }
}
