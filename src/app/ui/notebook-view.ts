/**
 * The cells of the open notebook, in order, with Jupyter-style keyboard work: an editor has focus in edit mode;
 * Escape selects the cell itself (command mode), where single keys act on cells (see the help panel).
 */
import {INPUT_EVENT, type InputChange} from '../render/input-renderer';
import type {CompletionSource} from '@codemirror/autocomplete';
import type {LintSource} from '@codemirror/lint';
import type {CellKind} from '../notebook/model';
import type {NotebookSession} from '../session/notebook-session';
import {CellView, type CellHost} from './cell-view';
import {h} from './dom';

export interface LanguageHooks {
  completion(cellId: string): CompletionSource;
  lint(cellId: string): LintSource;
  hover(cellId: string): (position: number) => Promise<{from: number; to: number; text: string; documentation: string} | null>;
}

export class NotebookView implements CellHost {
  readonly el: HTMLElement;
  private readonly list = h('div', {class: 'cells'});
  private readonly addBar: HTMLElement;
  private views = new Map<string, CellView>();
  private lastKey: {key: string; at: number} | undefined;
  completion?: (cellId: string) => CompletionSource;
  lint?: (cellId: string) => LintSource;
  hover?: LanguageHooks['hover'];

  constructor(
    readonly session: NotebookSession,
    language?: LanguageHooks,
  ) {
    if (language) {
      this.completion = (id) => language.completion(id);
      this.lint = (id) => language.lint(id);
      this.hover = (id) => language.hover(id);
    }
    this.addBar = h(
      'div',
      {class: 'add-cells'},
      h('button', {type: 'button', onclick: () => this.insert('code', this.session.notebook.cells.length)}, '+ Code'),
      h('button', {type: 'button', onclick: () => this.insert('markdown', this.session.notebook.cells.length)}, '+ Markdown'),
    );
    this.el = h('div', {class: 'notebook', role: 'main', 'aria-label': 'Notebook'}, this.list, this.addBar);
    this.list.addEventListener('keydown', (e) => this.onCommandKey(e));
    // Controls in outputs (render/input-renderer.ts) announce changes as a bubbling event.
    this.list.addEventListener(INPUT_EVENT, (e) => {
      const {cellId, key, value} = (e as CustomEvent<InputChange>).detail;
      this.session.setInput(cellId, key, value).catch((error: unknown) => console.error('Deep Sky: the control could not reach the kernel', error));
    });
    session.onStructure(() => this.render());
    session.onStatus(() => this.updateReadOnly());
    this.render();
  }

  numberOf(id: string): number {
    return this.session.notebook.cells.findIndex((c) => c.id === id) + 1;
  }

  render(): void {
    const cells = this.session.notebook.cells;
    const keep = new Set(cells.map((c) => c.id));
    for (const [id, view] of this.views) {
      if (!keep.has(id) || view.cell !== this.session.cell(id) || view.el.dataset.kind !== view.cell.kind) {
        view.destroy();
        this.views.delete(id);
      }
    }
    const nodes: HTMLElement[] = [];
    for (const cell of cells) {
      let view = this.views.get(cell.id);
      if (!view) {
        view = new CellView(cell, this);
        this.views.set(cell.id, view);
      } else {
        view.build();
      }
      nodes.push(view.el);
    }
    // Move nodes only where needed, so an editor keeps its focus.
    nodes.forEach((node, i) => {
      if (this.list.children[i] !== node) this.list.insertBefore(node, this.list.children[i] ?? null);
    });
    while (this.list.children.length > nodes.length) this.list.lastElementChild!.remove();
    this.updateReadOnly();
  }

  private updateReadOnly(): void {
    this.addBar.hidden = !!this.session.notebook.readOnly;
  }

  focusCell(id: string, edit: boolean): void {
    const view = this.views.get(id);
    if (!view) return;
    if (edit) view.focusEditor();
    else view.el.focus();
    view.el.scrollIntoView({block: 'nearest'});
  }

  private insert(kind: CellKind, index: number): void {
    const cell = this.session.addCell(kind, index);
    if (cell) this.focusCell(cell.id, true);
  }

  private neighbour(id: string, delta: number): string | undefined {
    const cells = this.session.notebook.cells;
    return cells[cells.findIndex((c) => c.id === id) + delta]?.id;
  }

  runAndAdvance(id: string): void {
    this.views.get(id)?.runInPlace();
    const next = this.neighbour(id, 1);
    if (next) this.focusCell(next, this.session.cell(next)?.kind === 'code');
    else if (!this.session.notebook.readOnly) this.insert('code', this.session.notebook.cells.length);
  }

  runAndInsert(id: string): void {
    this.views.get(id)?.runInPlace();
    if (!this.session.notebook.readOnly) this.insert('code', this.numberOf(id));
  }

  /** Command mode: keys pressed while a cell (not its editor) has focus. */
  private onCommandKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('cell')) return;
    const id = target.dataset.cellId!;
    const s = this.session;
    const double = (key: string) => {
      const now = Date.now();
      const hit = this.lastKey?.key === key && now - this.lastKey.at < 600;
      this.lastKey = hit ? undefined : {key, at: now};
      return hit;
    };
    const mod = event.ctrlKey || event.metaKey;
    let handled = true;
    if (event.key === 'Enter' && event.shiftKey) this.runAndAdvance(id);
    else if (event.key === 'Enter' && mod) this.views.get(id)?.runInPlace();
    else if (event.key === 'Enter' && event.altKey) this.runAndInsert(id);
    else if (event.key === 'Enter') this.focusCell(id, true);
    else if (mod && event.key.toLowerCase() === 'i') s.interrupt();
    else if (mod || event.altKey) handled = false;
    else if (event.key === 'ArrowDown' || event.key === 'j') {
      const next = this.neighbour(id, 1);
      if (next) this.focusCell(next, false);
    } else if (event.key === 'ArrowUp' || event.key === 'k') {
      const previous = this.neighbour(id, -1);
      if (previous) this.focusCell(previous, false);
    } else if (event.key === 'a') this.insert('code', this.numberOf(id) - 1);
    else if (event.key === 'b') this.insert('code', this.numberOf(id));
    else if (event.key === 'm' || event.key === 'y') {
      s.setKind(id, event.key === 'm' ? 'markdown' : 'code');
      this.focusCell(id, false);
    }
    else if (event.key === 'd') {
      if (double('d')) {
        const next = this.neighbour(id, 1) ?? this.neighbour(id, -1);
        s.deleteCell(id);
        if (next) this.focusCell(next, false);
      }
    } else if (event.key === 'i') {
      if (double('i')) s.interrupt();
    } else if (event.key === '0') {
      if (double('0')) s.restartKernel();
    } else handled = false;
    if (handled) event.preventDefault();
  }
}
