/**
 * The notebook app's startup in headless Chromium, on the production build served by `vite preview`, each run in a
 * fresh browser context (a first visit: nothing cached): milliseconds from navigation to an interactive notebook
 * (cells on screen and editable), to a ready kernel (backend started in its worker), and to the first cell's result.
 * Also reports the JavaScript the page itself loads before it is interactive, gzipped (the kernel and language
 * service workers, plotly and TypeScript load separately or later).
 */
import {readFileSync, rmSync} from 'node:fs';
import {resolve} from 'node:path';
import {gzipSync} from 'node:zlib';
import {chromium, type Browser} from 'playwright-core';
import {build, preview, type PreviewServer} from 'vite';
import type {Benchmark, Case} from '../harness';
import {chromiumLaunchOptions} from '../../tests/helpers/chromium';

const OUT_DIR = resolve(`.tmp/bench-app-${process.pid}`);

interface Timings {
  interactive: number;
  kernelReady: number;
  firstResult: number;
  scripts: string[];
}

let browser: Browser | undefined;
let server: PreviewServer | undefined;
let url = '';
let latest: Timings | undefined;

async function visit(): Promise<Timings> {
  const context = await browser!.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(() => performance.getEntriesByName('deep-sky:kernel-ready').length > 0, null, {timeout: 120_000});
    await page.getByRole('button', {name: 'Run cell 2'}).click();
    await page.waitForFunction(() => document.querySelectorAll<HTMLElement>('section.cell')[1]?.dataset.status === 'done', null, {timeout: 120_000});
    const firstResult = await page.evaluate(() => performance.now());
    const marks = await page.evaluate(() => ({
      interactive: performance.getEntriesByName('deep-sky:interactive')[0].startTime,
      kernelReady: performance.getEntriesByName('deep-sky:kernel-ready')[0].startTime,
      scripts: performance
        .getEntriesByType('resource')
        .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || ((e as PerformanceResourceTiming).initiatorType === 'link' && e.name.endsWith('.js')))
        .filter((e) => e.startTime < performance.getEntriesByName('deep-sky:interactive')[0].startTime)
        .map((e) => new URL(e.name).pathname),
    }));
    return {...marks, firstResult};
  } finally {
    await context.close();
  }
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

/**
 * The page's own chunks (static imports of index.html, and chunks it may import dynamically), by the build manifest:
 * so that scripts the kernel or language service workers fetch are not counted as the page's, whatever the
 * browser's resource timing attributes to the page.
 */
function pageChunks(): Set<string> {
  const manifest = JSON.parse(readFileSync(resolve(OUT_DIR, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(`/${chunk.file}`)) return;
    files.add(`/${chunk.file}`);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  visit('index.html');
  return files;
}

function initialJsGzipped(scripts: readonly string[]): {bytes: number; files: string[]} {
  const page = pageChunks();
  const files = [...new Set(scripts)].filter((f) => page.has(f));
  const bytes = files.reduce((sum, path) => sum + gzipSync(readFileSync(resolve(OUT_DIR, `.${path}`))).length, 0);
  return {bytes, files};
}

function timed(variant: string, pick: (t: Timings) => number): Case {
  return {
    variant,
    backend: 'chromium',
    run: async () => {
      // One visit serves all three cases of a round: the first case visits, the others read its numbers.
      if (variant === 'navigation → interactive notebook') latest = await visit();
      return pick(latest!);
    },
  };
}

export const appStartup: Benchmark = {
  name: 'app startup (vite preview, headless Chromium)',
  baseline: {variant: 'navigation → interactive notebook'},
  samples: 5,
  warmup: 1,
  maxSeconds: 240,
  async cases() {
    await build({logLevel: 'warn', build: {outDir: OUT_DIR, emptyOutDir: true, manifest: true}});
    server = await preview({build: {outDir: OUT_DIR}, preview: {port: 0, host: 'localhost', strictPort: false}, logLevel: 'warn'});
    url = server.resolvedUrls!.local[0];
    browser = await chromium.launch(chromiumLaunchOptions());
    const first = await visit();
    const {bytes, files} = initialJsGzipped(first.scripts);
    const notes = [
      `initial JavaScript of the page: ${(bytes / 1024).toFixed(0)} KB gzipped in ${files.length} files (target < 1,536 KB): ${files.join(', ')}`,
      'times are ms from navigation (performance.now() in the page); targets: interactive < 2,000 ms',
    ];
    const cases = [
      timed('navigation → interactive notebook', (t) => t.interactive),
      timed('navigation → kernel ready', (t) => t.kernelReady),
      timed('navigation → first cell result', (t) => t.firstResult),
    ];
    cases[cases.length - 1].teardown = async () => {
      await browser?.close();
      await server?.close();
      rmSync(OUT_DIR, {recursive: true, force: true});
    };
    return {cases, notes};
  },
};
