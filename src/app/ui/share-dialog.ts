/**
 * Share: a link whose fragment carries the notebook (and optionally what its cells showed here), with its length
 * and a warning once it is long enough for chat tools and some browsers to cut it.
 */
import {encodeNotebook, SAFE_URL_LENGTH, shareUrl} from '../notebook/share';
import type {NotebookSession} from '../session/notebook-session';
import {takeSnapshot} from '../session/snapshot';
import {h} from './dom';

export function shareDialog(session: NotebookSession): HTMLDialogElement {
  const withResults = h('input', {type: 'checkbox', id: 'share-results'});
  const link = h('textarea', {readonly: true, rows: 4, 'aria-label': 'Share link', class: 'share-link'});
  const length = h('p', {class: 'share-length', role: 'status', 'aria-label': 'Link length'});
  const copy = h('button', {type: 'button'}, 'Copy link');
  const dialog = h(
    'dialog',
    {class: 'share-dialog', 'aria-label': 'Share notebook'},
    h('h2', {}, 'Share this notebook'),
    h('p', {class: 'muted'}, 'The link contains the whole notebook, so it works without any server. Whoever opens it gets a read-only copy; nothing runs until they choose to run it.'),
    h('label', {}, withResults, ' Include my results (final values and metrics, loss curves, backend and GPU)'),
    link,
    length,
    h('div', {class: 'dialog-actions'}, copy, h('form', {method: 'dialog'}, h('button', {type: 'submit'}, 'Close'))),
  );
  const update = () => {
    const nb = session.notebook;
    const encoded = encodeNotebook({title: nb.title, cells: nb.cells, snapshot: withResults.checked ? takeSnapshot(session) : undefined});
    link.value = shareUrl(location.href, encoded);
    const n = link.value.length;
    length.textContent = `${n.toLocaleString('en')} characters` + (n > SAFE_URL_LENGTH ? ` — longer than ${SAFE_URL_LENGTH.toLocaleString('en')}: some chat tools and browsers cut links this long. Share the exported .ipynb file instead, or shorten the notebook.` : '');
    length.classList.toggle('warn', n > SAFE_URL_LENGTH);
  };
  withResults.addEventListener('change', update);
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(link.value);
      copy.textContent = 'Copied';
    } catch {
      link.select();
      copy.textContent = 'Press Ctrl/⌘+C to copy';
    }
    setTimeout(() => (copy.textContent = 'Copy link'), 2000);
  });
  dialog.addEventListener('open-share', update);
  return dialog;
}
