/**
 * One cell on the page: status, actions, editor (or rendered Markdown), outputs, GPU telemetry.
 */
import type {CompletionSource} from '@codemirror/autocomplete';
import type {LintSource} from '@codemirror/lint';
import {createEditor, type CellEditor} from '../editor/code-editor';
import type {Cell} from '../notebook/model';
import {renderMarkdown} from '../render/markdown';
import {formatBytes} from '../render/inspector';
import {formatSeconds} from '../render/progress';
import type {NotebookSession} from '../session/notebook-session';
import type {CellRunState} from '../session/run-state';
import {h, iconButton} from './dom';
import {errorNodes, OutputView} from './output-view';

export interface CellHost {
  session: NotebookSession;
  /** 1-based position of the cell, for labels. */
  numberOf(id: string): number;
  focusCell(id: string, edit: boolean): void;
  runAndAdvance(id: string): void;
  runAndInsert(id: string): void;
  completion?: (cellId: string) => CompletionSource;
  lint?: (cellId: string) => LintSource;
  hover?: (cellId: string) => (position: number) => Promise<{from: number; to: number; text: string; documentation: string} | null>;
}

export class CellView {
  readonly el: HTMLElement;
  private readonly statusEl = h('span', {class: 'cell-status'});
  private readonly toolbar = h('div', {class: 'cell-toolbar', role: 'toolbar'});
  private readonly editorEl = h('div', {class: 'cell-editor'});
  private readonly markdownEl = h('div', {class: 'markdown-body markdown-view'});
  private readonly staticErrorEl = h('div', {class: 'cell-static-error', role: 'alert', hidden: true});
  private readonly resumeEl = h('div', {class: 'cell-resume', role: 'region', hidden: true});
  private readonly telemetryEl = h('div', {class: 'cell-telemetry', hidden: true});
  private readonly output: OutputView;
  private editor: CellEditor | undefined;
  private editingMarkdown = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: () => void;

  constructor(
    readonly cell: Cell,
    private readonly host: CellHost,
  ) {
    const n = host.numberOf(cell.id);
    this.output = new OutputView(`Output of cell ${n}`);
    this.el = h(
      'section',
      {class: `cell cell-${cell.kind}`, 'data-cell-id': cell.id, 'data-kind': cell.kind, tabindex: -1},
      h('div', {class: 'cell-gutter'}, this.statusEl),
      h('div', {class: 'cell-main'}, this.toolbar, this.editorEl, this.markdownEl, this.staticErrorEl, this.resumeEl, this.output.el, this.telemetryEl),
    );
    this.markdownEl.addEventListener('dblclick', () => this.editMarkdown());
    this.unsubscribe = host.session.onCell(cell.id, () => this.refresh());
    this.build();
  }

  get session(): NotebookSession {
    return this.host.session;
  }

  /** Rebuilds the parts that depend on the cell's kind, position or read-only state. */
  build(): void {
    const n = this.host.numberOf(this.cell.id);
    this.el.setAttribute('aria-label', `Cell ${n} (${this.cell.kind === 'code' ? 'code' : 'Markdown'})`);
    this.toolbar.setAttribute('aria-label', `Cell ${n} actions`);
    this.output.el.setAttribute('aria-label', `Output of cell ${n}`);
    this.buildToolbar(n);
    if (!this.editor) this.mountEditor(n);
    else this.editor.setReadOnly(!!this.session.notebook.readOnly);
    this.refresh();
  }

