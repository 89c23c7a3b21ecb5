/**
 * Completion and inline type errors for code cells, from the TypeScript language service. It loads lazily (in its
 * own worker), a moment after the page is up or as soon as someone types, so it never delays opening a notebook.
 * When one cell changes, the others are checked again (they may use its names).
 */
import type {CompletionSource} from '@codemirror/autocomplete';
import {forceLinting, type Diagnostic, type LintSource} from '@codemirror/lint';
import type {EditorView} from '@codemirror/view';
import type {NotebookSession} from '../session/notebook-session';
import type {LanguageHooks} from '../ui/notebook-view';
import {LanguageServiceClient} from './language-service/client';

const START_AFTER_MS = 2500;
const RELINT_OTHERS_MS = 700;

export function languageHooks(session: NotebookSession): LanguageHooks {
  const client = new LanguageServiceClient();
  const views = new Map<string, EditorView>();
  let started = false;
  let startedSignal: () => void;
  const ready = new Promise<void>((resolve) => (startedSignal = resolve));
  const start = () => {
    if (started) return;
    started = true;
    startedSignal();
  };
  setTimeout(start, START_AFTER_MS);
  let lastTexts = '';
  let relintTimer: ReturnType<typeof setTimeout> | undefined;

  const sync = async () => {
    const cells = session.notebook.cells.filter((c) => c.kind === 'code').map((c) => ({id: c.id, text: c.source}));
    const texts = JSON.stringify(cells);
    if (texts === lastTexts) return false;
    lastTexts = texts;
    await client.request('update', {cells});
    return true;
  };

  const lint = (cellId: string): LintSource => async (view) => {
    views.set(cellId, view);
    if (view.hasFocus) start();
    await ready;
    const changed = await sync();
    const diagnostics = await client.request('diagnostics', {id: cellId});
    if (changed) {
      clearTimeout(relintTimer);
      relintTimer = setTimeout(() => {
        for (const [id, other] of views) {
          // An editor that has left the page (its cell deleted or rebuilt) is forgotten; a new one registers on its first lint.
          if (!other.dom.isConnected) views.delete(id);
          else if (id !== cellId) forceLinting(other);
        }
      }, RELINT_OTHERS_MS);
    }
    const length = view.state.doc.length;
    return diagnostics.map((d): Diagnostic => ({from: Math.min(d.from, length), to: Math.min(Math.max(d.to, d.from), length), severity: d.severity, message: d.message, source: 'TypeScript'}));
  };

  const completion = (cellId: string): CompletionSource => async (context) => {
    const word = context.matchBefore(/[\w$]*/);
    const afterDot = /\.\s*$/.test(context.state.sliceDoc(Math.max(0, (word?.from ?? context.pos) - 2), word?.from ?? context.pos));
    if (!context.explicit && !afterDot && (!word || word.from === word.to)) return null;
    start();
    await ready;
    await sync();
    const result = await client.request('completions', {id: cellId, position: context.pos});
    if (!result || context.aborted) return null;
    return {
      from: result.from,
      options: result.options.map((o) => ({label: o.label, type: o.type, boost: o.rank.startsWith('1') ? 2 : o.rank.startsWith('0') ? 3 : 0})),
      validFor: /^[\w$]*$/,
    };
  };

  const hover = (cellId: string) => async (position: number) => {
    if (!started) return null;
    await sync();
    return client.request('quickInfo', {id: cellId, position});
  };

  return {lint, completion, hover};
}
