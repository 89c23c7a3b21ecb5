/**
 * Vite plugin: `virtual:deep-sky/curriculum-titles` maps each shipped notebook (`/notebooks/….deepsky.md`) to the
 * title in its front matter, so the notebook list shows real titles without loading the notebooks. Read once per
 * build; in dev, again whenever a notebook changes.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import type {Plugin} from 'vite';
import {virtualModulePlugin} from '../../build/virtual-module-plugin.ts';
import {notebookMarkdownTitle} from '../front-matter.ts';

export function curriculumTitles(root: string): Record<string, string> {
  const dir = join(root, 'notebooks');
  const titles: Record<string, string> = {};
  for (const name of readdirSync(dir, {recursive: true}) as string[]) {
    if (!name.endsWith('.deepsky.md')) continue;
    const title = notebookMarkdownTitle(readFileSync(join(dir, name), 'utf8'));
    if (title) titles['/' + relative(root, join(dir, name)).split('\\').join('/')] = title;
  }
  return titles;
}

export function curriculumTitlesPlugin(root: string): Plugin {
  return virtualModulePlugin({
    name: 'deep-sky-curriculum-titles',
    id: 'virtual:deep-sky/curriculum-titles',
    watch: ['/notebooks/'],
    data: () => curriculumTitles(root),
  });
}
