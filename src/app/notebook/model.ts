/**
 * The notebook document: what is saved, exported and shared. Run state (statuses, outputs) is not part of it.
 */

export type CellKind = 'code' | 'markdown';

export interface Cell {
  id: string;
  kind: CellKind;
  source: string;
  /** The editor is folded away (the output stays). */
  collapsed?: boolean;
  /** Upstream changes mark the cell stale instead of re-running it (for expensive cells such as training). */
  manual?: boolean;
}

/** Where a notebook came from: made here, the shipped curriculum, or someone else's link. */
export type NotebookOrigin =
  | {kind: 'local'}
  | {kind: 'curriculum'; path: string}
  | {kind: 'link'; from: string; receivedAt: number};

export interface Notebook {
  id: string;
  title: string;
  cells: Cell[];
  createdAt: number;
  updatedAt: number;
  origin: NotebookOrigin;
  /** Opened from a link: shown read-only until the user chooses to edit (or run) it. */
  readOnly?: boolean;
  /** What the author saw when sharing (shown until the cells are re-run here). */
  snapshot?: ResultsSnapshot;
}

/** Results a share link may carry, so the receiver sees what the author saw before running anything. */
export interface ResultsSnapshot {
  takenAt: number;
  backend?: string;
  adapter?: string;
  seed?: number;
  /** Per cell id: a short text of the final value and metrics, and a loss curve if the cell trained. */
  cells: Record<string, CellSnapshot>;
}

export interface CellSnapshot {
  text?: string;
  metrics?: Record<string, number>;
  /** Loss (or first metric) per logged step, downsampled. */
  curve?: number[];
}

export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 12);
}

export function newCell(kind: CellKind, source = ''): Cell {
  return {id: newId(), kind, source};
}

export function newNotebook(title = 'Untitled notebook', cells: Cell[] = [newCell('code')]): Notebook {
  const now = Date.now();
  return {id: newId(), title, cells, createdAt: now, updatedAt: now, origin: {kind: 'local'}};
}

/** A copy with fresh ids (cells too), for notebooks that arrive from elsewhere and must never replace one here. */
export function asNewCopy(notebook: Omit<Notebook, 'id'> & {id?: string}, origin: NotebookOrigin, readOnly: boolean): Notebook {
  const now = Date.now();
  const idMap = new Map<string, string>();
  const cells = notebook.cells.map((c) => {
    const id = newId();
    idMap.set(c.id, id);
    return {...c, id};
  });
  const snapshot = notebook.snapshot && {
    ...notebook.snapshot,
    cells: Object.fromEntries(Object.entries(notebook.snapshot.cells).flatMap(([id, s]) => (idMap.has(id) ? [[idMap.get(id)!, s]] : []))),
  };
  return {...notebook, id: newId(), cells, createdAt: now, updatedAt: now, origin, readOnly, snapshot};
}
