/**
 * A results snapshot for a share link: per code cell a short text of its value, its final metrics (from progress
 * bars) and a loss curve (from a line plot, downsampled), plus the backend, adapter and seed it ran with.
 */
import type {Preview} from '../kernel/inspect/preview';
import type {CellSnapshot, ResultsSnapshot} from '../notebook/model';
import {summary} from '../render/inspector';
import type {NotebookSession} from './notebook-session';

const MAX_TEXT = 300;
const MAX_CURVE = 100;

export function takeSnapshot(session: NotebookSession): ResultsSnapshot {
  const cells: Record<string, CellSnapshot> = {};
  for (const cell of session.notebook.cells) {
    const state = session.runs.get(cell.id);
    if (cell.kind !== 'code' || !state || state.status !== 'done' || state.stale) continue;
    const snap: CellSnapshot = {};
    const text = state.value ? summary(state.value) : state.names?.map(([n, p]) => `${n} = ${summary(p)}`).join('\n');
    if (text) snap.text = text.slice(0, MAX_TEXT);
    for (const d of state.displays) {
      const spec = d.value.kind === 'display' ? (d.value.spec as unknown as Record<string, unknown>) : undefined;
      if (spec?.$display === 'progress' && spec.metrics) snap.metrics = spec.metrics as Record<string, number>;
      if (spec?.$display === 'plot' && !snap.curve) snap.curve = firstLine(spec);
    }
    if (snap.text || snap.metrics || snap.curve) cells[cell.id] = snap;
  }
  const adapter = session.backend?.adapter;
  const seed = findSeed(session);
  return {
    takenAt: Date.now(),
    backend: session.backend?.backend,
    adapter: adapter ? adapter.description || `${adapter.vendor} ${adapter.architecture}`.trim() : undefined,
    ...(seed !== undefined ? {seed} : {}),
    cells,
  };
}

function firstLine(spec: Record<string, unknown>): number[] | undefined {
  const traces = spec.traces as {kind?: string; y?: (number | null)[]}[] | undefined;
  const line = traces?.find((t) => t.kind === 'line' && Array.isArray(t.y));
  if (!line?.y?.length) return undefined;
  const y = line.y;
  const step = Math.max(1, Math.ceil(y.length / MAX_CURVE));
  const out: number[] = [];
  for (let i = 0; i < y.length; i += step) out.push(Number((y[i] ?? NaN).toPrecision(4)));
  return out;
}

/** A top-level `seed` a cell defines (the usual way notebooks fix their randomness). */
function findSeed(session: NotebookSession): number | undefined {
  for (const state of session.runs.values()) {
    const entry = state.names?.find(([n]) => n === 'seed' || n === 'SEED');
    const preview: Preview | undefined = entry?.[1];
    if (preview?.kind === 'number') return Number(preview.text);
  }
  return undefined;
}
