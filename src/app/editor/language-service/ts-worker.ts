/// <reference lib="webworker" />
/**
 * The TypeScript language service, in its own worker, loaded only when an editor first needs it. Every code cell is
 * a script file (`/cells/<id>.ts`), so one cell's top-level names are visible, typed, in every other; the library
 * and the notebook helpers are globals (see build/lib-types.ts).
 */
import ts from 'typescript';
import type {LibTypes} from '../build/lib-types';
import type {CellText, LsCompletion, LsDiagnostic, LsRequestName, LsRequests} from './protocol';
import {cellCompilerOptions, IGNORED_DIAGNOSTICS} from './cell-check';

const CELL_DIR = '/cells/';
const cellPath = (id: string) => `${CELL_DIR}${id}.ts`;

let service: Promise<ts.LanguageService> | undefined;
const cells = new Map<string, {text: string; version: number}>();

async function languageService(): Promise<ts.LanguageService> {
  return (service ??= (async () => {
    const {default: types} = (await import('virtual:deep-sky/lib-types')) as {default: LibTypes};
    const files = new Map(Object.entries(types.files));
    const directories = new Set<string>();
    for (const path of files.keys()) {
      for (let dir = path.slice(0, path.lastIndexOf('/')); dir; dir = dir.slice(0, dir.lastIndexOf('/'))) directories.add(dir);
    }
    directories.add('/cells');
    const webgpu = [...files.keys()].find((p) => /^\/node_modules\/@webgpu\/types\/dist\/index\.d\.ts$/.test(p));
    const options = cellCompilerOptions();
    const read = (path: string) => (path.startsWith(CELL_DIR) ? cells.get(path.slice(CELL_DIR.length, -3))?.text : files.get(path));
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => options,
      getScriptFileNames: () => [...types.roots, ...(webgpu ? [webgpu] : []), ...[...cells.keys()].map(cellPath)],
      getScriptVersion: (path) => (path.startsWith(CELL_DIR) ? String(cells.get(path.slice(CELL_DIR.length, -3))?.version ?? 0) : '1'),
      getScriptSnapshot: (path) => {
        const text = read(path);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => '/',
      getDefaultLibFileName: () => '/node_modules/typescript/lib/lib.d.ts',
      fileExists: (path) => read(path) !== undefined,
      readFile: read,
      directoryExists: (dir) => directories.has(dir.replace(/\/$/, '')),
      getDirectories: (dir) => [...directories].filter((d) => d.startsWith(dir.replace(/\/$/, '') + '/') && !d.slice(dir.length + 1).includes('/')).map((d) => d.slice(d.lastIndexOf('/') + 1)),
    };
    return ts.createLanguageService(host, ts.createDocumentRegistry());
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
    const path = cellPath(id);
    if (!cells.has(id)) return [];
    const all = [...ls.getSyntacticDiagnostics(path), ...ls.getSemanticDiagnostics(path)];
    return all
      .filter((d) => !IGNORED_DIAGNOSTICS.has(d.code) && d.start !== undefined)
      .map((d): LsDiagnostic => ({
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
