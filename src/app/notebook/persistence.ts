/**
 * Local notebooks in IndexedDB: every edit is saved (the session debounces), a reload restores the last one open.
 * Where IndexedDB cannot be opened (storage disabled, a blocked upgrade) notebooks live in the tab's memory instead,
 * and `unavailable` says why, so the page still works and can tell the user to export their work.
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

/** Notebooks and settings in this tab's memory: where they live when IndexedDB cannot be opened. */
interface MemoryStore {
  notebooks: Map<string, Notebook>;
  meta: Map<string, unknown>;
}

// IDBDatabase and IDBObjectStore have neither property (and their classes do not exist where IndexedDB is missing).
const isMemory = (backend: IDBDatabase | IDBObjectStore | MemoryStore): backend is MemoryStore => 'notebooks' in backend && 'meta' in backend;

export class NotebookStore {
  private db: Promise<IDBDatabase> | undefined;
  private memory: MemoryStore | undefined;
  /** Why notebooks are kept only in this tab's memory (IndexedDB could not be opened); undefined while it works. */
  unavailable: string | undefined;

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

  /** The database, or the in-memory fallback when it cannot be opened (the page must work without storage). */
  private async backend(): Promise<IDBDatabase | MemoryStore> {
    if (this.memory) return this.memory;
    try {
      return await this.open();
    } catch (error) {
      this.unavailable = error instanceof Error ? error.message : String(error);
      return (this.memory = {notebooks: new Map(), meta: new Map()});
    }
  }

  private async store(name: string, mode: IDBTransactionMode): Promise<IDBObjectStore | MemoryStore> {
    const backend = await this.backend();
    return isMemory(backend) ? backend : backend.transaction(name, mode).objectStore(name);
  }

  async save(notebook: Notebook): Promise<void> {
    const store = await this.store(NOTEBOOKS, 'readwrite');
    if (!isMemory(store)) await request(store.put(notebook));
    else store.notebooks.set(notebook.id, structuredClone(notebook));
  }

  async load(id: string): Promise<Notebook | undefined> {
    const store = await this.store(NOTEBOOKS, 'readonly');
    if (!isMemory(store)) return (await request(store.get(id))) as Notebook | undefined;
    const notebook = store.notebooks.get(id);
    return notebook && structuredClone(notebook);
  }

  async delete(id: string): Promise<void> {
    const store = await this.store(NOTEBOOKS, 'readwrite');
    if (!isMemory(store)) await request(store.delete(id));
    else store.notebooks.delete(id);
  }

  async list(): Promise<NotebookSummary[]> {
    const store = await this.store(NOTEBOOKS, 'readonly');
    const all = !isMemory(store) ? ((await request(store.getAll())) as Notebook[]) : [...store.notebooks.values()];
    return all
      .map(({id, title, updatedAt, origin}) => ({id, title, updatedAt, origin}))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    const store = await this.store(META, 'readonly');
    return (!isMemory(store) ? await request(store.get(key)) : store.meta.get(key)) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    const store = await this.store(META, 'readwrite');
    if (!isMemory(store)) await request(store.put(value, key));
    else store.meta.set(key, structuredClone(value));
  }
}
