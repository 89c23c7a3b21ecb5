/**
 * Test page: the data module where the notebook runs it, in a module worker (like the kernel). The worker's report
 * lands on `window.dataReport` for tests/browser/data.test.ts.
 */
import type {DataWorkerReport} from './data-worker';

const worker = new Worker(new URL('./data-worker.ts', import.meta.url), {type: 'module'});
worker.onmessage = (event: MessageEvent<DataWorkerReport>) => {
  (globalThis as unknown as {dataReport: DataWorkerReport}).dataReport = event.data;
  document.getElementById('status')!.textContent = 'done';
};
worker.onerror = (event) => {
  (globalThis as unknown as {dataReport: DataWorkerReport}).dataReport = {error: event.message || 'worker failed to start'};
};
