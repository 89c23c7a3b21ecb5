/**
 * How cells are type-checked: the compiler options and the diagnostics that do not apply to cells. Shared by the
 * language service worker and the curriculum tests (tests/unit/curriculum), so a shipped notebook is checked exactly
 * as the editor checks it.
 */
import ts from 'typescript';

/** Diagnostics that do not apply to cells: top-level await/yield and for-await are fine in a cell. */
export const IGNORED_DIAGNOSTICS: ReadonlySet<number> = new Set([
  1375, // 'await' expressions are only allowed at the top level of a file when that file is a module
  1378, // top-level 'await' needs module/target options
  1431, // 'for await' loops are only allowed at the top level of a file when that file is a module
  1432, // top-level 'for await' needs module/target options
  1163, // a 'yield' expression is only allowed in a generator body
  2451, // cannot redeclare block-scoped variable: the kernel reports names defined twice (and lib globals clash)
  2300, // duplicate identifier: likewise
  80005, // 'require' call may be converted to an import (suggestion)
]);

/** TypeScript's lib files cells are checked against (a worker's globals: the kernel runs cells in one). */
export const CELL_LIBS: readonly string[] = ['lib.es2023.d.ts', 'lib.webworker.d.ts', 'lib.webworker.iterable.d.ts', 'lib.webworker.asynciterable.d.ts'];

/** Every cell is a script (not a module), so one cell's top-level names are visible in every other. */
export function cellCompilerOptions(): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: [...CELL_LIBS],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    moduleDetection: ts.ModuleDetectionKind.Legacy,
  };
}
