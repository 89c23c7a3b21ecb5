/**
 * Notebooks in a URL: the fragment (never sent to a server) carries the notebook as JSON, deflated (fflate) and
 * base64url-encoded, optionally with a results snapshot. Links longer than about 8,000 characters get cut by some
 * chat tools and browsers, so the UI shows the length and warns past that.
 */
import {deflateSync, Inflate, strFromU8, strToU8} from 'fflate';
import {concatBytes} from '../../lib/data/bytes';
import type {Cell, CellSnapshot, ResultsSnapshot} from './model';
import {newCell} from './model';

export const SHARE_PARAM = 'nb';
/** Past this length some chat tools and browsers truncate links. */
export const SAFE_URL_LENGTH = 8000;
/** The most a shared notebook may inflate to: far beyond any real one, far below what would crash the tab. */
export const MAX_SHARED_BYTES = 16 * 1024 * 1024;

class TooLargeError extends Error {}

/** Inflates a link's payload, refusing one that grows past MAX_SHARED_BYTES (a tiny link can inflate to gigabytes). */
function inflateShared(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > MAX_SHARED_BYTES) throw new TooLargeError(`This link's notebook would be larger than ${MAX_SHARED_BYTES / 2 ** 20} MB unpacked; Deep Sky does not open it.`);
    chunks.push(chunk);
  });
  inflater.push(bytes, true);
  return concatBytes(chunks);
}

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
    json = strFromU8(inflateShared(fromBase64Url(encoded)));
  } catch (error) {
    if (error instanceof TooLargeError) throw error;
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
  const ids: unknown[] = Array.isArray(payload.ids) ? payload.ids : [];
  const cells = payload.cells.map((c, i) => {
    if (typeof c?.s !== 'string' || (c.k !== 'c' && c.k !== 'm')) throw new Error(`This link's notebook is damaged at cell ${i + 1}.`);
    const cell = newCell(c.k === 'c' ? 'code' : 'markdown', c.s);
    if (c.m) cell.manual = true;
    if (c.c) cell.collapsed = true;
    const id = ids[i];
    if (typeof id === 'string' && id) cell.id = id;
    return cell;
  });
  return {title: typeof payload.title === 'string' ? payload.title : 'Shared notebook', cells, snapshot: readSnapshot(payload.snapshot)};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A link's results snapshot, keeping only what has the expected shape: a damaged one must not break the page. */
function readSnapshot(value: unknown): ResultsSnapshot | undefined {
  if (!isRecord(value) || !isRecord(value.cells)) return undefined;
  const cells: Record<string, CellSnapshot> = {};
  for (const [id, raw] of Object.entries(value.cells)) {
    if (!isRecord(raw)) continue;
    const snap: CellSnapshot = {};
    if (typeof raw.text === 'string') snap.text = raw.text;
    if (isRecord(raw.metrics)) snap.metrics = raw.metrics as Record<string, number>;
    // NaN points arrive as null (JSON).
    if (Array.isArray(raw.curve) && raw.curve.every((v) => v === null || typeof v === 'number')) snap.curve = raw.curve as number[];
    cells[id] = snap;
  }
  const optional = (key: 'backend' | 'adapter') => (typeof value[key] === 'string' ? {[key]: value[key]} : {});
  return {
    takenAt: typeof value.takenAt === 'number' ? value.takenAt : 0,
    ...optional('backend'),
    ...optional('adapter'),
    ...(typeof value.seed === 'number' ? {seed: value.seed} : {}),
    cells,
  };
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
