import {readdirSync} from 'node:fs';
import {resolve} from 'node:path';
import {defineConfig} from 'vite';
import {libTypesPlugin} from './src/app/editor/build/lib-types-plugin.ts';
import {curriculumTitlesPlugin} from './src/app/notebook/build/curriculum-titles-plugin.ts';

// Browser tests may add pages of their own (tests/browser/pages/*.html); they are built only for the tests.
const testPagesDir = resolve(import.meta.dirname, 'tests/browser/pages');
const testPages =
  process.env.DEEP_SKY_TEST_PAGES === '1'
    ? Object.fromEntries(
        readdirSync(testPagesDir, {withFileTypes: true})
          .filter((f) => f.isFile() && f.name.endsWith('.html'))
          .map((f) => [`test-${f.name.replace(/\.html$/, '')}`, resolve(testPagesDir, f.name)]),
      )
    : {};

export default defineConfig({
  // The editor's type information about the library (loaded lazily by the language service worker), and the shipped
  // notebooks' titles for the notebook list.
  plugins: [libTypesPlugin(import.meta.dirname), curriculumTitlesPlugin(import.meta.dirname)],
  worker: {format: 'es', plugins: () => [libTypesPlugin(import.meta.dirname)]},
  build: {
    target: 'es2022',
    // tfjs with its backends (~4 MB) and plotly (~4.6 MB, loaded only when a plot first shows) are large by nature;
    // warn only past 5 MB.
    chunkSizeWarningLimit: 5120,
    rollupOptions: {input: {main: resolve(import.meta.dirname, 'index.html'), ...testPages}},
  },
  // Dependencies the kernel worker and lazily loaded modules import: pre-bundled when the dev server starts, so the
  // first page load does not find them late and reload itself.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-backend-wasm',
      '@observablehq/runtime',
      '@jridgewell/trace-mapping',
      'acorn',
      'sucrase',
      'typescript',
    ],
  },
  server: {host: 'localhost'},
  preview: {host: 'localhost'},
});
