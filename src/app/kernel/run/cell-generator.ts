/**
 * Drives a generator cell for the runtime: each value the cell yields is shown as its output and hands dependants a
 * snapshot of the cell's names; the cell's context is entered around every step; an interrupted run stops at its
 * next step; when the cell's generator ends, its final names are published once more.
 */
import {setCurrentRun} from './async-context';
import type {CellRun} from './cell-run';

type Step = IteratorResult<unknown, unknown>;

export class CellGenerator {
  private done = false;

  constructor(
    private readonly inner: Iterator<unknown> | AsyncIterator<unknown>,
    private readonly run: CellRun,
  ) {}

  next(): Promise<Step> {
    if (this.done) return Promise.resolve({done: true, value: undefined});
    if (this.run.isStopped) {
      this.done = true;
      this.run.fail(this.run.abortError());
      void this.inner.return?.();
      return Promise.resolve({done: true, value: undefined});
    }
    let step: Step | Promise<Step>;
    setCurrentRun(this.run);
    try {
      step = this.inner.next();
    } catch (error) {
      this.done = true;
      return Promise.reject(this.run.fail(error));
    } finally {
      setCurrentRun(undefined);
    }
    return Promise.resolve(step).then(
      (result): Step => {
        if (!result.done) return {done: false, value: this.run.yielded(result.value)};
        this.done = true;
        return {done: false, value: this.run.finish()};
      },
      (error) => {
        this.done = true;
        throw this.run.fail(error);
      },
    );
  }

  /** The runtime calls this when the cell is invalidated (re-run, deleted). */
  return(): Promise<Step> {
    if (!this.done) {
      this.done = true;
      if (!this.run.isStopped) this.run.stop('rerun');
      this.run.fail(this.run.abortError());
    }
    try {
      void this.inner.return?.();
    } catch {
      // a generator that is still running cannot be returned; its next step sees the aborted signal
    }
    return Promise.resolve({done: true, value: undefined});
  }
}
