import {readdirSync} from 'node:fs';
import {resolve} from 'node:path';
import {defineConfig} from 'vite';
import {libTypesPlugin} from './src/app/editor/build/lib-types-plugin';

// Browser tests may add pages of their own (tests/browser/pages/*.html); they are built only for the tests.
const testPagesDir = resolve(__dirname, 'tests/browser/pages');
const testPages =
  process.env.DEEP_SKY_TEST_PAGES === '1'
    ? Object.fromEntries(
        readdirSync(testPagesDir, {withFileTypes: true})
          .filter((f) => f.isFile() && f.name.endsWith('.html'))
          .map((f) => [`test-${f.name.replace(/\.html$/, '')}`, resolve(testPagesDir, f.name)]),
      )
    : {};

export default defineConfig({
  // The editor's type information about the library (loaded lazily by the language service worker).
  plugins: [libTypesPlugin(__dirname)],
  worker: {format: 'es', plugins: () => [libTypesPlugin(__dirname)]},
  build: {
    target: 'es2022',
    // tfjs with its backends (~4 MB) and plotly (~4.6 MB, loaded only when a plot first shows) are large by nature;
    // warn only past 5 MB.
    chunkSizeWarningLimit: 5120,
    rollupOptions: {input: {main: resolve(__dirname, 'index.html'), ...testPages}},
  },
  server: {host: 'localhost'},
  preview: {host: 'localhost'},
});
