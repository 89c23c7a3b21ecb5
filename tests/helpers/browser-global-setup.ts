/**
 * Once per browser-test run: build the app (as users get it) and serve it with `vite preview` on a free localhost
 * port. The URL reaches the tests through `inject('appUrl')`. Set DEEP_SKY_SKIP_BUILD=1 to reuse an existing dist/.
 */
import {existsSync} from 'node:fs';
import {build, preview, type PreviewServer} from 'vite';
import type {TestProject} from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DEEP_SKY_SKIP_BUILD !== '1' || !existsSync('dist/index.html')) {
    await build({logLevel: 'warn'});
  }
  const server: PreviewServer = await preview({preview: {port: 0, host: 'localhost', strictPort: false}, logLevel: 'warn'});
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('vite preview started but reported no local URL');
  }
  project.provide('appUrl', url);
  return async () => {
    await server.close();
  };
}
