/**
 * Vite plugin: `virtual:deep-sky/curriculum-titles` maps each shipped notebook (`/notebooks/….deepsky.md`) to the
 * title in its front matter, so the notebook list shows real titles without loading the notebooks. Read once per
 * build; in dev, again whenever a notebook changes.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import type {Plugin} from 'vite';
import {notebookMarkdownTitle} from '../front-matter.ts';

const ID = 'virtual:deep-sky/curriculum-titles';
const RESOLVED = '\0' + ID;

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
  let cached: string | undefined;
  return {
    name: 'deep-sky-curriculum-titles',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      cached ??= `export default ${JSON.stringify(curriculumTitles(root))};`;
      return cached;
    },
    handleHotUpdate({file, server}) {
      if (!file.includes('/notebooks/')) return;
      cached = undefined;
      const module = server.moduleGraph.getModuleById(RESOLVED);
      if (module) server.moduleGraph.invalidateModule(module);
    },
  };
}
