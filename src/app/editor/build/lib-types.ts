/**
 * Build time (Node): the files the editor's TypeScript language service needs, as a virtual file set — the
 * library's TypeScript sources (src/lib, reached from its index), the declaration files they reference (tfjs,
 * WebGPU types), TypeScript's own lib files for a worker, and a globals file that puts every library export and the
 * notebook's helpers in scope of every cell. Served to the page as one lazily loaded module. Only parsing and module
 * resolution happen here (no type check, no emit: seconds, not a minute); the language service checks what a cell
 * needs, when it needs it.
 */
import {readFileSync} from 'node:fs';
import {relative, resolve} from 'node:path';
import ts from 'typescript';
import {CELL_LIBS} from '../language-service/cell-check.ts';

export interface LibTypes {
  /** Virtual path (from the repository root, starting with `/`) → contents. */
  files: Record<string, string>;
  /** The files to load as roots (the globals file). */
  roots: string[];
  /** The library's export names (for completion ranking). */
  exports: string[];
}

const GLOBALS_PATH = '/deep-sky-globals.d.ts';

/** The notebook's own helpers every cell has, besides the library (see src/app/kernel/builtins). */
const NOTEBOOK_GLOBALS = `
  /** Shows a value under the cell (any value, a display spec, a tensor); an \`id\` updates that output in place. Returns the value. */
  function display<T>(value: T, options?: {id?: string} | string): T;
  /** Resolves when this cell is about to re-run or is deleted: clean up here. */
  const invalidation: Promise<void>;
  /** Rich HTML output (sanitised before it is shown). */
  function html(strings: TemplateStringsArray | string, ...values: unknown[]): {readonly $display: 'html'; html: string};
  /** Markdown output, with $math$ (sanitised before it is shown). */
  function md(strings: TemplateStringsArray | string, ...values: unknown[]): {readonly $display: 'markdown'; markdown: string};
  /** Waits \`ms\` milliseconds; rejects at once when the cell is interrupted or re-run. */
  function sleep(ms: number): Promise<void>;
  /** A slider under the cell; returns its value (\`value\`, default \`min\`, at first). Moving it re-runs the cell. */
  function slider(options: {min: number; max: number; step?: number; value?: number; label?: string}): number;
  /** A menu under the cell; returns the chosen option. Choosing re-runs the cell. */
  function select<T extends string>(options: readonly T[], settings?: {value?: T; label?: string}): T;
  /** A checkbox under the cell; returns whether it is ticked. */
  function checkbox(settings?: {value?: boolean; label?: string}): boolean;
  /**
   * A file picker and drop target under the cell: waits until files are picked, then returns them (read on demand).
   * Picking again re-runs the cell. \`accept\`: e.g. '.fits,.fit,.fz'; \`directory\`: pick a folder, keeping paths.
   */
  function fileInput(options?: {label?: string; accept?: string; multiple?: boolean; directory?: boolean}): Promise<DataFile[]>;
`;

export function collectLibTypes(root: string): LibTypes {
  const entry = resolve(root, 'src/lib/index.ts');
  const tsLibDir = resolve(root, 'node_modules/typescript/lib');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: [...CELL_LIBS],
    types: ['@webgpu/types'],
    strict: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    noEmit: true,
  };
  const program = ts.createProgram([entry], options);
  const files: Record<string, string> = {};
  const virtual = (path: string) => '/' + relative(root, path).split('\\').join('/');
  for (const sf of program.getSourceFiles()) files[virtual(sf.fileName)] = sf.text;
  for (const lib of CELL_LIBS) files[virtual(resolve(tsLibDir, lib))] ??= readFileSync(resolve(tsLibDir, lib), 'utf8');
  // Package manifests let module resolution find "types" entries.
  for (const path of Object.keys(files)) {
    const pkg = /^(\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
    if (pkg && !files[`${pkg}/package.json`]) {
      try {
        const manifest = JSON.parse(readFileSync(resolve(root, `.${pkg}/package.json`), 'utf8')) as Record<string, unknown>;
        files[`${pkg}/package.json`] = JSON.stringify({name: manifest.name, version: manifest.version, types: manifest.types, typings: manifest.typings, exports: manifest.exports, main: manifest.main, module: manifest.module});
      } catch {
        // no manifest: resolution falls back to index.d.ts
      }
    }
  }
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!);
  const exports = moduleSymbol ? checker.getExportsOfModule(moduleSymbol).map((s) => s.getName()).filter((n) => n !== 'default') : [];
  files[GLOBALS_PATH] = [
    `import * as __lib from './src/lib/index';`,
    'declare global {',
    ...exports.map((name) => `  export import ${name} = __lib.${name};`),
    NOTEBOOK_GLOBALS,
    '}',
    'export {};',
    '',
  ].join('\n');
  return {files, roots: [GLOBALS_PATH], exports};
}
