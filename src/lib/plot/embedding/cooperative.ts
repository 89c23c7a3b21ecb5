/**
 * Long computations that share the thread: they call `tick()` often; it throws once the signal is aborted and yields
 * to the event loop when the time slice is used up, so a worker still receives messages (interrupts) and a page
 * still paints. Yielding uses the Learner's unclamped `yieldToEventLoop` (setTimeout would cost 4 ms a turn).
 */
import {yieldToEventLoop} from '../../learner/yield';

/** Returns `tick`: throws the abort reason when `signal` is aborted, yields after `sliceMs` of work. */
export function cooperative(signal: AbortSignal | undefined, sliceMs = 25): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    signal?.throwIfAborted();
    if (performance.now() - sliceStart < sliceMs) return;
    await yieldToEventLoop();
    signal?.throwIfAborted();
    sliceStart = performance.now();
  };
}
