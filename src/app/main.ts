/**
 * Deep Sky's page: opens the notebook (a shared link, `?src=`, the last one open, or the welcome notebook), shows
 * it, and connects it to the kernel worker that runs it.
 */
import './styles.css';
import {KernelClient} from './kernel/kernel-client';
import {NotebookStore} from './notebook/persistence';
import {registerInputs} from './render/input-renderer';
import {registerProgress} from './render/progress';
import {registerRichText} from './render/rich-text';
import {NotebookSession} from './session/notebook-session';
import {startupNotebook} from './session/notebook-library';
import {AppShell} from './ui/app-shell';
import {NotebookView} from './ui/notebook-view';
import {languageHooks} from './editor/language-hooks';

// Renderers of library display specs (plots, images, tables) register themselves from render/index.ts, written
// alongside this app; the glob keeps the app building while that file does not exist yet.
import.meta.glob('./render/index.ts', {eager: true});
registerProgress();
registerRichText();
registerInputs();

const kernel = new KernelClient();
// A handle for the browser tests and for curious users in the devtools console.
const handle: Record<string, unknown> = {kernel};
Object.assign(globalThis, {deepSky: handle});

const store = new NotebookStore();
const {notebook, notice} = await startupNotebook(store, location);
await store.setMeta('lastOpened', notebook.id);
const session = new NotebookSession(notebook, kernel, store);
const view = new NotebookView(session, languageHooks(session));
const shell = new AppShell(
  session,
  store,
  document.querySelector<HTMLElement>('#backend-badge')!,
  document.querySelector<HTMLElement>('#toolbar')!,
  document.querySelector<HTMLElement>('#app')!,
  view.el,
);
if (notice) shell.notify(notice, 'error');
if (store.unavailable) {
  shell.notify(`${store.unavailable} Notebooks are kept in this tab only: export them (.ipynb) to keep your work.`, 'error');
}
handle.session = session;
// The notebook is on screen and editable: what the startup benchmark measures.
document.body.dataset.ready = 'true';
performance.mark('deep-sky:interactive');
