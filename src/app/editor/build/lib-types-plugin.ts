/**
 * Vite plugin: `import('virtual:deep-sky/lib-types')` gives the language service worker the library's types (see
 * lib-types.ts). Collected once per build; in dev, again whenever a library file changes.
 */
import type {Plugin} from 'vite';
import {collectLibTypes} from './lib-types.ts';

const ID = 'virtual:deep-sky/lib-types';
const RESOLVED = '\0' + ID;

export function libTypesPlugin(root: string): Plugin {
  let cached: string | undefined;
  return {
    name: 'deep-sky-lib-types',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      cached ??= `export default ${JSON.stringify(collectLibTypes(root))};`;
      return cached;
    },
    handleHotUpdate({file, server}) {
      if (!file.includes('/src/lib/')) return;
      cached = undefined;
      const module = server.moduleGraph.getModuleById(RESOLVED);
      if (module) server.moduleGraph.invalidateModule(module);
    },
  };
}
