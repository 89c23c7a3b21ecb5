/**
 * Messages between the page and the kernel worker. Everything here is structured-cloneable.
 * Requests (page → kernel) are answered once; events (kernel → page) stream: cell status, outputs, telemetry.
 */
import type {InputValue} from './inputs/input-spec';
import type {BackendReport} from '../../lib';
import type {Preview} from './inspect/preview';

/** A code cell as the page knows it. */
export interface CellSource {
  id: string;
  source: string;
  /** Upstream changes mark it stale instead of re-running it. */
  manual: boolean;
}

/** What static analysis found in a code cell. */
export interface CellAnalysis {
  id: string;
  declarations: string[];
  references: string[];
  /** Compile errors, duplicate definitions and cycles, found before anything runs. */
  error?: CellErrorInfo;
  /** A training checkpoint saved for this exact code (and the code it depends on): the cell can resume. */
  checkpoint?: {savedAt: number; epoch?: number};
}

export interface KernelRequests {
  /** Start tfjs on the best backend this browser offers. */
  init: {args: void; result: BackendReport};
  /** Multiply two small matrices on the active backend and read the product back (a GPU sanity check). */
  selfTest: {args: void; result: SelfTestResult};
  /** Tells the kernel the notebook's code cells (for analysis); runs nothing. */
  sync: {args: {cells: CellSource[]}; result: CellAnalysis[]};
  /**
   * Runs cells (with their upstream cells that have not run yet); `cells` is the notebook's current code. Cells in
   * `resume` restore their training checkpoint instead of starting over.
   */
  run: {args: {cells: CellSource[]; run: string[]; resume?: string[]}; result: CellAnalysis[]};
  /** Aborts the running cells (all of them when `ids` is absent); answers which were running. */
  interrupt: {args: {ids?: string[]}; result: string[]};
  /** Forgets a deleted cell: stops it, disposes its tensors, removes its names. */
  remove: {args: {id: string}; result: void};
  /** A control (slider, file picker) changed; `rerun`: the cell must re-run to see it (nothing was waiting for it). */
  setInput: {args: {key: string; value: InputValue}; result: {rerun: boolean}};
}

export interface SelfTestResult {
  backend: string;
  product: number[];
  expected: number[];
  ok: boolean;
}

export type KernelRequestName = keyof KernelRequests;

export interface RequestMessage<K extends KernelRequestName = KernelRequestName> {
  id: number;
  name: K;
  args: KernelRequests[K]['args'];
}

export type ResponseMessage =
  | {id: number; ok: true; result: unknown}
  | {id: number; ok: false; error: {name: string; message: string; stack?: string}};

export type CellStatus = 'queued' | 'running' | 'done' | 'error' | 'interrupted' | 'stale';

/** An error shown on a cell, at the cell's own line and column when known. */
export interface CellErrorInfo {
  name: string;
  message: string;
  /** What usually causes this and what to try (shape mismatch, unknown name, out of memory…). */
  hint?: string;
  line?: number;
  column?: number;
  /** The call stack, mapped to cell lines where frames are in cell code. */
  stack?: string;
  /** The cell did not run because something it depends on failed. */
  blocked?: boolean;
}

/** Tensors a cell's run made on the backend, and what it left behind. */
export interface Telemetry {
  /** Tensors (and bytes) this run created, including ones it disposed again. */
  created: number;
  createdBytes: number;
  /** Of those, still allocated now. */
  alive: number;
  aliveBytes: number;
  /** Alive tensors nothing the cell defines refers to (leaked); they are disposed when the cell re-runs. */
  leaked: number;
  leakedBytes: number;
  /** Tensors left by the previous run that were disposed when this run started. */
  disposedFromPrevious: number;
  /** All tensors and bytes on the backend now. */
  totalTensors: number;
  totalBytes: number;
  /** True while the run is still going (a live reading). */
  live: boolean;
}

export type KernelEvent =
  | {type: 'status'; cellId: string; status: CellStatus; time: number; duration?: number; reason?: string}
  /** The cell's value (its last expression, or the names it defines); replaces the previous one. */
  | {type: 'value'; cellId: string; value?: Preview; names?: [string, Preview][]}
  /** A `display(...)` output: appended, or replacing the output with the same key in place. */
  | {type: 'display'; cellId: string; key?: string; value: Preview}
  /** A run started: outputs of the previous run go. */
  | {type: 'clear'; cellId: string}
  | {type: 'log'; cellId: string; level: 'log' | 'info' | 'warn' | 'error'; text: string}
  | {type: 'error'; cellId: string; error: CellErrorInfo}
  | {type: 'telemetry'; cellId: string; telemetry: Telemetry}
  | {type: 'analysis'; cells: CellAnalysis[]};

export interface EventMessage {
  events: KernelEvent[];
}
