import {describe, expect, it} from 'vitest';
import type {Page} from 'playwright-core';
import {useApp} from '../helpers/browser';

const app = useApp();

interface PlotRenderTest {
  plotRenderTest: {line(losses: number[]): Promise<void>; image(): Promise<void>; table(): Promise<void>};
}

async function openTestPage(): Promise<{page: Page; scripts: string[]}> {
  const scripts: string[] = [];
  const page = await app.open('/tests/browser/pages/plot-render.html');
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.waitForFunction(() => 'plotRenderTest' in globalThis);
  return {page, scripts};
}

const isPlotly = (url: string) => /plotly/i.test(new URL(url).pathname);

describe('plot renderers in headless Chromium', () => {
  it('loads plotly only for the first plot, draws an SVG line, and updates it in place', async () => {
    const {page, scripts} = await openTestPage();
    const loadedAtStart = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(loadedAtStart.filter(isPlotly)).toEqual([]);
    expect(scripts.filter(isPlotly)).toEqual([]);

    await page.evaluate(() => (globalThis as unknown as PlotRenderTest).plotRenderTest.line([3, 2, 1.5, 1.2]));
    expect(scripts.filter(isPlotly)).toHaveLength(1);
    const line = page.locator('#line');
    await expect.poll(() => line.locator('svg.main-svg').count()).toBeGreaterThan(0);
    const path = line.locator('.scatterlayer .trace path.js-line');
    const before = await path.getAttribute('d');
    expect(before).toMatch(/^M[\d.]+,[\d.]+L/);
    // The title is the user's text, shown as text: no element was made from it.
    expect(await line.locator('.gtitle').textContent()).toBe('<img src=x onerror="window.hacked=1"> loss');
    expect(await line.locator('img').count()).toBe(0);
    expect(await line.getByRole('figure', {name: '<img src=x onerror="window.hacked=1"> loss'}).count()).toBe(1);

    // A live update: same output, same plot element, new path, no second download.
    const plotDiv = await line.locator('.js-plotly-plot').elementHandle();
    await page.evaluate(() => (globalThis as unknown as PlotRenderTest).plotRenderTest.line([3, 2, 1.5, 1.2, 0.4, 0.3, 0.2]));
    expect(await line.locator('.js-plotly-plot').count()).toBe(1);
    expect(await plotDiv!.evaluate((el) => el.isConnected)).toBe(true);
    expect(await path.getAttribute('d')).not.toBe(before);
    expect(scripts.filter(isPlotly)).toHaveLength(1);
    expect(await page.evaluate(() => 'hacked' in globalThis)).toBe(false);
    expect(app.errors).toEqual([]);
  });

  it('draws an image on a canvas with the right pixels and a table with escaped, sortable cells', async () => {
    const {page, scripts} = await openTestPage();
    await page.evaluate(() => (globalThis as unknown as PlotRenderTest).plotRenderTest.image());
    const canvas = page.getByRole('img', {name: 'three by two'});
    expect(await canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.height, c.style.imageRendering])).toEqual([3, 2, 'pixelated']);
    const pixel = await canvas.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(2, 1, 1, 1).data));
    expect(pixel).toEqual([10, 200, 30, 255]);
    expect(await page.locator('#image figcaption').textContent()).toBe('three by two');

    await page.evaluate(() => (globalThis as unknown as PlotRenderTest).plotRenderTest.table());
    const table = page.getByRole('table', {name: 'objects'});
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['name', 'mag [mag]']);
    const firstCells = () => table.locator('tbody tr td:first-child').allTextContents();
    expect(await firstCells()).toEqual(['<b>bold</b><script>window.hacked=1</script>', 'NGC 1300', 'M 31']);
    expect(await table.locator('tbody b, tbody script').count()).toBe(0);

    await table.getByRole('button', {name: 'mag'}).click();
    expect(await table.getByRole('columnheader', {name: 'mag'}).getAttribute('aria-sort')).toBe('ascending');
    expect(await firstCells()).toEqual(['M 31', 'NGC 1300', '<b>bold</b><script>window.hacked=1</script>']);
    await page.getByRole('searchbox', {name: 'Filter rows'}).fill('ngc');
    expect(await firstCells()).toEqual(['NGC 1300']);

    expect(scripts.filter(isPlotly)).toEqual([]);
    expect(await page.evaluate(() => 'hacked' in globalThis)).toBe(false);
    expect(app.errors).toEqual([]);
  });
});
