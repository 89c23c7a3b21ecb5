/** The page's handle on the kernel worker: typed requests, a stream of events, restart by termination. */
import type {EventMessage, KernelEvent, KernelRequestName, KernelRequests, RequestMessage, ResponseMessage} from './protocol';

type Listener = (event: KernelEvent) => void;

export class KernelClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, {resolve: (v: unknown) => void; reject: (e: Error) => void}>();
  private listeners = new Set<Listener>();
  private restartListeners = new Set<() => void>();
  /** Set when the worker failed before it ever answered (its script did not load or threw at start). */
  private failed: Error | undefined;

  constructor() {
    this.worker = this.spawn();
  }

  request<K extends KernelRequestName>(name: K, args: KernelRequests[K]['args']): Promise<KernelRequests[K]['result']> {
    const id = this.nextId++;
    const message: RequestMessage<K> = {id, name, args};
    return new Promise((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.pending.set(id, {resolve: resolve as (v: unknown) => void, reject});
      this.worker.postMessage(message);
    });
  }

  /** Calls `listener` with every event the kernel sends; returns a function that stops it. */
  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` after every restart (the new kernel knows nothing yet). */
  onRestart(listener: () => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /** Terminates the worker (whatever it is doing) and starts a fresh one; pending requests fail. */
  restart(): void {
    this.worker.terminate();
    for (const {reject} of this.pending.values()) reject(new Error('The kernel was restarted.'));
    this.pending.clear();
    this.failed = undefined;
    this.worker = this.spawn();
    for (const listener of this.restartListeners) listener();
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./kernel-worker.ts', import.meta.url), {type: 'module', name: 'deep-sky-kernel'});
    let started = false;
    worker.onmessage = (event: MessageEvent<ResponseMessage | EventMessage>) => {
      started = true;
      const data = event.data;
      if ('events' in data) {
        for (const e of data.events) for (const listener of this.listeners) listener(e);
        return;
      }
      const entry = this.pending.get(data.id);
      if (!entry) return;
      this.pending.delete(data.id);
      if (data.ok) entry.resolve(data.result);
      else entry.reject(Object.assign(new Error(data.error.message), {name: data.error.name}));
    };
    worker.onerror = (event) => {
      // An error the running kernel did not catch (it answers each request itself): report it, keep the kernel.
      if (started) return console.error('Deep Sky kernel:', event.message);
      // The worker never started: fail what waits and every later request, until a restart.
      this.failed = new Error(`The kernel could not start: ${event.message || 'its worker script failed to load (see the browser console).'}`);
      for (const {reject} of this.pending.values()) reject(this.failed);
      this.pending.clear();
    };
    return worker;
  }
}
