/**
 * Vite plugin: `import('virtual:deep-sky/lib-types')` gives the language service worker the library's types (see
 * lib-types.ts). Collected once per build; in dev, again whenever a library file changes.
 */
import type {Plugin} from 'vite';
import {virtualModulePlugin} from '../../build/virtual-module-plugin.ts';
import {collectLibTypes} from './lib-types.ts';

export function libTypesPlugin(root: string): Plugin {
  return virtualModulePlugin({name: 'deep-sky-lib-types', id: 'virtual:deep-sky/lib-types', watch: ['/src/lib/'], data: () => collectLibTypes(root)});
}
