/**
 * Long-running cells in headless Chromium, on the built app: training keeps going while the page is hidden and the
 * editor stays responsive (the kernel is a worker), Interrupt stops training within a second, and Restart ends a
 * loop that never yields.
 */
import {describe, expect, it} from 'vitest';
import type {Page} from 'playwright-core';
import {useApp} from '../helpers/browser';
import {cell, openNotebook, output, status, waitForStatus} from './helpers/notebook-page';

const app = useApp();

const TRAINING = `const model = tf.sequential({layers: [tf.layers.dense({units: 8, inputShape: [4], activation: 'relu'}), tf.layers.dense({units: 1})]});
const optimizer = tf.train.sgd(0.01);
display(typeof (globalThis as {requestAnimationFrame?: unknown}).requestAnimationFrame, {id: 'raf'});
let step = 0;
while (true) {
  for (let i = 0; i < 4; i++) {
    const loss = optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs) as tf.Tensor), true)!;
    if (i === 3) await loss.data();
    loss.dispose();
    step++;
  }
  display(\`step \${step}\`, {id: 'step'});
}`;

async function steps(page: Page, n: number): Promise<number> {
  const match = /step (\d+)/.exec(await output(page, n));
  return match ? Number(match[1]) : 0;
}

/**
 * What a hidden tab does to a page in Chromium: visibilityState becomes "hidden", requestAnimationFrame stops
 * firing, and timers run at most about once a second. (Headless Chromium never hides a page by itself.)
 */
async function hidePage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'hidden'});
    Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});
    w.__restore = {raf: window.requestAnimationFrame, timeout: window.setTimeout, interval: window.setInterval};
    window.requestAnimationFrame = () => 0;
    const slow = <F extends (handler: TimerHandler, ms?: number, ...args: unknown[]) => number>(timer: F) =>
      ((handler: TimerHandler, ms = 0, ...args: unknown[]) => timer(handler, Math.max(ms, 1000), ...args)) as F;
    window.setTimeout = slow(window.setTimeout.bind(window)) as typeof window.setTimeout;
    window.setInterval = slow(window.setInterval.bind(window)) as typeof window.setInterval;
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

async function showPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const saved = (window as unknown as {__restore: {raf: typeof requestAnimationFrame; timeout: typeof setTimeout; interval: typeof setInterval}}).__restore;
    window.requestAnimationFrame = saved.raf;
    window.setTimeout = saved.timeout;
    window.setInterval = saved.interval;
    delete (document as unknown as Record<string, unknown>).visibilityState;
    delete (document as unknown as Record<string, unknown>).hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

describe('training in the notebook', () => {
  it('keeps training while the page is hidden, keeps the editor responsive, and stops within a second on Interrupt', async () => {
    const page = await openNotebook(app, 'Training', [
      {source: "const xs = tf.randomNormal([64, 4], 0, 1, 'float32', 1);\nconst ys = xs.sum(1, true);"},
      {source: TRAINING},
      {source: ''},
    ]);
    await page.getByRole('button', {name: 'Run all'}).click();
    await expect.poll(() => steps(page, 2), {timeout: 60_000}).toBeGreaterThan(3);
    // The kernel schedules on timers, not animation frames (which a hidden page stops).
    expect(await output(page, 2)).toContain('undefined');

    // The time 8 more steps take, visible and then hidden: training goes on at a comparable rate while hidden.
    const timeFor8Steps = async (timeout: number) => {
      const from = await steps(page, 2);
      const start = Date.now();
      await expect.poll(() => steps(page, 2), {timeout, interval: 50}).toBeGreaterThanOrEqual(from + 8);
      return Date.now() - start;
    };
    const visible = await timeFor8Steps(60_000);
    await hidePage(page);
    expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
    await timeFor8Steps(Math.max(4 * visible, 10_000));
    expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
    await showPage(page);

    // Typing while it trains: every key lands, and the page's event loop never stalls for long.
    await page.evaluate(() => {
      const w = window as unknown as {__lag: number};
      w.__lag = 0;
      let last = performance.now();
      setInterval(() => {
        const now = performance.now();
        w.__lag = Math.max(w.__lag, now - last - 20);
        last = now;
      }, 20);
    });
    await page.getByRole('textbox', {name: 'Cell 3 code editor'}).click();
    const text = 'const typedWhileTraining = 42;';
    await page.keyboard.type(text);
    await expect.poll(() => page.getByRole('textbox', {name: 'Cell 3 code editor'}).innerText()).toBe(text);
    expect(await page.evaluate(() => (window as unknown as {__lag: number}).__lag)).toBeLessThan(1000);
    expect(await status(page, 2)).toBe('running');

    // Interrupt: measured in the page, from the click to the cell reporting it stopped.
    const elapsed = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const target = document.querySelectorAll<HTMLElement>('section.cell')[1];
          const start = performance.now();
          new MutationObserver(() => {
            if (target.dataset.status === 'interrupted') resolve(performance.now() - start);
          }).observe(target, {attributes: true, attributeFilter: ['data-status']});
          [...document.querySelectorAll('button')].find((b) => b.textContent === 'Interrupt')!.click();
        }),
    );
    expect(elapsed).toBeLessThan(1000);
    const stoppedAt = await steps(page, 2);
    await page.waitForTimeout(1000);
    expect(await steps(page, 2)).toBe(stoppedAt);
    expect(app.errors).toEqual([]);
  });

  it('offers Restart kernel when Interrupt cannot stop a loop that never yields, and the new kernel works', async () => {
    const page = await openNotebook(app, 'Runaway', [{source: 'let spins = 0;\nwhile (true) spins++;'}, {source: '40 + 2'}]);
    await page.getByRole('button', {name: 'Run cell 1'}).click();
    await waitForStatus(page, 1, 'running');
    await page.getByRole('button', {name: 'Interrupt'}).click();
    const offer = page.getByRole('button', {name: 'Restart kernel now'});
    await expect.poll(() => offer.isVisible(), {timeout: 15_000}).toBe(true);
    await offer.click();
    await waitForStatus(page, 1, 'stale');
    expect(await cell(page, 1).locator('.cell-status').getAttribute('title')).toMatch(/kernel restarted/);
    await page.getByRole('button', {name: 'Run cell 2'}).click();
    await waitForStatus(page, 2, 'done');
    expect(await output(page, 2)).toBe('42');
    expect(await offer.count()).toBe(0);
  });
});
