/**
 * Type-checks notebook cells the way the editor does (src/app/editor/language-service/ts-worker.ts): the library's
 * types as the build collects them for the page (`collectLibTypes`, with a globals file that puts every library
 * export and the notebook helpers in scope), every cell a script file `/cells/<id>.ts` seeing the others' names, the
 * same compiler options and the same ignored diagnostics. A notebook calling a renamed function fails here.
 */
import ts from 'typescript';
import {resolve} from 'node:path';
import {collectLibTypes, type LibTypes} from '../../../src/app/editor/build/lib-types';
import {cellCompilerOptions, IGNORED_DIAGNOSTICS} from '../../../src/app/editor/language-service/cell-check';
import type {NotebookCodeCell} from '../../helpers/notebook-runner';

export interface CellDiagnostic {
  codeNumber: number;
  cellNumber: number;
  line: number;
  column: number;
  message: string;
  /** The offending line of the cell. */
  text: string;
}

const CELL_DIR = '/cells/';

/** A language service over the library's types; `check` swaps in one notebook's cells at a time. */
export class NotebookTypeChecker {
  private readonly service: ts.LanguageService;
  private cells = new Map<string, {text: string; version: number}>();
  private version = 0;

  constructor(types: LibTypes = collectLibTypes(resolve(import.meta.dirname, '../../..'))) {
    const files = new Map(Object.entries(types.files));
    const directories = new Set<string>(['/cells']);
    for (const path of files.keys()) {
      for (let dir = path.slice(0, path.lastIndexOf('/')); dir; dir = dir.slice(0, dir.lastIndexOf('/'))) directories.add(dir);
    }
    const webgpu = [...files.keys()].filter((p) => p === '/node_modules/@webgpu/types/dist/index.d.ts');
    const read = (path: string) => (path.startsWith(CELL_DIR) ? this.cells.get(path.slice(CELL_DIR.length, -3))?.text : files.get(path));
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: cellCompilerOptions,
      getScriptFileNames: () => [...types.roots, ...webgpu, ...[...this.cells.keys()].map((id) => `${CELL_DIR}${id}.ts`)],
      getScriptVersion: (path) => (path.startsWith(CELL_DIR) ? String(this.cells.get(path.slice(CELL_DIR.length, -3))?.version ?? 0) : '1'),
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
        [...directories].filter((d) => d.startsWith(dir.replace(/\/$/, '') + '/') && !d.slice(dir.length + 1).includes('/')).map((d) => d.slice(d.lastIndexOf('/') + 1)),
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** Errors (and warnings) the editor would underline in these cells. */
  check(code: readonly NotebookCodeCell[]): CellDiagnostic[] {
    this.version++;
    this.cells = new Map(code.map((c) => [`c${c.codeNumber}`, {text: c.source, version: this.version}]));
    return code.flatMap((cell) => {
      const path = `${CELL_DIR}c${cell.codeNumber}.ts`;
      const all = [...this.service.getSyntacticDiagnostics(path), ...this.service.getSemanticDiagnostics(path)];
      return all
        .filter((d) => !IGNORED_DIAGNOSTICS.has(d.code) && d.start !== undefined && d.category !== ts.DiagnosticCategory.Suggestion)
        .map((d) => {
          const before = cell.source.slice(0, d.start);
          const line = before.split('\n').length;
          return {
            codeNumber: cell.codeNumber,
            cellNumber: cell.cellNumber,
            line,
            column: d.start! - before.lastIndexOf('\n'),
            message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
            text: cell.source.split('\n')[line - 1],
          };
        });
    });
  }
}

/** Diagnostics as readable lines: `code cell 3 (cell 7), line 2:5: message` and the line itself. */
export function formatDiagnostics(diagnostics: readonly CellDiagnostic[]): string {
  return diagnostics.map((d) => `code cell ${d.codeNumber} (cell ${d.cellNumber}), line ${d.line}:${d.column}: ${d.message}\n    ${d.line} | ${d.text}`).join('\n');
}
