/**
 * The TypeScript language service the editor runs (in its worker) and the curriculum tests run (in Node): the
 * library's types as the build collects them (with the globals file that puts every library export and the notebook
 * helpers in scope), every code cell a script file `/cells/<id>.ts` that sees the other cells' top-level names.
 */
import ts from 'typescript';
import type {LibTypes} from '../build/lib-types';
import {cellCompilerOptions, IGNORED_DIAGNOSTICS} from './cell-check';

const CELL_DIR = '/cells/';
const WEBGPU_TYPES = '/node_modules/@webgpu/types/dist/index.d.ts';

/** The script path of a cell. */
export const cellPath = (id: string) => `${CELL_DIR}${id}.ts`;

/** A cell's text and a version that changes whenever the text does. */
export interface CellFile {
  text: string;
  version: number;
}

/** A language service over `types` and the cells `cells()` returns when asked (so callers may swap or edit them). */
export function createCellLanguageService(types: LibTypes, cells: () => ReadonlyMap<string, CellFile>): ts.LanguageService {
  const files = new Map(Object.entries(types.files));
  const directories = new Set<string>([CELL_DIR.slice(0, -1)]);
  for (const path of files.keys()) {
    for (let dir = path.slice(0, path.lastIndexOf('/')); dir; dir = dir.slice(0, dir.lastIndexOf('/'))) directories.add(dir);
  }
  const extraRoots = files.has(WEBGPU_TYPES) ? [WEBGPU_TYPES] : [];
  const options = cellCompilerOptions();
  const cellOf = (path: string) => (path.startsWith(CELL_DIR) ? cells().get(path.slice(CELL_DIR.length, -3)) : undefined);
  const read = (path: string) => (path.startsWith(CELL_DIR) ? cellOf(path)?.text : files.get(path));
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...types.roots, ...extraRoots, ...[...cells().keys()].map(cellPath)],
    getScriptVersion: (path) => (path.startsWith(CELL_DIR) ? String(cellOf(path)?.version ?? 0) : '1'),
    getScriptSnapshot: (path) => {
      const text = read(path);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => '/',
    getDefaultLibFileName: () => '/node_modules/typescript/lib/lib.d.ts',
    fileExists: (path) => read(path) !== undefined,
    readFile: read,
    directoryExists: (dir) => directories.has(dir.replace(/\/$/, '')),
    getDirectories: (dir) =>
      [...directories]
        .filter((d) => d.startsWith(dir.replace(/\/$/, '') + '/') && !d.slice(dir.length + 1).includes('/'))
        .map((d) => d.slice(d.lastIndexOf('/') + 1)),
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

/** The diagnostics the editor shows for one cell (syntax and types, less those that make no sense in a cell). */
export function cellDiagnostics(service: ts.LanguageService, id: string): ts.Diagnostic[] {
  const path = cellPath(id);
  return [...service.getSyntacticDiagnostics(path), ...service.getSemanticDiagnostics(path)].filter(
    (d) => !IGNORED_DIAGNOSTICS.has(d.code) && d.start !== undefined,
  );
}
