/**
 * The kernel's side of interactive inputs: the current value of every input (by key), and the cells waiting for
 * one (a file picker has no value until the user picks). Values live as long as the kernel: a restart forgets them.
 */
import type {InputValue} from './input-spec';

export class InputStore {
  private readonly values = new Map<string, InputValue>();
  private readonly waiting = new Map<string, ((value: InputValue) => void)[]>();

  get(key: string): InputValue | undefined {
    return this.values.get(key);
  }

  /** Resolves with the input's value: at once when it has one, otherwise when the page sends one. */
  next(key: string, signal: AbortSignal): Promise<InputValue> {
    const known = this.values.get(key);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.waiting.set(key, (this.waiting.get(key) ?? []).filter((w) => w !== resolve));
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, {once: true});
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve]);
    });
  }

  /**
   * A new value from the page. Returns true when a running cell was waiting for it (it goes on by itself); false when
   * the cell must re-run to see it.
   */
  set(key: string, value: InputValue): boolean {
    this.values.set(key, value);
    const waiters = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    for (const resolve of waiters) resolve(value);
    return waiters.length > 0;
  }

  /** Forgets a deleted cell's inputs. */
  forgetCell(cellId: string): void {
    for (const key of [...this.values.keys()]) if (key.startsWith(`${cellId}#`)) this.values.delete(key);
  }
}
