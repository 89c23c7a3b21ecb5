/**
 * Browser tests: `useApp()` registers hooks that launch chromium once per test file and close it afterwards, whether
 * the tests passed or not. Each test opens the built app in a new page (a fresh context, so nothing leaks between
 * tests); the page's console errors are collected for assertions and failure messages.
 */
import {afterAll, afterEach, beforeAll, inject} from 'vitest';
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core';
import {chromiumLaunchOptions} from './chromium';

export interface AppHandle {
  /** Opens the app (optionally at a path or hash) in a fresh browser context. */
  open(path?: string): Promise<Page>;
  /** Console errors and uncaught page errors seen since the last `open`. */
  errors: string[];
  browser(): Browser;
}

export function useApp(): AppHandle {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    errors,
    browser: () => {
      if (!browser) throw new Error('useApp(): the browser is not running yet (call open() inside a test)');
      return browser;
    },
    async open(path = '/') {
      if (!browser) throw new Error('useApp(): the browser is not running yet (call open() inside a test)');
      errors.length = 0;
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`${msg.text()} (${msg.location().url || 'page'})`);
      });
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(new URL(path, inject('appUrl')).href);
      return page;
    },
  };
}
