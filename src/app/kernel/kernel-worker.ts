/// <reference lib="webworker" />
/**
 * The kernel: runs in a dedicated worker so training never blocks the page, keeps going in a background tab, and
 * Restart can always terminate it. Holds the dataflow graph of the notebook's code cells, the library and tfjs.
 */
import './no-animation-frames';
import * as lib from '../../lib';
import {wasmPaths} from './wasm-paths';
import {mnistUrls} from './mnist-urls';
import {NotebookGraph} from './graph/notebook-graph';
import {notebookBuiltins} from './builtins';
import {InputStore} from './inputs/input-store';
import {Outbox} from './outbox';
import {guardSyncReadback} from './sync-readback';
import {IdbCheckpointStore} from './checkpoints/idb-checkpoint-store';
import {TensorTracker} from './telemetry/tensor-tracker';
import {currentRun, lastEnteredRun} from './run/async-context';
import type {CellRun} from './run/cell-run';
import type {KernelRequestName, KernelRequests, RequestMessage, ResponseMessage, SelfTestResult} from './protocol';

type Handlers = {[K in KernelRequestName]: (args: KernelRequests[K]['args']) => Promise<KernelRequests[K]['result']>};

// An error thrown deep inside tfjs passes a dozen library frames before it reaches cell code, and V8 keeps only 10 by
// default: the cell's line would be lost. Keep enough frames to reach it.
(Error as {stackTraceLimit?: number}).stackTraceLimit = 100;

const outbox = new Outbox((message) => self.postMessage(message));
const inputs = new InputStore();
const graph = new NotebookGraph((event) => outbox.send(event), notebookBuiltins(inputs), new IdbCheckpointStore());
new TensorTracker(() => ((currentRun() ?? lastEnteredRun()) as CellRun | undefined)?.ledger).install();

lib.setMnistSource(mnistUrls);

let report: Promise<lib.BackendReport> | undefined;
const ready = () =>
  (report ??= lib.initBackend({wasmPaths}).then((r) => {
    guardSyncReadback();
    return r;
  }));

// Live tensor counts of running cells, once a second.
setInterval(() => {
  for (const run of graph.runningRuns()) run.sendTelemetry(true);
}, 1000);

const handlers: Handlers = {
  init: () => ready(),
  selfTest: async () => {
    await ready();
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
  sync: async ({cells}) => graph.sync(cells),
  run: async ({cells, run, resume}) => {
    await ready();
    return graph.run(cells, run, resume);
  },
  interrupt: async ({ids}) => graph.interrupt(ids),
  remove: async ({id}) => {
    graph.remove(id);
    inputs.forgetCell(id);
  },
  setInput: async ({key, value}) => ({rerun: !inputs.set(key, value)}),
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
  outbox.flush();
  self.postMessage(response);
};
