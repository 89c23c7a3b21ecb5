/**
 * Jupyter notebooks (nbformat 4) in and out. Code cells are TypeScript (the kernelspec and language_info say so);
 * Markdown cells round-trip unchanged; a cell's Deep Sky flags live in its metadata. Importing checks the shape and
 * says what is wrong rather than guessing.
 */
import {newCell, type Cell} from './model';

export interface IpynbNotebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: IpynbCell[];
}

interface IpynbCell {
  cell_type: 'code' | 'markdown' | 'raw';
  id?: string;
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
}

/** nbformat stores text as lines, each but the last ending in a newline. */
function toLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line)).filter((l) => l !== '');
}

export function toIpynb(notebook: {title: string; cells: readonly Cell[]}): IpynbNotebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: {name: 'deep-sky-typescript', display_name: 'TypeScript (Deep Sky)', language: 'typescript'},
      language_info: {name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript'},
      title: notebook.title,
    },
    cells: notebook.cells.map((cell): IpynbCell => {
      const flags = {...(cell.manual ? {manual: true} : {}), ...(cell.collapsed ? {collapsed: true} : {})};
      const metadata: Record<string, unknown> = Object.keys(flags).length ? {deepSky: flags} : {};
      if (cell.collapsed) metadata.jupyter = {source_hidden: true};
      return cell.kind === 'code'
        ? {cell_type: 'code', id: cell.id, source: toLines(cell.source), metadata, outputs: [], execution_count: null}
        : {cell_type: 'markdown', id: cell.id, source: toLines(cell.source), metadata};
    }),
  };
}

export interface ImportedNotebook {
  title: string;
  cells: Cell[];
  /** Things the user should know (e.g. the code is Python). */
  warnings: string[];
}

export function fromIpynb(json: unknown, fallbackTitle = 'Imported notebook'): ImportedNotebook {
  if (typeof json !== 'object' || json === null) throw new Error('Not a Jupyter notebook: the file is not a JSON object.');
  const nb = json as Partial<IpynbNotebook> & {nbformat?: unknown};
  if (nb.nbformat !== 4) {
    throw new Error(`Unsupported Jupyter notebook format: nbformat ${JSON.stringify(nb.nbformat)} (only nbformat 4 can be imported; convert older notebooks with \`jupyter nbconvert --to notebook\`).`);
  }
  if (!Array.isArray(nb.cells)) throw new Error('Not a valid Jupyter notebook: "cells" is missing or not a list.');
  const warnings: string[] = [];
  const metadata = (nb.metadata ?? {}) as Record<string, {language?: string; name?: string} | string | undefined>;
  const language = (metadata.kernelspec as {language?: string} | undefined)?.language ?? (metadata.language_info as {name?: string} | undefined)?.name;
  if (language && !/^(typescript|javascript|ts|js)$/i.test(language)) {
    warnings.push(`This notebook's code is ${language}; its code cells were imported as they are and will need rewriting in TypeScript.`);
  }
  const cells = nb.cells.map((raw, index): Cell => {
    const c = raw as Partial<IpynbCell>;
    if (typeof c !== 'object' || c === null || typeof c.cell_type !== 'string') throw new Error(`Not a valid Jupyter notebook: cell ${index + 1} has no cell_type.`);
    const source = Array.isArray(c.source) ? c.source.join('') : typeof c.source === 'string' ? c.source : '';
    if (c.cell_type === 'raw') warnings.push(`Cell ${index + 1} is a raw cell; it was imported as Markdown.`);
    const cell = newCell(c.cell_type === 'code' ? 'code' : 'markdown', source);
    const flags = (c.metadata?.deepSky ?? {}) as {manual?: boolean; collapsed?: boolean};
    if (flags.manual) cell.manual = true;
    if (flags.collapsed || (c.metadata?.jupyter as {source_hidden?: boolean} | undefined)?.source_hidden) cell.collapsed = true;
    return cell;
  });
  const title = typeof metadata.title === 'string' && metadata.title ? metadata.title : fallbackTitle;
  return {title, cells, warnings};
}
