/** The page's side of the language service worker (started on first use: TypeScript is large). */
import type {LsRequestName, LsRequests} from './protocol';

export class LanguageServiceClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, {resolve: (v: unknown) => void; reject: (e: Error) => void}>();

  request<K extends LsRequestName>(name: K, args: LsRequests[K]['args']): Promise<LsRequests[K]['result']> {
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {resolve: resolve as (v: unknown) => void, reject});
      worker.postMessage({id, name, args});
    });
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./ts-worker.ts', import.meta.url), {type: 'module', name: 'deep-sky-typescript'});
    worker.onmessage = (event: MessageEvent<{id: number; ok: boolean; result?: unknown; message?: string}>) => {
      const entry = this.pending.get(event.data.id);
      if (!entry) return;
      this.pending.delete(event.data.id);
      if (event.data.ok) entry.resolve(event.data.result);
      else entry.reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      for (const {reject} of this.pending.values()) reject(new Error(`Language service failed: ${event.message}`));
      this.pending.clear();
      this.worker = undefined;
    };
    return worker;
  }
}
