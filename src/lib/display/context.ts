/**
 * The cell context: what the notebook kernel gives the code of the cell that is running now — where its outputs go
 * and the signal that fires when the cell is re-run, deleted or interrupted. Long library calls (training, loading)
 * read it when they start, so in a notebook they show progress in their cell and stop when the cell is invalidated
 * without the user wiring anything. Explicit options (`{signal, display}`) always win. Outside the notebook (Node,
 * plain scripts) there is no context and calls fall back to their own defaults.
 */
import type {DisplaySink} from './types';

export interface CellContext {
  /** The cell's outputs. */
  display: DisplaySink;
  /** Aborted when the cell is re-run, deleted, or interrupted. */
  signal: AbortSignal;
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
