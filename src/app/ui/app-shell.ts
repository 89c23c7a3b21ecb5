/**
 * The page around the cells: the toolbar (notebooks, title, run/interrupt/restart, share, import/export, help),
 * the save state, the backend badge, and banners (a notebook from a link, an interrupt that did not take).
 */
import type {NotebookStore} from '../notebook/persistence';
import {newNotebook} from '../notebook/model';
import {toIpynb} from '../notebook/ipynb';
import type {NotebookSession} from '../session/notebook-session';
import {importFile, openCurriculum} from '../session/notebook-library';
import {renderBackendBadge, renderBackendError} from './backend-badge';
import {h} from './dom';
import {downloadText, safeFileName} from './downloads';
import {helpDialog} from './help-dialog';
import {NotebookList} from './notebook-list';
import {shareDialog} from './share-dialog';

export class AppShell {
  private readonly title = h('input', {type: 'text', class: 'notebook-title', 'aria-label': 'Notebook title'});
  private readonly saveStatus = h('span', {class: 'save-status', role: 'status', 'aria-label': 'Save status'});
  private readonly restartButton: HTMLButtonElement;
  private readonly banners = h('div', {class: 'banners'});
  private readonly notices = h('div', {class: 'notices', role: 'status', 'aria-label': 'Notices'});
  private readonly list: NotebookList;
  private readonly help = helpDialog();
  private readonly share: HTMLDialogElement;
  private readonly fileInput = h('input', {type: 'file', accept: '.ipynb,.md,.json', hidden: true, 'aria-label': 'Notebook file to import'});

  constructor(
    private readonly session: NotebookSession,
    private readonly store: NotebookStore,
    private readonly badge: HTMLElement,
    toolbarHost: HTMLElement,
    mainHost: HTMLElement,
    notebookEl: HTMLElement,
  ) {
    this.share = shareDialog(session);
    this.list = new NotebookList(store, {
      currentId: () => session.notebook.id,
      openLocal: (id) => void this.openLocal(id),
      openCurriculum: (path) => void openCurriculum(store, path).then((nb) => this.openNotebook(nb)),
      newNotebook: () => {
        const nb = newNotebook();
        void store.save(nb).then(() => this.openNotebook(nb));
      },
      deleteLocal: (id) => void store.delete(id).then(() => this.list.render()),
    });
    const button = (label: string, onClick: () => void, extra: Record<string, string> = {}) => h('button', {type: 'button', onclick: onClick, ...extra}, label);
    this.restartButton = button('Restart kernel', () => session.restartKernel(), {title: 'Stop everything (even a loop that never yields); outputs become stale'});
    toolbarHost.replaceChildren(
      button('Notebooks', () => void this.list.toggle(), {'aria-controls': 'notebook-list'}),
      this.title,
      h('span', {class: 'toolbar-spacer'}),
      button('Run all', () => session.runAll()),
      button('Interrupt', () => session.interrupt(), {title: 'Stop the running cells (Ctrl/⌘+I)'}),
      this.restartButton,
      button('Share', () => this.openShare()),
      button('Export .ipynb', () => this.exportIpynb()),
      button('Import', () => this.fileInput.click(), {title: 'Open a .ipynb or .deepsky.md file as a new notebook'}),
      button('?', () => this.help.showModal(), {'aria-label': 'Keyboard shortcuts and help', title: 'Keyboard shortcuts (?)'}),
      this.saveStatus,
    );
    this.list.el.id = 'notebook-list';
    mainHost.replaceChildren(this.banners, this.notices, h('div', {class: 'workspace'}, this.list.el, notebookEl), this.help, this.share, this.fileInput);
    this.title.addEventListener('change', () => session.setTitle(this.title.value));
    this.fileInput.addEventListener('change', () => void this.importPicked());
    session.onStatus(() => this.update());
    document.addEventListener('keydown', (e) => {
      const target = e.target as HTMLElement;
      if (e.key === '?' && (target === document.body || target.classList.contains('cell'))) {
        e.preventDefault();
        this.help.showModal();
      }
    });
    window.addEventListener('pagehide', () => void session.flushSave());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void session.flushSave();
    });
    this.update();
  }

  notify(message: string, kind: 'info' | 'warn' | 'error' = 'info'): void {
    const close = h('button', {type: 'button', class: 'icon-button', 'aria-label': 'Dismiss'}, '✕');
    const note = h('div', {class: `notice ${kind}`}, h('span', {}, message), close);
    close.addEventListener('click', () => note.remove());
    this.notices.append(note);
  }

  private update(): void {
    const s = this.session;
    const nb = s.notebook;
    if (document.activeElement !== this.title) this.title.value = nb.title;
    this.title.readOnly = !!nb.readOnly;
    document.title = `${nb.title} · Deep Sky`;
    this.saveStatus.textContent = s.saveState === 'saved' ? 'Saved' : s.saveState === 'saving' ? 'Saving…' : 'Not saved';
    this.saveStatus.title = s.saveError ?? 'Every edit is saved in this browser';
    this.saveStatus.classList.toggle('error', s.saveState === 'error');
    if (s.backend) renderBackendBadge(this.badge, s.backend);
    else if (s.backendError) renderBackendError(this.badge, new Error(s.backendError));
    else {
      this.badge.textContent = 'starting…';
      delete this.badge.dataset.backend;
    }
    this.restartButton.classList.toggle('attention', s.interruptStuck);
    const banners: HTMLElement[] = [];
    if (nb.readOnly) {
      banners.push(
        h('div', {class: 'banner', role: 'region', 'aria-label': 'Shared notebook'},
          h('span', {}, `This notebook came from ${nb.origin.kind === 'link' ? nb.origin.from : 'a link'}: it is someone else's code, saved here as a read-only copy. Nothing has run.`),
          h('button', {type: 'button', onclick: () => s.runAll()}, 'Run all'),
          h('button', {type: 'button', onclick: () => s.makeEditable()}, 'Edit my copy'),
        ),
      );
    }
    if (s.interruptStuck) {
      banners.push(
        h('div', {class: 'banner warn', role: 'alert'},
          h('span', {}, 'Interrupt has not stopped the running cell: it is probably in a loop that never awaits. Restarting the kernel stops it (all cells become stale).'),
          h('button', {type: 'button', onclick: () => s.restartKernel()}, 'Restart kernel now'),
        ),
      );
    }
    this.banners.replaceChildren(...banners);
  }

  private openShare(): void {
    this.share.dispatchEvent(new Event('open-share'));
    this.share.showModal();
  }

  private exportIpynb(): void {
    const nb = this.session.notebook;
    downloadText(`${safeFileName(nb.title)}.ipynb`, JSON.stringify(toIpynb(nb), null, 1) + '\n', 'application/x-ipynb+json');
  }

  private async importPicked(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    try {
      const {notebook, warnings} = await importFile(this.store, file);
      this.openNotebook(notebook);
      for (const w of warnings) this.notify(w, 'warn');
    } catch (error) {
      this.notify(`Could not import ${file.name}: ${(error as Error).message}`, 'error');
    }
  }

  private async openLocal(id: string): Promise<void> {
    const nb = await this.store.load(id);
    if (nb) this.openNotebook(nb);
  }

  private openNotebook(nb: Parameters<NotebookSession['open']>[0]): void {
    this.session.open(nb);
    void this.list.toggle(false);
  }
}
