/**
 * Downloading data set files for users who are online: progress while the bytes arrive, a SHA-256 check against
 * the published checksum, and a cache (IndexedDB in browsers) so a file is fetched once. Nothing in the library's
 * defaults or tests downloads anything; `fetch` and the cache are injectable so tests run on local bytes.
 */
import {concatBytes} from '../bytes';
import {errorMessage} from '../bytes';

/** Progress of one download. */
export interface DownloadProgress {
  url: string;
  /** Bytes received so far. */
  loaded: number;
  /** Total bytes, when the server or the checksum table says. */
  total?: number;
  /** True when the bytes came from the cache. */
  cached: boolean;
}

/** Where downloaded files are kept between sessions. */
export interface ByteCache {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

/** Options of {@link downloadVerified}. */
export interface DownloadOptions {
  /** Expected SHA-256 (hex). A mismatch is an error and nothing is cached. */
  sha256?: string;
  /** Expected size in bytes (used for progress when the server sends no Content-Length). */
  size?: number;
  /** The fetch to use (default: the global one). Tests pass one that serves local bytes. */
  fetch?: (url: string) => Promise<Response>;
  /** Cache (default: IndexedDB where it exists, else none); `false` to bypass. */
  cache?: ByteCache | false;
  onProgress?: (progress: DownloadProgress) => void;
}

/** SHA-256 of `bytes` as lower-case hex (Web Crypto, in browsers and Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Fetches `url` (or takes it from the cache), verifies its checksum and caches it.
 *
 * ```ts
 * const bytes = await downloadVerified(url, {sha256: '3aede38d…', onProgress: (p) => console.info(p.loaded)});
 * ```
 */
export async function downloadVerified(url: string, options: DownloadOptions = {}): Promise<Uint8Array> {
  const cache = options.cache === undefined ? defaultCache() : options.cache || undefined;
  const key = `${url}#${options.sha256 ?? ''}`;
  const cached = await cache?.get(key).catch(() => undefined);
  if (cached && (!options.sha256 || (await sha256Hex(cached)) === options.sha256)) {
    options.onProgress?.({url, loaded: cached.length, total: cached.length, cached: true});
    return cached;
  }
  const bytes = await fetchWithProgress(url, options);
  if (options.sha256) {
    const actual = await sha256Hex(bytes);
    if (actual !== options.sha256) {
      throw new Error(`${url}: checksum mismatch: SHA-256 is ${actual}, expected ${options.sha256} (${bytes.length} bytes received); the download is damaged or the file changed`);
    }
  }
  await cache?.put(key, bytes).catch((error: unknown) => console.warn(`could not cache ${url}: ${errorMessage(error)}`));
  return bytes;
}

async function fetchWithProgress(url: string, options: DownloadOptions): Promise<Uint8Array> {
  const doFetch = options.fetch ?? ((u: string) => fetch(u));
  let response: Response;
  try {
    response = await doFetch(url);
  } catch (error) {
    throw new Error(`${url}: download failed (${errorMessage(error)}); are you online, and does the server allow this page to fetch it (CORS)?`);
  }
  if (!response.ok) throw new Error(`${url}: download failed: HTTP ${response.status} ${response.statusText}`.trim());
  const header = Number(response.headers.get('content-length'));
  const total = header > 0 ? header : options.size;
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    options.onProgress?.({url, loaded: bytes.length, total, cached: false});
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    options.onProgress?.({url, loaded, total, cached: false});
  }
  return concatBytes(chunks);
}

/** IndexedDB where the runtime has it (browsers, workers), else no cache. */
function defaultCache(): ByteCache | undefined {
  return typeof indexedDB === 'undefined' ? undefined : indexedDbCache();
}

/** A {@link ByteCache} in IndexedDB (database `name`, one object store of byte arrays keyed by URL). */
export function indexedDbCache(name = 'deep-sky-datasets'): ByteCache {
  const store = 'files';
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error(`could not open IndexedDB database ${name}`));
    });
  const run = async <T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const request = work(db.transaction(store, mode).objectStore(store));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
      });
    } finally {
      db.close();
    }
  };
  return {
    get: async (key) => {
      const value = await run<unknown>('readonly', (s) => s.get(key));
      return value instanceof Uint8Array ? value : undefined;
    },
    put: async (key, bytes) => {
      await run('readwrite', (s) => s.put(bytes, key));
    },
  };
}

/** A {@link ByteCache} in memory (for tests, or to keep files for one session). */
export function memoryCache(): ByteCache {
  const entries = new Map<string, Uint8Array>();
  return {get: async (key) => entries.get(key), put: async (key, bytes) => void entries.set(key, bytes)};
}
