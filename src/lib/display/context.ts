/**
 * The cell context: what the notebook kernel gives the code of the cell that is running now — where its outputs go
 * and the signal that fires when the cell is re-run, deleted or interrupted. Long library calls (training, loading)
 * read it when they start, so in a notebook they show progress in their cell and stop when the cell is invalidated
 * without the user wiring anything. Explicit options (`{signal, display}`) always win. Outside the notebook (Node,
 * plain scripts) there is no context and calls fall back to their own defaults.
 */
import type {DisplaySink} from './types';

/** What the notebook kernel gives the code of the running cell (see the module comment). */
export interface CellContext {
  /** The cell's outputs. */
  display: DisplaySink;
  /** Aborted when the cell is re-run, deleted, or interrupted. */
  signal: AbortSignal;
  /** Where training in this cell saves checkpoints (the notebook's IndexedDB), when the kernel offers that. */
  checkpoints?: CellCheckpoints;
}

/**
 * Checkpoints for training started from a cell: the notebook keeps them in IndexedDB, keyed by the cell's code and
 * the code of the cells it depends on, so after a reload or a kernel restart the cell can offer to resume. A
 * training loop saves its state under `key` (e.g. every epoch) and, when `resume` is true, loads it before it
 * starts. `State` is the trainer's state type (the Learner's `LearnerState`).
 */
export interface CellCheckpoints<State = unknown> {
  store: {
    save(key: string, state: State): Promise<void>;
    load(key: string): Promise<State | undefined>;
  };
  key: string;
  /** The user chose to resume from the saved checkpoint rather than start over. */
  resume: boolean;
}

let current: CellContext | undefined;

/** Called by the kernel as a cell's code (re)gains control; `undefined` when no cell code is running. */
export function enterCellContext(context: CellContext | undefined): void {
  current = context;
}

/** The context of the cell whose code is running now, if any. Read it synchronously when a call starts. */
export function currentCellContext(): CellContext | undefined {
  return current;
}
