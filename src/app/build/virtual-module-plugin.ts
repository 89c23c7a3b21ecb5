/**
 * A Vite plugin that serves one virtual module (`import x from 'virtual:…'`) whose default export is data computed at
 * build time, computed once and again in dev whenever a file under one of `watch` changes.
 */
import type {Plugin} from 'vite';

export function virtualModulePlugin(options: {name: string; id: string; watch: readonly string[]; data: () => unknown}): Plugin {
  const resolved = '\0' + options.id;
  let cached: string | undefined;
  return {
    name: options.name,
    resolveId: (id) => (id === options.id ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      cached ??= `export default ${JSON.stringify(options.data())};`;
      return cached;
    },
    handleHotUpdate({file, server}) {
      if (!options.watch.some((dir) => file.includes(dir))) return;
      cached = undefined;
      const module = server.moduleGraph.getModuleById(resolved);
      if (module) server.moduleGraph.invalidateModule(module);
    },
  };
}