  private buildToolbar(n: number): void {
    const s = this.session;
    const id = this.cell.id;
    const readOnly = !!s.notebook.readOnly;
    const buttons: HTMLElement[] = [
      iconButton(`Run cell ${n}`, '▶', () => s.run([id])),
      iconButton(`Run the cells above cell ${n}`, '⤒', () => s.runAbove(id)),
    ];
    if (!readOnly) {
      buttons.push(
        iconButton(`Move cell ${n} up`, '↑', () => s.moveCell(id, -1)),
        iconButton(`Move cell ${n} down`, '↓', () => s.moveCell(id, 1)),
        iconButton(`Duplicate cell ${n}`, '⊕', () => s.duplicateCell(id)),
        iconButton(this.cell.kind === 'code' ? `Convert cell ${n} to Markdown` : `Convert cell ${n} to code`, this.cell.kind === 'code' ? 'M↓' : '{}', () => s.setKind(id, this.cell.kind === 'code' ? 'markdown' : 'code')),
      );
      if (this.cell.kind === 'code') {
        buttons.push(iconButton(`Manual mode for cell ${n}: re-run only when asked`, '⚑', () => s.toggleManual(id), {'aria-pressed': String(!!this.cell.manual), class: 'icon-button toggle'}));
      }
    }
    buttons.push(iconButton(this.cell.collapsed ? `Expand cell ${n}` : `Collapse cell ${n}`, this.cell.collapsed ? '▸' : '▾', () => s.toggleCollapsed(id)));
    if (!readOnly) buttons.push(iconButton(`Delete cell ${n}`, '✕', () => s.deleteCell(id), {class: 'icon-button danger'}));
    this.toolbar.replaceChildren(...buttons);
  }

  private mountEditor(n: number): void {
    const id = this.cell.id;
    this.editor = createEditor(this.editorEl, {
      doc: this.cell.source,
      language: this.cell.kind === 'code' ? 'typescript' : 'markdown',
      label: `Cell ${n} ${this.cell.kind === 'code' ? 'code' : 'Markdown'} editor`,
      readOnly: !!this.session.notebook.readOnly,
      onChange: (text) => this.session.editSource(id, text),
      keys: {
        run: () => this.runInPlace(),
        runAndAdvance: () => this.host.runAndAdvance(id),
        runAndInsert: () => this.host.runAndInsert(id),
        escape: () => this.host.focusCell(id, false),
        interrupt: () => this.session.interrupt(),
      },
      completion: this.cell.kind === 'code' ? this.host.completion?.(id) : undefined,
      lint: this.cell.kind === 'code' ? this.host.lint?.(id) : undefined,
      hover: this.cell.kind === 'code' ? this.host.hover?.(id) : undefined,
    });
    this.editingMarkdown = this.cell.kind === 'markdown' && !this.cell.source.trim();
  }

  runInPlace(): void {
    if (this.cell.kind === 'markdown') this.renderMarkdownNow();
    this.session.run([this.cell.id]);
  }

  /** Markdown cells: show the source for editing. */
  editMarkdown(): void {
    if (this.cell.kind !== 'markdown' || this.session.notebook.readOnly) return;
    this.editingMarkdown = true;
    this.refresh();
    this.editor?.focus();
  }

  /** Markdown cells: show the rendered text. */
  renderMarkdownNow(): void {
    if (this.cell.kind !== 'markdown') return;
    this.editingMarkdown = false;
    this.refresh();
  }

  focusEditor(): void {
    if (this.cell.kind === 'markdown') this.editMarkdown();
    else this.editor?.focus();
  }

  isEditing(): boolean {
    return !!this.editor?.view.hasFocus;
  }

  refresh(): void {
    const state = this.session.runState(this.cell.id);
    const markdown = this.cell.kind === 'markdown';
    const showEditor = !this.cell.collapsed && (!markdown || this.editingMarkdown);
    this.editorEl.hidden = !showEditor;
    this.markdownEl.hidden = !markdown || (this.editingMarkdown && !this.cell.collapsed);
    if (markdown && !this.markdownEl.hidden) {
      const source = this.cell.source;
      if (this.markdownEl.dataset.source !== source) {
        this.markdownEl.dataset.source = source;
        if (source.trim()) renderMarkdown(this.markdownEl, source);
        else this.markdownEl.replaceChildren(h('p', {class: 'placeholder'}, 'Empty Markdown cell: double-click to edit.'));
      }
    }
    this.el.classList.toggle('collapsed', !!this.cell.collapsed);
    this.el.classList.toggle('manual', !!this.cell.manual);
    this.el.classList.toggle('modified', !markdown && state.ranSource !== undefined && state.ranSource !== this.cell.source);
    if (!markdown) {
      this.updateStatus(state);
      this.output.update(state);
      this.updateStaticError(state);
      this.updateResume(state);
      this.updateTelemetry(state);
    }
    this.el.dataset.status = state.status ?? 'idle';
  }

