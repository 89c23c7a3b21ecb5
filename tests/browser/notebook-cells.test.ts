/**
 * The notebook in headless Chromium, on the built app: reactivity, static errors, generators, errors at the cell's
 * own line, the TypeScript language service, and sanitised Markdown. One page per group of related checks.
 */
import {describe, expect, it} from 'vitest';
import {useApp} from '../helpers/browser';
import {cell, openNotebook, output, setSource, status, waitForStatus} from './helpers/notebook-page';

const app = useApp();

describe('notebook cells', () => {
  it('re-runs a chain of three cells after an edit, shows duplicate and cycle errors, streams a generator, and maps errors to cell lines', async () => {
    const page = await openNotebook(app, 'Reactivity', [
      {source: 'const a = 1;'},
      {source: 'const b = a * 2;'},
      {source: 'b + 1'},
      {source: 'for (let i = 1; i <= 4; i++) {\n  yield i * 10;\n  await sleep(400);\n}'},
      {source: 'const x = 1;\nconst y = (null as unknown as {foo: number}).foo;'},
      {source: 'notDefinedAnywhere + 1'},
      {source: 'tf.ones([2, 3]).matMul(tf.ones([2, 3]))'},
    ]);
    await page.getByRole('button', {name: 'Run all'}).click();
    await waitForStatus(page, 3, 'done');
    expect(await output(page, 3)).toBe('3');

    // The generator's output is replaced by each value it yields, while it runs.
    const seen: string[] = [];
    await expect
      .poll(async () => {
        const text = await output(page, 4);
        if (text && seen.at(-1) !== text) seen.push(text);
        return status(page, 4);
      }, {timeout: 30_000, interval: 100})
      .toBe('done');
    expect(seen.filter((s) => /^\d+$/.test(s)).map(Number)).toEqual([10, 20, 30, 40]);

    // Errors: at the cell's own line and column, with a hint for common mistakes.
    await waitForStatus(page, 5, 'error');
    expect(await output(page, 5)).toMatch(/TypeError: .*null.*\(line 2, column \d+\)/);
    await waitForStatus(page, 6, 'error');
    expect(await output(page, 6)).toMatch(/notDefinedAnywhere is not defined[\s\S]*No cell defines `notDefinedAnywhere`/);
    await waitForStatus(page, 7, 'error');
    expect(await output(page, 7)).toMatch(/Shape mismatch/);

    // Edit the head of the chain and run it: both dependants update.
    await setSource(page, 1, 'const a = 5;');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => output(page, 3), {timeout: 30_000}).toBe('11');
    expect(await output(page, 2)).toBe('b = 10');

    // A second definition of `a`, and a cycle: errors on every cell involved, before anything runs.
    await page.getByRole('button', {name: '+ Code'}).click();
    await page.keyboard.insertText('const a = 7;');
    for (const n of [1, 8]) {
      await expect.poll(() => cell(page, n).locator('.cell-static-error').innerText(), {timeout: 30_000}).toMatch(/`a` is defined more than once/);
    }
    await page.getByRole('button', {name: '+ Code'}).click();
    await page.keyboard.insertText('const p = q + 1;');
    await page.getByRole('button', {name: '+ Code'}).click();
    await page.keyboard.insertText('const q = p + 1;');
    await page.keyboard.press('Shift+Enter');
    for (const n of [9, 10]) {
      await expect.poll(() => cell(page, n).innerText(), {timeout: 30_000}).toMatch(/Circular definition: `[pq]` → `[pq]` → `[pq]`/);
    }
    await waitForStatus(page, 10, 'error');
    expect(app.errors).toEqual([]);
  });

  it('shows GPU telemetry per run and disposes what a re-run leaves behind; shows TypeScript errors inline and completes library functions', async () => {
    const page = await openNotebook(app, 'Types', [{source: 'const n: number = 1;'}, {source: 'const kept = tf.ones([4]).add(1);'}]);
    // `tf.ones` is never disposed and nothing refers to it: a leak, cleaned up when the cell runs again.
    const telemetry = cell(page, 2).locator('.cell-telemetry');
    await page.getByRole('button', {name: 'Run cell 2', exact: true}).click();
    await expect.poll(() => telemetry.innerText().catch(() => ''), {timeout: 60_000}).toMatch(/2 alive .* 1 leaked/);
    await page.getByRole('button', {name: 'Run cell 2', exact: true}).click();
    await expect.poll(() => telemetry.innerText(), {timeout: 30_000}).toMatch(/2 left by the previous run disposed/);

    const editor = page.getByRole('textbox', {name: 'Cell 1 code editor'});
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText("const n: number = 'text';\n");
    await page.keyboard.type('initBa');
    const completions = page.locator('.cm-tooltip-autocomplete');
    await expect.poll(() => completions.innerText().catch(() => ''), {timeout: 90_000}).toContain('initBackend');
    await page.keyboard.press('Escape');
    await expect.poll(() => cell(page, 1).locator('.cm-lintRange-error').count(), {timeout: 90_000}).toBeGreaterThan(0);
    // The message itself, from the editor's list of problems.
    await page.keyboard.press('ControlOrMeta+Shift+M');
    await expect.poll(() => page.locator('.cm-panel-lint').innerText().catch(() => ''), {timeout: 10_000}).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(app.errors).toEqual([]);
  });

  it('renders Markdown with math, but runs no script from it', async () => {
    const page = await openNotebook(app, 'Markdown', [
      {kind: 'markdown', source: '# Title\n\nInline $e^{i\\pi} = -1$ and a block:\n\n$$\\sum_x C_x$$\n\n<img src="x" onerror="globalThis.__xss = 1">\n\n<script>globalThis.__xss2 = 1</script>\n\n[a link](javascript:globalThis.__xss3=1)'},
    ], {editable: false});
    const view = cell(page, 1).locator('.markdown-view');
    await expect.poll(() => view.locator('.katex').count()).toBe(2);
    await expect.poll(() => view.locator('img').count()).toBe(1);
    expect(await view.locator('img').getAttribute('onerror')).toBeNull();
    expect(await view.locator('script').count()).toBe(0);
    // The javascript: URL is gone (so the anchor is no longer even a link).
    const link = view.locator('a', {hasText: 'a link'});
    expect(await link.getAttribute('href')).toBeNull();
    await link.click();
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => [globalThis.__xss, globalThis.__xss2, globalThis.__xss3].map(String))).toEqual(['undefined', 'undefined', 'undefined']);

    // The shortcuts are listed in the help panel.
    await page.locator('body').press('?');
    const help = page.getByRole('dialog', {name: 'Keyboard shortcuts'});
    await expect.poll(() => help.isVisible()).toBe(true);
    expect(await help.innerText()).toMatch(/Shift\+Enter[\s\S]*Ctrl\/⌘\+Enter[\s\S]*Alt\+Enter[\s\S]*Ctrl\/⌘\+I[\s\S]*Esc/);
  });
});

declare global {
  var __xss: unknown;
  var __xss2: unknown;
  var __xss3: unknown;
}
