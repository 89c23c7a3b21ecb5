/**
 * Synchronous reads of GPU tensors (`dataSync`, `arraySync`, `print`) in the kernel worker. tfjs' WebGPU backend
 * reads synchronously by drawing the buffer through an OffscreenCanvas; in a dedicated worker (seen in Chromium 156)
 * that returns zeros — silently wrong numbers — and can take the WebGPU device down with it. So in the kernel a
 * synchronous read of data still on the GPU throws an error that says what to write instead. Data already on the
 * CPU (small tensors, which tfjs computes there, and data read before) still reads synchronously.
 */
import * as tf from '@tensorflow/tfjs';

interface ReadSyncBackend {
  readSync(dataId: object): unknown;
  tensorMap?: {get(dataId: object): {values?: unknown} | undefined};
}

export const SYNC_READ_MESSAGE =
  'Synchronous reads (dataSync, arraySync, print, toString) of tensors on the GPU do not work in the notebook kernel: ' +
  'the browser cannot read WebGPU buffers synchronously in a worker. Use `await x.data()` or `await x.array()` instead.';

/** Makes synchronous reads of GPU-resident data on the active WebGPU backend throw a clear error. */
export function guardSyncReadback(): void {
  if (tf.getBackend() !== 'webgpu') return;
  const backend = tf.backend() as unknown as ReadSyncBackend;
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId) => {
    if (backend.tensorMap?.get(dataId)?.values != null) return readSync(dataId);
    throw new Error(SYNC_READ_MESSAGE);
  };
}
