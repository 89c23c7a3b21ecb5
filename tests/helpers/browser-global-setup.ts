/**
 * Once per browser-test run: build the app (as users get it, plus the test-only pages in tests/browser/pages) into
 * a folder of this run's own, and serve it with `vite preview` on a free localhost port. The URL reaches the tests
 * through `inject('appUrl')`. Teardown stops the server and removes the build.
 */
import {rmSync} from 'node:fs';
import {build, preview, type PreviewServer} from 'vite';
import type {TestProject} from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = `.tmp/app-build-${process.pid}`;
  process.env.DEEP_SKY_TEST_PAGES = '1';
  await build({logLevel: 'warn', build: {outDir, emptyOutDir: true}});
  let server: PreviewServer | undefined;
  const cleanup = async () => {
    await server?.close();
    rmSync(outDir, {recursive: true, force: true});
  };
  try {
    server = await preview({build: {outDir}, preview: {port: 0, host: 'localhost', strictPort: false}, logLevel: 'warn'});
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview started but reported no local URL');
    project.provide('appUrl', url);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return cleanup;
}
