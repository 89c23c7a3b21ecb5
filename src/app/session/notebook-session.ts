/**
 * The open notebook: the document (saved on every edit), each cell's run state, and the kernel that runs it.
 * Views subscribe to changes; every user action goes through here.
 */
import type {InputValue} from '../kernel/inputs/input-spec';
import type {BackendReport} from '../../lib';
import type {KernelClient} from '../kernel/kernel-client';
import type {CellAnalysis, CellSource, KernelEvent} from '../kernel/protocol';
import {newCell, type Cell, type CellKind, type Notebook} from '../notebook/model';
import type {NotebookStore} from '../notebook/persistence';
import {applyEvent, emptyRunState, type CellRunState} from './run-state';

const SAVE_DELAY_MS = 250;
const ANALYSE_DELAY_MS = 400;
/** After Interrupt, how long a cell may keep running before the UI offers to restart the kernel. */
export const INTERRUPT_GRACE_MS = 3000;

export type SaveState = 'saved' | 'saving' | 'error';

type Listener = () => void;

export class NotebookSession {
  readonly runs = new Map<string, CellRunState>();
  saveState: SaveState = 'saved';
  saveError?: string;
  backend?: BackendReport;
  backendError?: string;
  /** Running cells did not stop after Interrupt: offer Restart. */
  interruptStuck = false;
  private cellListeners = new Map<string, Set<Listener>>();
  private structureListeners = new Set<Listener>();
  private statusListeners = new Set<Listener>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private analyseTimer: ReturnType<typeof setTimeout> | undefined;
  private interruptTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingSave: Promise<void> = Promise.resolve();

  constructor(
    public notebook: Notebook,
    private readonly kernel: KernelClient,
    private readonly store: NotebookStore,
  ) {
    kernel.onEvent((event) => this.onKernelEvent(event));
    kernel.onRestart(() => this.onKernelRestart());
    this.resetRuns();
    this.startKernel();
  }

  // ---- subscriptions ----

