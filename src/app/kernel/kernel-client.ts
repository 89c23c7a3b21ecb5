/** The page's handle on the kernel worker: typed requests, restart by termination. */
import type {KernelRequestName, KernelRequests, RequestMessage, ResponseMessage} from './protocol';

export class KernelClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, {resolve: (v: unknown) => void; reject: (e: Error) => void}>();

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

  /** Terminates the worker (whatever it is doing) and starts a fresh one; pending requests fail. */
  restart(): void {
    this.worker.terminate();
    for (const {reject} of this.pending.values()) reject(new Error('The kernel was restarted.'));
    this.pending.clear();
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./kernel-worker.ts', import.meta.url), {type: 'module', name: 'deep-sky-kernel'});
    worker.onmessage = (event: MessageEvent<ResponseMessage>) => {
      const response = event.data;
      const entry = this.pending.get(response.id);
      if (!entry) return;
      this.pending.delete(response.id);
      if (response.ok) entry.resolve(response.result);
      else entry.reject(Object.assign(new Error(response.error.message), {name: response.error.name}));
    };
    worker.onerror = (event) => {
      for (const {reject} of this.pending.values()) reject(new Error(`Kernel crashed: ${event.message}`));
      this.pending.clear();
    };
    return worker;
  }
}
