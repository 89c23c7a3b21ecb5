/**
 * TypeScript → JavaScript for one cell, by stripping types with sucrase (small, fast, keeps lines) and a source map
 * back to the cell's own lines and columns.
 */
import {transform} from 'sucrase';
import {GREATEST_LOWER_BOUND, TraceMap, originalPositionFor} from '@jridgewell/trace-mapping';
import {LineIndex, type Position} from './positions';
import {CompileError} from './compile-error';

export interface Transpiled {
  js: string;
  /** Maps a position in `js` to the TypeScript source (undefined where no token maps). */
  toSource(position: Position): Position | undefined;
}

export function transpile(source: string, fileName: string): Transpiled {
  let result;
  try {
    result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      keepUnusedImports: true,
      filePath: fileName,
      sourceMapOptions: {compiledFilename: fileName.replace(/\.ts$/, '.js')},
    });
  } catch (error) {
    const pos = (error as {pos?: number}).pos;
    const message = error instanceof Error ? error.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '') : String(error);
    throw new CompileError(`Syntax error: ${message}`, pos === undefined ? undefined : new LineIndex(source).position(pos));
  }
  const map = new TraceMap({...result.sourceMap!, version: 3, sources: [fileName], sourcesContent: [source]});
  return {
    js: result.code,
    toSource(position) {
      // trace-mapping: lines 1-based, columns 0-based.
      const original = originalPositionFor(map, {line: position.line, column: position.column - 1, bias: GREATEST_LOWER_BOUND});
      if (original.line == null || original.column == null) return undefined;
      return {line: original.line, column: original.column + 1};
    },
  };
}
