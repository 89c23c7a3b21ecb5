/**
 * Where the library runs. Node-only modules are imported through a computed specifier so bundlers leave them out of
 * the browser build; the calls happen only behind {@link isNode}.
 */

/** True in Node (tests, benchmarks, scripts), false in browsers and workers. */
export function isNode(): boolean {
  const proc = (globalThis as {process?: {versions?: {node?: string}}}).process;
  return typeof proc?.versions?.node === 'string';
}

/** Imports a Node built-in (e.g. `node:fs/promises`) at run time, invisibly to bundlers. Call only when `isNode()`. */
export function importNodeBuiltin<T>(specifier: `node:${string}`): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}
