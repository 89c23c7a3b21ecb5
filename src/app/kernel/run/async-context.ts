/**
 * Which cell run's code is executing now. JavaScript has no async context in browsers yet, so compiled cells carry
 * it themselves: every `await` in cell code is compiled to `__ds.resume(await __ds.suspend(x, __ds_run))` (see
 * compile/compile-cell.ts). `suspend` remembers the cell's run and leaves the context; `resume` restores
 * it when the code regains control, and throws if that run has been interrupted, so any cell that awaits can be
 * stopped — at once, even while what it awaits is still pending. The library reads the same context (enterCellContext) for the cell's display and AbortSignal.
 */
import {enterCellContext, type CellContext} from '../../../lib/display';

export interface ContextRun {
  readonly context: CellContext;
  readonly signal: AbortSignal;
  /** The error the run's code sees once it has been aborted. */
  abortError(): Error;
}

let current: ContextRun | undefined;
let lastEntered: ContextRun | undefined;

export function currentRun(): ContextRun | undefined {
  return current;
}

/** The run that most recently had control (for work a library continues after its own awaits). */
export function lastEnteredRun(): ContextRun | undefined {
  return lastEntered;
}

export function forgetRun(run: ContextRun): void {
  if (lastEntered === run) lastEntered = undefined;
  if (current === run) setCurrentRun(undefined);
}

export function setCurrentRun(run: ContextRun | undefined): void {
  current = run;
  if (run) lastEntered = run;
  enterCellContext(run?.context);
}

interface Settled {
  run: ContextRun | undefined;
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

function reenter(run: ContextRun | undefined): void {
  setCurrentRun(run);
  if (run?.signal.aborted) throw run.abortError();
}

/** The helpers compiled cells call (`__ds`). */
export const cellRuntime = {
  /** Leaves the context while `value` settles; `resume` then re-enters `owner` (the awaiting cell's run). */
  suspend(value: unknown, owner?: ContextRun): Promise<Settled> {
    const run = owner ?? current;
    setCurrentRun(undefined);
    const settled = Promise.resolve(value).then(
      (v): Settled => ({run, ok: true, value: v}),
      (e): Settled => ({run, ok: false, error: e}),
    );
    if (!run || run.signal.aborted) return settled;
    // Interrupt must not wait for what the cell awaits (a slow GPU read-back, a fetch, a long sleep): the cell stops
    // as soon as its run aborts, and whatever it awaited settles unobserved.
    return new Promise<Settled>((resolve) => {
      const onAbort = () => resolve({run, ok: false, error: run.abortError()});
      run.signal.addEventListener('abort', onAbort, {once: true});
      void settled.then((result) => {
        run.signal.removeEventListener('abort', onAbort);
        resolve(result);
      });
    });
  },
  resume(settled: Settled): unknown {
    reenter(settled.run);
    if (!settled.ok) throw settled.error;
    return settled.value;
  },
  reenter,
  /** Reads a declared name, or undefined while it is not yet initialised (a generator cell mid-way). */
  get(read: () => unknown): unknown {
    try {
      return read();
    } catch {
      return undefined;
    }
  },
};
