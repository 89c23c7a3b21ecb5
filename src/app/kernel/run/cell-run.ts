/**
 * One run of one cell: its AbortSignal (fired by Interrupt, a re-run or deletion), its outputs (display calls, the
 * value, logs), the tensors it created, and how it ended. A run that has been superseded drops its outputs, so a
 * stale async `display` never overwrites the new run's.
 */
import type {CellContext, DisplaySpec} from '../../../lib/display';
import type {CellErrorInfo, CellStatus, KernelEvent, Telemetry} from '../protocol';
import type {ContextRun} from './async-context';
import type {Preview} from '../inspect/preview';
import {makePreview} from '../inspect/make-preview';
import {TensorLedger, reachableTensors, tensorBytes} from '../telemetry/tensor-tracker';
import * as tf from '@tensorflow/tfjs';

export type StopReason = 'interrupted' | 'rerun' | 'removed';

export interface RunHost {
  send(event: KernelEvent): void;
  explain(error: unknown, cellId: string): CellErrorInfo;
}

const STOP_MESSAGES: Record<StopReason, string> = {
  interrupted: 'Interrupted.',
  rerun: 'Stopped: the cell is running again.',
  removed: 'Stopped: the cell was deleted.',
};

export class CellRun implements ContextRun {
  private readonly controller = new AbortController();
  readonly ledger = new TensorLedger();
  readonly context: CellContext;
  /** The cell's last expression value (set by the compiled code). */
  value: unknown = undefined;
  /** Reads the cell's declared names (set by the compiled code). */
  exports: () => Record<string, unknown> = () => ({});
  /** What the run defined, once it has finished (or at its last yield). */
  lastExports: Record<string, unknown> | undefined;
  disposedFromPrevious = 0;
  private stopReason: StopReason | undefined;
  private readonly startedAt = performance.now();
  private outputs: Promise<void> = Promise.resolve();
  private hasYielded = false;
  private lastYield: unknown;
  private ended = false;
  private endedWith: unknown;
  private resolveSettled!: () => void;
  /** Resolves when the run has finished, failed or stopped. */
  readonly settled = new Promise<void>((resolve) => (this.resolveSettled = resolve));

