/** The page's handle on the kernel worker: typed requests, a stream of events, restart by termination. */
import type {EventMessage, KernelEvent, KernelRequestName, KernelRequests, RequestMessage, ResponseMessage} from './protocol';

type Listener = (event: KernelEvent) => void;

export class KernelClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, {resolve: (v: unknown) => void; reject: (e: Error) => void}>();
  private listeners = new Set<Listener>();
  private restartListeners = new Set<() => void>();

  constructor() {
    this.worker = this.spawn();
  }

  request<K extends KernelRequestName>(name: K, args: KernelRequests[K]['args']): Promise<KernelRequests[K]['result']> {
    const id = this.nextId++;
    const message: RequestMessage<K> = {id, name, args};
    return new Promise((resolve, reject) => {
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
    this.worker = this.spawn();
    for (const listener of this.restartListeners) listener();
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./kernel-worker.ts', import.meta.url), {type: 'module', name: 'deep-sky-kernel'});
    worker.onmessage = (event: MessageEvent<ResponseMessage | EventMessage>) => {
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
      for (const {reject} of this.pending.values()) reject(new Error(`Kernel crashed: ${event.message}`));
      this.pending.clear();
    };
    return worker;
  }
}
