/** `await sleep(ms)`: a pause that ends early (rejecting) when the cell is interrupted or re-run. */
import {currentRun} from '../run/async-context';

export function sleep(ms: number): Promise<void> {
  const signal = currentRun()?.signal;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, {once: true});
  });
}