  constructor(
    readonly cellId: string,
    private readonly host: RunHost,
  ) {
    this.context = {
      signal: this.controller.signal,
      display: (spec: DisplaySpec, options?: {id?: string}) => this.show(spec, options?.id),
    };
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isStopped(): boolean {
    return this.stopReason !== undefined;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** True when `error` is how this run ended (so the runtime's report of it is not shown twice). */
  endedWithError(error: unknown): boolean {
    return this.ended && this.endedWith === error;
  }

  abortError(): Error {
    return Object.assign(new Error(STOP_MESSAGES[this.stopReason ?? 'interrupted']), {name: 'AbortError'});
  }

  start(): void {
    this.host.send({type: 'clear', cellId: this.cellId});
    this.status('running');
  }

  /** `display(value)` from the cell: shows any value (a display spec, a tensor, an object); `key` updates in place. */
  readonly display = (value: unknown, options?: {id?: string} | string): unknown => {
    this.show(value, typeof options === 'string' ? options : options?.id);
    return value;
  };

  log(level: 'log' | 'info' | 'warn' | 'error', text: string): void {
    if (this.stopReason && this.stopReason !== 'interrupted') return;
    this.host.send({type: 'log', cellId: this.cellId, level, text});
  }

  private show(value: unknown, key: string | undefined): void {
    if (this.stopReason && this.stopReason !== 'interrupted') return;
    this.enqueue(async () => {
      const preview = await makePreview(value);
      if (this.stopReason === 'rerun' || this.stopReason === 'removed') return;
      this.host.send({type: 'display', cellId: this.cellId, key, value: preview});
    });
  }

  private enqueue(task: () => Promise<void>): void {
    this.outputs = this.outputs.then(task).catch((error) => console.warn('Deep Sky: could not show an output', error));
  }

  /** A generator cell yielded: show the value, and return what dependants see now. */
  yielded(value: unknown): Record<string, unknown> {
    this.hasYielded = true;
    this.lastYield = value;
    this.showValue();
    this.lastExports = this.exports();
    return this.lastExports;
  }

  finish(): Record<string, unknown> {
    if (this.ended) return this.lastExports ?? {};
    this.lastExports = this.exports();
    this.showValue();
    this.end('done');
    return this.lastExports;
  }

  /** The run threw (or was stopped): report it, and give back the error for the runtime. */
  fail(error: unknown): unknown {
    if (this.ended) return error;
    if (this.stopReason) {
      this.end('interrupted', this.stopReason === 'interrupted' ? undefined : STOP_MESSAGES[this.stopReason]);
    } else {
      this.enqueue(async () => this.host.send({type: 'error', cellId: this.cellId, error: this.host.explain(error, this.cellId)}));
      this.end('error');
    }
    this.endedWith = error;
    return error;
  }

  /** Stops the run: library calls see the AbortSignal fire, cell code stops at its next `await`. */
  stop(reason: StopReason): void {
    if (this.stopReason === undefined || reason !== 'interrupted') this.stopReason = reason;
    if (!this.controller.signal.aborted) this.controller.abort(this.abortError());
    if (this.ended) return;
    if (reason === 'interrupted') this.status('running', 'interrupting');
  }

  private showValue(): void {
    const names = Object.entries(this.exports());
    const value = this.value !== undefined || !this.hasYielded ? this.value : this.lastYield;
    const hasValue = value !== undefined || this.hasYielded;
    this.enqueue(async () => {
      if (this.stopReason === 'rerun' || this.stopReason === 'removed') return;
      const preview = hasValue ? await makePreview(value) : undefined;
      const namePreviews: [string, Preview][] = [];
      if (!hasValue) for (const [name, v] of names.slice(0, 12)) namePreviews.push([name, await makePreview(v, 1)]);
      this.host.send({type: 'value', cellId: this.cellId, value: preview, names: namePreviews.length ? namePreviews : undefined});
    });
  }

  private end(status: CellStatus, reason?: string): void {
    this.ended = true;
    const duration = performance.now() - this.startedAt;
    const superseded = this.stopReason === 'rerun' || this.stopReason === 'removed';
    if (!superseded) this.enqueue(async () => {
      this.sendTelemetry(false);
      this.host.send({type: 'status', cellId: this.cellId, status, time: Date.now(), duration, reason});
    });
    void this.outputs.then(() => this.resolveSettled());
  }

  private status(status: CellStatus, reason?: string): void {
    this.host.send({type: 'status', cellId: this.cellId, status, time: Date.now(), reason});
  }

  telemetry(live: boolean): Telemetry {
    // Leaks are only known once the run is over (until then its locals may still use every tensor).
    let leaked = 0;
    let leakedBytes = 0;
    if (!live) {
      const reachable = reachableTensors([this.lastExports, this.value, this.lastYield]);
      for (const t of this.ledger.alive) {
        if (!reachable.has(t)) {
          leaked++;
          leakedBytes += tensorBytes(t);
        }
      }
    }
    const memory = tf.memory();
    return {
      created: this.ledger.created,
      createdBytes: this.ledger.createdBytes,
      alive: this.ledger.alive.size,
      aliveBytes: this.ledger.aliveBytes(),
      leaked,
      leakedBytes,
      disposedFromPrevious: this.disposedFromPrevious,
      totalTensors: memory.numTensors,
      totalBytes: memory.numBytes,
      live,
    };
  }

  sendTelemetry(live: boolean): void {
    if (this.stopReason === 'rerun' || this.stopReason === 'removed') return;
    this.host.send({type: 'telemetry', cellId: this.cellId, telemetry: this.telemetry(live)});
  }
}