  onCell(id: string, listener: Listener): () => void {
    let set = this.cellListeners.get(id);
    if (!set) this.cellListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onStructure(listener: Listener): () => void {
    this.structureListeners.add(listener);
    return () => this.structureListeners.delete(listener);
  }

  /** Save state, kernel state, title, read-only flag. */
  onStatus(listener: Listener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private emitCell(id: string): void {
    for (const l of this.cellListeners.get(id) ?? []) l();
  }

  private emitStructure(): void {
    for (const l of this.structureListeners) l();
  }

  private emitStatus(): void {
    for (const l of this.statusListeners) l();
  }

  // ---- the document ----

  cell(id: string): Cell | undefined {
    return this.notebook.cells.find((c) => c.id === id);
  }

  runState(id: string): CellRunState {
    let state = this.runs.get(id);
    if (!state) this.runs.set(id, (state = emptyRunState()));
    return state;
  }

  /** Replaces the open notebook (opening another one). */
  open(notebook: Notebook): void {
    this.flushSave();
    this.notebook = notebook;
    this.resetRuns();
    this.kernel.restart();
    this.emitStructure();
    this.emitStatus();
    void this.store.setMeta('lastOpened', notebook.id);
  }

  private resetRuns(): void {
    this.runs.clear();
    const snapshot = this.notebook.snapshot;
    for (const cell of this.notebook.cells) {
      const state = emptyRunState();
      const snap = snapshot?.cells[cell.id];
      if (snap) {
        const where = [snapshot.backend, snapshot.adapter].filter(Boolean).join(', ');
        const seed = snapshot.seed !== undefined ? `, seed ${snapshot.seed}` : '';
        state.snapshot = {cell: snap, ranOn: `${where || 'an unknown backend'}${seed}, ${new Date(snapshot.takenAt).toLocaleString()}`};
      }
      this.runs.set(cell.id, state);
    }
  }

  setTitle(title: string): void {
    if (!this.editable()) return;
    this.notebook.title = title.trim() || 'Untitled notebook';
    this.touch();
    this.emitStatus();
  }

  editSource(id: string, source: string): void {
    const cell = this.cell(id);
    if (!cell || cell.source === source) return;
    cell.source = source;
    this.touch();
    if (cell.kind === 'code') this.scheduleAnalysis();
    this.emitCell(id);
  }

  addCell(kind: CellKind, index = this.notebook.cells.length, source = ''): Cell | undefined {
    if (!this.editable()) return undefined;
    const cell = newCell(kind, source);
    this.notebook.cells.splice(Math.max(0, Math.min(index, this.notebook.cells.length)), 0, cell);
    this.runs.set(cell.id, emptyRunState());
    this.touch();
    this.emitStructure();
    return cell;
  }

  deleteCell(id: string): void {
    if (!this.editable()) return;
    const index = this.notebook.cells.findIndex((c) => c.id === id);
    if (index < 0) return;
    const [cell] = this.notebook.cells.splice(index, 1);
    this.runs.delete(id);
    if (cell.kind === 'code') void this.kernel.request('remove', {id}).catch(() => undefined);
    this.touch();
    this.emitStructure();
    this.scheduleAnalysis();
  }

  moveCell(id: string, delta: number): void {
    if (!this.editable()) return;
    const cells = this.notebook.cells;
    const index = cells.findIndex((c) => c.id === id);
    const target = index + delta;
    if (index < 0 || target < 0 || target >= cells.length) return;
    const [cell] = cells.splice(index, 1);
    cells.splice(target, 0, cell);
    this.touch();
    this.emitStructure();
  }

  duplicateCell(id: string): Cell | undefined {
    const index = this.notebook.cells.findIndex((c) => c.id === id);
    const original = this.notebook.cells[index];
    if (!original) return undefined;
    const copy = this.addCell(original.kind, index + 1, original.source);
    if (copy) {
      copy.manual = original.manual;
      this.scheduleAnalysis();
    }
    return copy;
  }

  setKind(id: string, kind: CellKind): void {
    const cell = this.cell(id);
    if (!cell || cell.kind === kind || !this.editable()) return;
    if (cell.kind === 'code') void this.kernel.request('remove', {id}).catch(() => undefined);
    cell.kind = kind;
    this.runs.set(id, emptyRunState());
    this.touch();
    this.emitStructure();
    this.scheduleAnalysis();
  }

  toggleCollapsed(id: string): void {
    const cell = this.cell(id);
    if (!cell) return;
    cell.collapsed = !cell.collapsed;
    if (!this.notebook.readOnly) this.touch();
    this.emitCell(id);
  }

  toggleManual(id: string): void {
    const cell = this.cell(id);
    if (!cell || !this.editable()) return;
    cell.manual = !cell.manual;
    this.touch();
    this.emitCell(id);
  }

  /** A notebook from a link becomes the user's own, editable copy. */
  makeEditable(): void {
    if (!this.notebook.readOnly) return;
    this.notebook.readOnly = false;
    this.touch();
    this.emitStatus();
    this.emitStructure();
  }

  private editable(): boolean {
    return !this.notebook.readOnly;
  }

  // ---- saving ----

  private touch(): void {
    this.notebook.updatedAt = Date.now();
    this.saveState = 'saving';
    this.emitStatus();
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushSave(), SAVE_DELAY_MS);
  }

  /** Writes pending edits now (before navigating away, switching notebooks). */
  flushSave(): Promise<void> {
    if (this.saveTimer === undefined) return this.pendingSave;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const snapshot = structuredClone(this.notebook);
    this.pendingSave = this.pendingSave
      .then(() => this.store.save(snapshot))
      .then(
        () => {
          if (this.saveTimer === undefined) this.saveState = 'saved';
          this.saveError = undefined;
        },
        (error: unknown) => {
          this.saveState = 'error';
          this.saveError = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => this.emitStatus());
    return this.pendingSave;
  }

  // ---- the kernel ----

  private startKernel(): void {
    this.backend = undefined;
    this.backendError = undefined;
    this.emitStatus();
    this.kernel.request('init', undefined).then(
      (report) => {
        this.backend = report;
        performance.mark('deep-sky:kernel-ready');
        this.emitStatus();
      },
      (error: unknown) => {
        this.backendError = error instanceof Error ? error.message : String(error);
        this.emitStatus();
      },
    );
    this.scheduleAnalysis(0);
  }

  private codeCells(): CellSource[] {
    return this.notebook.cells.filter((c) => c.kind === 'code').map((c) => ({id: c.id, source: c.source, manual: !!c.manual}));
  }

  private scheduleAnalysis(delay = ANALYSE_DELAY_MS): void {
    clearTimeout(this.analyseTimer);
    this.analyseTimer = setTimeout(() => {
      this.kernel.request('sync', {cells: this.codeCells()}).then((a) => this.applyAnalysis(a), () => undefined);
    }, delay);
  }

  private applyAnalysis(analysis: CellAnalysis[]): void {
    for (const a of analysis) {
      const state = this.runs.get(a.id);
      if (!state) continue;
      const before = JSON.stringify([state.staticError, state.checkpoint]);
      state.staticError = a.error;
      state.checkpoint = a.checkpoint;
      if (JSON.stringify([a.error, a.checkpoint]) !== before) this.emitCell(a.id);
    }
  }

  /**
   * A control in a cell's output changed (a slider moved, files picked): the kernel keeps the value, and the cell
   * re-runs to use it unless it was already waiting for it.
   */
  async setInput(cellId: string, key: string, value: InputValue): Promise<void> {
    const {rerun} = await this.kernel.request('setInput', {key, value});
    if (rerun && this.cell(cellId)) this.run([cellId]);
  }

  /** Runs cells: code through the kernel; Markdown cells just render. `resume`: restore training checkpoints. */
  run(ids: readonly string[], options: {resume?: boolean} = {}): void {
    const code = ids.filter((id) => this.cell(id)?.kind === 'code');
    for (const id of code) {
      const state = this.runState(id);
      state.ranSource = this.cell(id)!.source;
      if (state.status !== 'running') {
        state.status = 'queued';
        state.startedAt = undefined;
      }
      this.emitCell(id);
    }
    if (!code.length) return;
    clearTimeout(this.analyseTimer);
    this.kernel.request('run', {cells: this.codeCells(), run: code, resume: options.resume ? code : undefined}).then(
      (analysis) => this.applyAnalysis(analysis),
      (error: unknown) => {
        for (const id of code) {
          // The cell may be gone by now (deleted, or another notebook opened): do not bring its state back.
          const state = this.runs.get(id);
          if (state?.status === 'queued') {
            state.status = 'error';
            state.error = {name: 'KernelError', message: error instanceof Error ? error.message : String(error)};
            this.emitCell(id);
          }
        }
      },
    );
  }

  runAll(): void {
    this.run(this.notebook.cells.map((c) => c.id));
  }

  runAbove(id: string): void {
    const index = this.notebook.cells.findIndex((c) => c.id === id);
    if (index < 0) return;
    this.run(this.notebook.cells.slice(0, index).map((c) => c.id));
  }

  runningCells(): string[] {
    return [...this.runs].filter(([, s]) => s.status === 'running' || s.status === 'queued').map(([id]) => id);
  }

  interrupt(): void {
    void this.kernel.request('interrupt', {}).catch(() => undefined);
    clearTimeout(this.interruptTimer);
    this.interruptTimer = setTimeout(() => {
      this.interruptStuck = [...this.runs.values()].some((s) => s.status === 'running');
      this.emitStatus();
    }, INTERRUPT_GRACE_MS);
  }

  restartKernel(): void {
    this.kernel.restart();
  }

  private onKernelRestart(): void {
    this.interruptStuck = false;
    clearTimeout(this.interruptTimer);
    for (const [id, state] of this.runs) {
      if (state.status || state.value || state.displays.length || state.error) {
        state.status = 'stale';
        state.reason = 'The kernel restarted: run the cell again.';
        state.stale = true;
        state.telemetry = undefined;
        this.emitCell(id);
      }
    }
    this.startKernel();
  }

  private onKernelEvent(event: KernelEvent): void {
    if (event.type === 'analysis') {
      this.applyAnalysis(event.cells);
      return;
    }
    const state = this.runs.get(event.cellId);
    if (!state) return;
    applyEvent(state, event);
    if (event.type === 'status' && event.status !== 'running' && this.interruptStuck && !this.runningCells().length) {
      this.interruptStuck = false;
      this.emitStatus();
    }
    this.emitCell(event.cellId);
  }
}
