/**
 * Runs work as a macrotask, soon: the loader prepares batch i+1 this way right after handing out batch i, so the
 * preparation happens while the consumer awaits the GPU (e.g. `await loss.data()`) instead of after it. setTimeout
 * would do, but browsers clamp nested timeouts to 4 ms; setImmediate (Node) and a MessageChannel (browsers and
 * workers) don't.
 */

type Task = () => void;

const queue: Task[] = [];
let post: (() => void) | undefined;

function drain(): void {
  const tasks = queue.splice(0);
  for (const task of tasks) task();
}

function poster(): () => void {
  if (typeof setImmediate === 'function') return () => setImmediate(drain);
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    channel.port1.onmessage = drain;
    return () => channel.port2.postMessage(undefined);
  }
  return () => setTimeout(drain, 0);
}

/** Resolves with `work()`'s result, computed in a later macrotask (rejects with what it throws). */
export function later<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    });
    if (queue.length === 1) (post ??= poster())();
  });
}
