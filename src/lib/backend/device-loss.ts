/**
 * WebGPU device loss. A GPU driver reset, a laptop switching GPUs, or the browser reclaiming the device ends the
 * WebGPU device mid-session; tfjs 4.22 does not notice (every later kernel silently does nothing). Deep Sky watches
 * `device.lost`, says so on the console, removes the dead backend, starts the next backend of the preference order
 * `initBackend` was given, and tells subscribers.
 */
import * as tf from '@tensorflow/tfjs';
import type {BackendName, BackendReport} from './types';

/** What {@link onBackendLost} listeners receive. */
export interface BackendLostEvent {
  /** The backend whose device was lost (always `webgpu` today). */
  backend: BackendName;
  /** The browser's reason: `destroyed` or `unknown`. */
  reason: string;
  /** The browser's message, when it gives one. */
  message: string;
  /** The backend now active instead, with its report; absent when none could start or the lost one was not active. */
  fallback?: BackendReport;
  /** Why no fallback backend could start, when none could. */
  fallbackError?: string;
}

/** Told when the GPU device is lost and which backend took over (see {@link onBackendLost}). */
export type BackendLostListener = (event: BackendLostEvent) => void;

const listeners = new Set<BackendLostListener>();
const lost = new Map<BackendName, BackendLostEvent>();
const watched = new WeakSet<GPUDevice>();

/**
 * Calls `listener` whenever a GPU device is lost (after Deep Sky has switched to the next backend). Tensors and models
 * that lived on the lost device are gone: rebuild them, or reload weights from the last checkpoint. Returns a function
 * that unsubscribes.
 *
 * ```ts
 * const stop = onBackendLost((e) => console.warn(`lost ${e.backend}; now on ${e.fallback?.backend}`));
 * ```
 */
export function onBackendLost(listener: BackendLostListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The loss that ended `backend` earlier in this session, if one did (a lost backend cannot be started again). */
export function lostBackend(backend: BackendName): BackendLostEvent | undefined {
  return lost.get(backend);
}

/**
 * Watches the device of a started webgpu backend. `fallBack` starts the next backend (it is `initBackend` with the
 * rest of the preference order) and is called only if the lost backend was the active one.
 */
export function watchWebGpuDevice(
  device: GPUDevice,
  backend: tf.KernelBackend,
  fallBack: () => Promise<BackendReport>,
): void {
  if (watched.has(device)) return;
  watched.add(device);
  void device.lost.then(async (info) => {
    // Removed or replaced on purpose (tf.removeBackend destroys nothing, but a later backend may be registered).
    if (tf.findBackend('webgpu') !== backend) return;
    const wasActive = tf.getBackend() === 'webgpu';
    const event: BackendLostEvent = {backend: 'webgpu', reason: info.reason ?? 'unknown', message: info.message ?? ''};
    tf.removeBackend('webgpu');
    lost.set('webgpu', event);
    if (wasActive) {
      try {
        event.fallback = await fallBack();
      } catch (error) {
        event.fallbackError = error instanceof Error ? error.message : String(error);
      }
    }
    console.error(
      `Deep Sky: the WebGPU device was lost (${event.reason}${event.message ? `: ${event.message}` : ''}). ` +
        (event.fallback
          ? `Switched to the ${event.fallback.backend} backend. `
          : wasActive
            ? `No other backend could start: ${event.fallbackError}. `
            : '') +
        'Tensors and models that were on the GPU are gone: rebuild them or reload the last checkpoint.',
    );
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('Deep Sky: an onBackendLost listener threw', error);
      }
    }
  });
}
