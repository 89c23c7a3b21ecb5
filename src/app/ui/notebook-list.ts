/** The notebooks panel: new, your notebooks (open, delete), and the shipped curriculum. */
import {curriculum} from '../notebook/curriculum';
import type {NotebookStore} from '../notebook/persistence';
import {h} from './dom';

export interface NotebookListActions {
  openLocal(id: string): void;
  openCurriculum(path: string): void;
  newNotebook(): void;
  deleteLocal(id: string): void;
  currentId(): string;
}

export class NotebookList {
  readonly el = h('aside', {class: 'notebook-list', 'aria-label': 'Notebooks', hidden: true});

  constructor(
    private readonly store: NotebookStore,
    private readonly actions: NotebookListActions,
  ) {}

  get open(): boolean {
    return !this.el.hidden;
  }

  async toggle(show = !this.open): Promise<void> {
    this.el.hidden = !show;
    if (show) await this.render();
  }

  async render(): Promise<void> {
    const local = await this.store.list();
    const current = this.actions.currentId();
    const items = local.map((nb) =>
      h(
        'li',
        {class: nb.id === current ? 'current' : undefined},
        h('button', {type: 'button', class: 'link-button', onclick: () => this.actions.openLocal(nb.id), 'aria-current': nb.id === current ? 'true' : undefined}, nb.title),
        h('span', {class: 'muted'}, ` ${new Date(nb.updatedAt).toLocaleDateString()}${nb.origin.kind === 'link' ? ' · from a link' : ''}`),
        nb.id === current
          ? undefined
          : h('button', {type: 'button', class: 'icon-button danger', 'aria-label': `Delete notebook ${nb.title}`, title: 'Delete', onclick: () => {
              if (confirm(`Delete “${nb.title}” from this browser? This cannot be undone.`)) this.actions.deleteLocal(nb.id);
            }}, '✕'),
      ),
    );
    const shipped = curriculum().map((entry) => h('li', {}, h('button', {type: 'button', class: 'link-button', onclick: () => this.actions.openCurriculum(entry.path)}, entry.title)));
    this.el.replaceChildren(
      h('button', {type: 'button', onclick: () => this.actions.newNotebook()}, '+ New notebook'),
      h('h2', {}, 'Your notebooks'),
      h('ul', {'aria-label': 'Your notebooks'}, ...items),
      h('h2', {}, 'Examples and curriculum'),
      shipped.length ? h('ul', {'aria-label': 'Curriculum'}, ...shipped) : h('p', {class: 'muted'}, 'None shipped yet.'),
    );
  }
}