  private updateStatus(state: CellRunState): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const status = state.status;
    this.statusEl.dataset.status = status ?? 'idle';
    const text = () => {
      if (!status) return this.cell.manual ? 'manual' : '';
      if (status === 'running') return state.startedAt ? `${state.reason === 'interrupting' ? 'interrupting' : 'running'} ${formatSeconds((Date.now() - state.startedAt) / 1000)}` : 'running';
      if ((status === 'done' || status === 'error' || status === 'interrupted') && state.duration !== undefined) return `${status} · ${formatDuration(state.duration)}`;
      return status;
    };
    this.statusEl.textContent = text();
    this.statusEl.title = state.reason ?? '';
    this.statusEl.setAttribute('aria-label', `Status: ${text() || 'not run'}`);
    if (status === 'running') this.timer = setInterval(() => (this.statusEl.textContent = text()), 200);
  }

  private updateStaticError(state: CellRunState): void {
    // A static problem the last run did not already report (e.g. a duplicate introduced by editing another cell).
    const error = state.staticError;
    const shownByRun = error && state.error?.message === error.message;
    this.staticErrorEl.hidden = !error || !!shownByRun;
    this.staticErrorEl.replaceChildren(...(error && !shownByRun ? errorNodes(error) : []));
  }

  /** After a reload or restart: training this code saved a checkpoint; offer to continue from it. */
  private updateResume(state: CellRunState): void {
    const offer = state.checkpoint && (!state.status || state.status === 'stale');
    this.resumeEl.hidden = !offer;
    if (!offer || !state.checkpoint) return;
    const n = this.host.numberOf(this.cell.id);
    const when = new Date(state.checkpoint.savedAt).toLocaleString();
    const epoch = state.checkpoint.epoch !== undefined ? ` after epoch ${state.checkpoint.epoch}` : '';
    this.resumeEl.setAttribute('aria-label', `Saved training of cell ${n}`);
    this.resumeEl.replaceChildren(
      h('span', {}, `Training in this cell was saved${epoch} (${when}).`),
      h('button', {type: 'button', onclick: () => this.session.run([this.cell.id], {resume: true})}, 'Resume training'),
      h('button', {type: 'button', onclick: () => this.session.run([this.cell.id])}, 'Start over'),
    );
  }

  private updateTelemetry(state: CellRunState): void {
    const t = state.telemetry;
    this.telemetryEl.hidden = !t || (t.created === 0 && t.disposedFromPrevious === 0);
    if (!t || this.telemetryEl.hidden) return;
    const parts = [`${t.created.toLocaleString('en')} tensors created (${formatBytes(t.createdBytes)})`, `${t.alive.toLocaleString('en')} alive (${formatBytes(t.aliveBytes)})`];
    if (t.leaked) parts.push(`${t.leaked} leaked (${formatBytes(t.leakedBytes)}; disposed when the cell re-runs)`);
    if (t.disposedFromPrevious) parts.push(`${t.disposedFromPrevious} left by the previous run disposed`);
    parts.push(`backend total ${formatBytes(t.totalBytes)}`);
    this.telemetryEl.textContent = `GPU: ${parts.join(' · ')}${t.live ? ' (live)' : ''}`;
    this.telemetryEl.classList.toggle('leak', t.leaked > 0);
  }

  destroy(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    this.editor?.destroy();
    this.el.remove();
  }
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : formatSeconds(ms / 1000);
}
