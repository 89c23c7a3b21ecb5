import {readdirSync} from 'node:fs';
import {resolve} from 'node:path';
import {defineConfig} from 'vite';

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
  worker: {format: 'es'},
  build: {
    target: 'es2022',
    // tfjs and its backends are one large chunk by nature; say so only past 4 MB.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {input: {main: resolve(__dirname, 'index.html'), ...testPages}},
  },
  server: {host: 'localhost'},
  preview: {host: 'localhost'},
});
