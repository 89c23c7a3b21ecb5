/**
 * Training checkpoints in IndexedDB (from the kernel worker): states (typed arrays structured-clone as they are)
 * plus a small record per key, so the notebook can say which cells have one without reading any weights.
 */
import type {CellCheckpoints} from '../../../lib/display';

const DB_NAME = 'deep-sky-checkpoints';
const STATES = 'states';
const INFO = 'info';

export interface CheckpointInfo {
  savedAt: number;
  /** The trainer's epoch count when saved, if its state has one. */
  epoch?: number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

type CheckpointStoreLike = CellCheckpoints['store'];

export class IdbCheckpointStore implements CheckpointStoreLike {
  private db: Promise<IDBDatabase> | undefined;

  private open(): Promise<IDBDatabase> {
    return (this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(STATES);
        req.result.createObjectStore(INFO);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available: checkpoints cannot be saved.'));
    }));
  }

  async save(key: string, state: unknown): Promise<void> {
    const db = await this.open();
    const tx = db.transaction([STATES, INFO], 'readwrite');
    const epoch = (state as {epoch?: unknown} | null)?.epoch;
    tx.objectStore(STATES).put(state, key);
    tx.objectStore(INFO).put({savedAt: Date.now(), ...(typeof epoch === 'number' ? {epoch} : {})} satisfies CheckpointInfo, key);
    await done(tx);
  }

  async load(key: string): Promise<unknown> {
    const db = await this.open();
    return request(db.transaction(STATES, 'readonly').objectStore(STATES).get(key));
  }

  /** What is saved under each of `keys` (keys with nothing saved are left out). */
  async info(keys: readonly string[]): Promise<Map<string, CheckpointInfo>> {
    const db = await this.open();
    const store = db.transaction(INFO, 'readonly').objectStore(INFO);
    const found = new Map<string, CheckpointInfo>();
    await Promise.all(
      keys.map(async (key) => {
        const info = (await request(store.get(key))) as CheckpointInfo | undefined;
        if (info) found.set(key, info);
      }),
    );
    return found;
  }
}
