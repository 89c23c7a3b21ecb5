/** Messages between the page and the kernel worker. Everything here is structured-cloneable. */
import type {BackendReport} from '../../lib';

export interface KernelRequests {
  /** Start tfjs on the best backend this browser offers. */
  init: {args: void; result: BackendReport};
  /** Multiply two small matrices on the active backend and read the product back (a GPU sanity check). */
  selfTest: {args: void; result: SelfTestResult};
}

export interface SelfTestResult {
  backend: string;
  product: number[];
  expected: number[];
  ok: boolean;
}

export type KernelRequestName = keyof KernelRequests;

export interface RequestMessage<K extends KernelRequestName = KernelRequestName> {
  id: number;
  name: K;
  args: KernelRequests[K]['args'];
}

export type ResponseMessage =
  | {id: number; ok: true; result: unknown}
  | {id: number; ok: false; error: {name: string; message: string; stack?: string}};
