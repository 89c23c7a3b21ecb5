/**
 * The notebooks shipped in `notebooks/` (`*.deepsky.md`, `*.ipynb`): listed without loading them, each loaded (as
 * its own small chunk) when opened.
 */
import {parseNotebookMarkdown} from './markdown-format';
import {fromIpynb} from './ipynb';
import type {Cell} from './model';
import titles from 'virtual:deep-sky/curriculum-titles';

const files = import.meta.glob<string>(['/notebooks/**/*.deepsky.md', '/notebooks/**/*.ipynb'], {query: '?raw', import: 'default'});

export interface CurriculumEntry {
  path: string;
  /** The notebook's own title (front matter), else from the file name: `01-gradient-descent.deepsky.md` → "01 gradient descent". */
  title: string;
}

export function curriculum(): CurriculumEntry[] {
  return Object.keys(files)
    .sort()
    .map((path) => ({path, title: titles[path] ?? titleFromPath(path)}));
}

export async function loadCurriculum(path: string): Promise<{title: string; cells: Cell[]}> {
  const load = files[path];
  if (!load) throw new Error(`No shipped notebook at ${path}.`);
  const text = await load();
  return parseNotebookFile(text, path);
}

/** Reads a notebook file of either format (by name, or by content when the name says nothing). */
export function parseNotebookFile(text: string, name: string): {title: string; cells: Cell[]; warnings?: string[]} {
  const fallback = titleFromPath(name);
  if (/\.ipynb$/i.test(name) || /^\s*\{/.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${name} is not valid JSON, so it cannot be a Jupyter notebook: ${(error as Error).message}`);
    }
    return fromIpynb(json, fallback);
  }
  return parseNotebookMarkdown(text, fallback);
}

export function titleFromPath(path: string): string {
  const file = path.split(/[/?#]/).filter(Boolean).pop() ?? path;
  return file.replace(/\.(deepsky\.md|ipynb|md)$/i, '').replace(/[-_]+/g, ' ').trim() || 'Untitled notebook';
}
