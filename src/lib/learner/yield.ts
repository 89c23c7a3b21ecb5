/**
 * Giving the event loop a turn between batches, so the page stays responsive, progress renders and an abort (a
 * re-run cell, a stop button) is delivered, without touching the device. requestAnimationFrame is not used: it stops
 * in hidden tabs and does not exist in workers. setTimeout(0) is clamped to 4 ms after a few nested calls, so
 * browsers and workers use a MessageChannel (one task, no clamp); Node uses setImmediate.
 */

type Resolve = () => void;

function makeYield(): () => Promise<void> {
  const immediate = (globalThis as {setImmediate?: (fn: () => void) => unknown}).setImmediate;
  if (typeof immediate === 'function') return () => new Promise<void>((resolve) => immediate(resolve));
  if (typeof MessageChannel !== 'undefined') {
    const channel = new MessageChannel();
    const waiting: Resolve[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      });
  }
  return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
}

/** Resolves after the event loop has run pending tasks (one macrotask later). */
export const yieldToEventLoop: () => Promise<void> = makeYield();
