/** Launch options for Debian's chromium with WebGPU on (SwiftShader when there is no GPU) and no network chatter. */
import type {LaunchOptions} from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Playwright gives every launch a fresh temporary --user-data-dir and removes it on close. */
export function chromiumLaunchOptions(): LaunchOptions {
  return {executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS};
}
