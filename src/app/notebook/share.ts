/**
 * Notebooks in a URL: the fragment (never sent to a server) carries the notebook as JSON, deflated (fflate) and
 * base64url-encoded, optionally with a results snapshot. Links longer than about 8,000 characters get cut by some
 * chat tools and browsers, so the UI shows the length and warns past that.
 */
import {deflateSync, inflateSync, strFromU8, strToU8} from 'fflate';
import type {Cell, ResultsSnapshot} from './model';
import {newCell} from './model';

export const SHARE_PARAM = 'nb';
/** Past this length some chat tools and browsers truncate links. */
export const SAFE_URL_LENGTH = 8000;

interface Payload {
  v: 1;
  title: string;
  cells: {k: 'c' | 'm'; s: string; m?: 1; c?: 1}[];
  snapshot?: ResultsSnapshot;
  /** Ids of the cells, only when a snapshot refers to them. */
  ids?: string[];
}

export interface SharedNotebook {
  title: string;
  cells: Cell[];
  snapshot?: ResultsSnapshot;
}

export function encodeNotebook(notebook: {title: string; cells: readonly Cell[]; snapshot?: ResultsSnapshot}): string {
  const payload: Payload = {
    v: 1,
    title: notebook.title,
    cells: notebook.cells.map((c) => ({k: c.kind === 'code' ? 'c' : 'm', s: c.source, ...(c.manual ? {m: 1 as const} : {}), ...(c.collapsed ? {c: 1 as const} : {})})),
  };
  if (notebook.snapshot) {
    payload.snapshot = notebook.snapshot;
    payload.ids = notebook.cells.map((c) => c.id);
  }
  return toBase64Url(deflateSync(strToU8(JSON.stringify(payload)), {level: 9}));
}

export function decodeNotebook(encoded: string): SharedNotebook {
  let json: string;
  try {
    json = strFromU8(inflateSync(fromBase64Url(encoded)));
  } catch {
    throw new Error('This link does not contain a readable notebook: it may have been cut short when it was copied (links past ~8,000 characters often are).');
  }
  let payload: Payload;
  try {
    payload = JSON.parse(json) as Payload;
  } catch {
    throw new Error('This link contains a damaged notebook (its data is not valid JSON).');
  }
  if (payload?.v !== 1 || !Array.isArray(payload.cells)) {
    throw new Error(`This link's notebook format (version ${JSON.stringify(payload?.v)}) is not one this version of Deep Sky reads.`);
  }
  const cells = payload.cells.map((c, i) => {
    if (typeof c?.s !== 'string' || (c.k !== 'c' && c.k !== 'm')) throw new Error(`This link's notebook is damaged at cell ${i + 1}.`);
    const cell = newCell(c.k === 'c' ? 'code' : 'markdown', c.s);
    if (c.m) cell.manual = true;
    if (c.c) cell.collapsed = true;
    if (payload.ids?.[i]) cell.id = payload.ids[i];
    return cell;
  });
  return {title: typeof payload.title === 'string' ? payload.title : 'Shared notebook', cells, snapshot: payload.snapshot};
}

export function shareUrl(base: string, encoded: string): string {
  const url = new URL(base);
  url.search = '';
  url.hash = `${SHARE_PARAM}=${encoded}`;
  return url.href;
}

/** The encoded notebook in a location's fragment, if any. */
export function sharedPayloadOf(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(SHARE_PARAM) ?? undefined;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
