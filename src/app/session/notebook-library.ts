/**
 * Finding and making notebooks: the one to open at start (a shared link, `?src=`, the last one open, or the
 * welcome notebook), local notebooks, the shipped curriculum, imported files. Anything that comes from elsewhere
 * becomes a new local copy; nothing here ever overwrites a notebook the user has.
 */
import {asNewCopy, newNotebook, type Notebook} from '../notebook/model';
import type {NotebookStore} from '../notebook/persistence';
import {curriculum, loadCurriculum, parseNotebookFile, titleFromPath} from '../notebook/curriculum';
import {decodeNotebook, sharedPayloadOf} from '../notebook/share';

export interface Startup {
  notebook: Notebook;
  /** Something to tell the user (a link that could not be read, warnings from an import). */
  notice?: string;
}

export async function startupNotebook(store: NotebookStore, location: Location): Promise<Startup> {
  const params = new URLSearchParams(location.search);
  const payload = sharedPayloadOf(location.hash);
  const src = params.get('src');
  let notice: string | undefined;
  if (payload) {
    try {
      const shared = decodeNotebook(payload);
      const notebook = asNewCopy({...shared, createdAt: 0, updatedAt: 0, origin: {kind: 'local'}}, {kind: 'link', from: 'a share link', receivedAt: Date.now()}, true);
      await store.save(notebook);
      forgetUrlPayload(location);
      return {notebook};
    } catch (error) {
      notice = (error as Error).message;
    }
  } else if (src) {
    try {
      const notebook = await fetchNotebook(src);
      await store.save(notebook);
      forgetUrlPayload(location);
      return {notebook};
    } catch (error) {
      notice = `Could not open the notebook at ${src}: ${(error as Error).message}`;
    }
  }
  forgetUrlPayload(location);
  const last = await store.getMeta<string>('lastOpened');
  const lastNotebook = last ? await store.load(last) : undefined;
  if (lastNotebook) return {notebook: lastNotebook, notice};
  const [recent] = await store.list();
  const recentNotebook = recent ? await store.load(recent.id) : undefined;
  if (recentNotebook) return {notebook: recentNotebook, notice};
  return {notebook: await welcomeNotebook(store), notice};
}

/** Removes `#nb=…` / `?src=…` from the address bar, so a reload opens the saved copy instead of another one. */
function forgetUrlPayload(location: Location): void {
  if (location.hash || location.search) history.replaceState(null, '', location.pathname);
}

async function fetchNotebook(src: string): Promise<Notebook> {
  let url: URL;
  try {
    url = new URL(src, location.href);
  } catch {
    throw new Error('that is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`only http(s) URLs can be opened, not ${url.protocol}`);
  const response = await fetch(url, {credentials: 'omit'});
  if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}.`);
  const text = await response.text();
  const parsed = parseNotebookFile(text, url.pathname);
  return asNewCopy({...parsed, createdAt: 0, updatedAt: 0, origin: {kind: 'local'}}, {kind: 'link', from: url.href, receivedAt: Date.now()}, true);
}

export async function welcomeNotebook(store: NotebookStore): Promise<Notebook> {
  const first = curriculum()[0];
  const notebook = first ? await openCurriculum(store, first.path) : newNotebook();
  await store.save(notebook);
  return notebook;
}

/** Opens a shipped notebook: the user's own copy if they have one, else a new copy. */
export async function openCurriculum(store: NotebookStore, path: string): Promise<Notebook> {
  for (const summary of await store.list()) {
    if (summary.origin.kind === 'curriculum' && summary.origin.path === path) {
      const existing = await store.load(summary.id);
      if (existing) return existing;
    }
  }
  const parsed = await loadCurriculum(path);
  const notebook = asNewCopy({...parsed, createdAt: 0, updatedAt: 0, origin: {kind: 'local'}}, {kind: 'curriculum', path}, false);
  await store.save(notebook);
  return notebook;
}

/** Imports a file the user picked (.ipynb or .deepsky.md) as a new local notebook. */
export async function importFile(store: NotebookStore, file: File): Promise<{notebook: Notebook; warnings: string[]}> {
  const text = await file.text();
  const parsed = parseNotebookFile(text, file.name);
  const notebook = asNewCopy({title: parsed.title || titleFromPath(file.name), cells: parsed.cells, createdAt: 0, updatedAt: 0, origin: {kind: 'local'}}, {kind: 'local'}, false);
  await store.save(notebook);
  return {notebook, warnings: parsed.warnings ?? []};
}
