/**
 * Type-checks notebook cells the way the editor does (src/app/editor/language-service/ts-worker.ts): the library's
 * types as the build collects them for the page (`collectLibTypes`, with a globals file that puts every library
 * export and the notebook helpers in scope), every cell a script file `/cells/<id>.ts` seeing the others' names, the
 * same compiler options and the same ignored diagnostics. A notebook calling a renamed function fails here.
 */
import ts from 'typescript';
import {resolve} from 'node:path';
import {collectLibTypes, type LibTypes} from '../../../src/app/editor/build/lib-types';
import {cellDiagnostics, createCellLanguageService, type CellFile} from '../../../src/app/editor/language-service/cell-language-service';
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

/** A language service over the library's types; `check` swaps in one notebook's cells at a time. */
export class NotebookTypeChecker {
  private readonly service: ts.LanguageService;
  private cells = new Map<string, CellFile>();
  private version = 0;

  constructor(types: LibTypes = collectLibTypes(resolve(import.meta.dirname, '../../..'))) {
    this.service = createCellLanguageService(types, () => this.cells);
  }

  /** Errors (and warnings) the editor would underline in these cells. */
  check(code: readonly NotebookCodeCell[]): CellDiagnostic[] {
    this.version++;
    this.cells = new Map(code.map((c) => [`c${c.codeNumber}`, {text: c.source, version: this.version}]));
    return code.flatMap((cell) => {
      return cellDiagnostics(this.service, `c${cell.codeNumber}`)
        .filter((d) => d.category !== ts.DiagnosticCategory.Suggestion)
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
