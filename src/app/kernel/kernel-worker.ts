/// <reference lib="webworker" />
/**
 * The kernel: runs in a dedicated worker so training never blocks the page and Restart can always terminate it.
 */
import * as lib from '../../lib';
import {wasmPaths} from './wasm-paths';
import type {KernelRequestName, KernelRequests, RequestMessage, ResponseMessage, SelfTestResult} from './protocol';

type Handlers = {[K in KernelRequestName]: (args: KernelRequests[K]['args']) => Promise<KernelRequests[K]['result']>};

let report: Promise<lib.BackendReport> | undefined;

const handlers: Handlers = {
  init: () => (report ??= lib.initBackend({wasmPaths})),
  selfTest: async () => {
    await handlers.init();
    const {tf} = lib;
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor2d([[5, 6], [7, 8]]);
    const c = tf.matMul(a, b);
    const product = Array.from(await c.data());
    tf.dispose([a, b, c]);
    const expected = [19, 22, 43, 50];
    const result: SelfTestResult = {
      backend: tf.getBackend(),
      product,
      expected,
      ok: product.every((v, i) => Math.abs(v - expected[i]) < 1e-5),
    };
    return result;
  },
};

self.onmessage = async (event: MessageEvent<RequestMessage>) => {
  const {id, name, args} = event.data;
  let response: ResponseMessage;
  try {
    const handler = handlers[name] as (a: unknown) => Promise<unknown>;
    response = {id, ok: true, result: await handler(args)};
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    response = {id, ok: false, error: {name: e.name, message: e.message, stack: e.stack}};
  }
  self.postMessage(response);
};
