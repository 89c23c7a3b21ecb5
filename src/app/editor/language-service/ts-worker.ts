/// <reference lib="webworker" />
/**
 * The TypeScript language service, in its own worker, loaded only when an editor first needs it. Every code cell is
 * a script file (`/cells/<id>.ts`), so one cell's top-level names are visible, typed, in every other; the library
 * and the notebook helpers are globals (see build/lib-types.ts).
 */
import ts from 'typescript';
import type {LibTypes} from '../build/lib-types';
import {cellDiagnostics, cellPath, createCellLanguageService, type CellFile} from './cell-language-service';
import type {CellText, LsCompletion, LsDiagnostic, LsRequestName, LsRequests} from './protocol';

let service: Promise<ts.LanguageService> | undefined;
const cells = new Map<string, CellFile>();

async function languageService(): Promise<ts.LanguageService> {
  return (service ??= (async () => {
    const {default: types} = (await import('virtual:deep-sky/lib-types')) as {default: LibTypes};
    return createCellLanguageService(types, () => cells);
  })());
}

function flatten(message: string | ts.DiagnosticMessageChain): string {
  return ts.flattenDiagnosticMessageText(message, '\n');
}

const KIND_TO_TYPE: Record<string, string> = {
  function: 'function',
  method: 'method',
  'local function': 'function',
  class: 'class',
  interface: 'interface',
  type: 'type',
  enum: 'enum',
  var: 'variable',
  let: 'variable',
  const: 'constant',
  'local var': 'variable',
  property: 'property',
  getter: 'property',
  setter: 'property',
  module: 'namespace',
  alias: 'variable',
  keyword: 'keyword',
  parameter: 'variable',
};

const handlers: {[K in LsRequestName]: (args: LsRequests[K]['args']) => Promise<LsRequests[K]['result']>} = {
  update: async ({cells: next}: {cells: CellText[]}) => {
    const present = new Set(next.map((c) => c.id));
    for (const id of [...cells.keys()]) if (!present.has(id)) cells.delete(id);
    for (const {id, text} of next) {
      const old = cells.get(id);
      if (!old) cells.set(id, {text, version: 1});
      else if (old.text !== text) cells.set(id, {text, version: old.version + 1});
    }
  },
  diagnostics: async ({id}) => {
    const ls = await languageService();
    if (!cells.has(id)) return [];
    return cellDiagnostics(ls, id).map((d): LsDiagnostic => ({
        from: d.start!,
        to: d.start! + (d.length ?? 0),
        message: flatten(d.messageText),
        severity: d.category === ts.DiagnosticCategory.Error ? 'error' : d.category === ts.DiagnosticCategory.Warning ? 'warning' : 'info',
      }));
  },
  completions: async ({id, position}) => {
    const ls = await languageService();
    const path = cellPath(id);
    const text = cells.get(id)?.text ?? '';
    const info = ls.getCompletionsAtPosition(path, position, {includeCompletionsWithInsertText: true});
    if (!info) return null;
    let from = position;
    while (from > 0 && /[\w$]/.test(text[from - 1])) from--;
    const options: LsCompletion[] = info.entries.slice(0, 2000).map((e) => ({label: e.name, type: KIND_TO_TYPE[e.kind] ?? 'variable', rank: e.sortText}));
    return {from, options};
  },
  quickInfo: async ({id, position}) => {
    const ls = await languageService();
    const info = ls.getQuickInfoAtPosition(cellPath(id), position);
    if (!info) return null;
    return {
      from: info.textSpan.start,
      to: info.textSpan.start + info.textSpan.length,
      text: ts.displayPartsToString(info.displayParts),
      documentation: ts.displayPartsToString(info.documentation),
    };
  },
};

self.onmessage = async (event: MessageEvent<{id: number; name: LsRequestName; args: never}>) => {
  const {id, name, args} = event.data;
  try {
    const result = await (handlers[name] as (a: unknown) => Promise<unknown>)(args);
    self.postMessage({id, ok: true, result});
  } catch (error) {
    self.postMessage({id, ok: false, message: error instanceof Error ? error.message : String(error)});
  }
};
