/**
 * Never losing work and sharing safely, in headless Chromium on the built app: a reload restores the notebook,
 * .ipynb export → import round-trips, and a share link opens in a fresh browser as a read-only copy that runs
 * nothing until asked, then runs correctly.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {useApp} from '../helpers/browser';
import {cell, openNotebook, output, setSource, status, waitForBackend, waitForStatus} from './helpers/notebook-page';
import type {Page} from 'playwright-core';

const app = useApp();

// A training cell: the Learner checkpoints every epoch through the cell context and resumes when asked.
const CHECKPOINTING = `const xs = Float32Array.from({length: 64}, (_, i) => i / 32 - 1);
const line = {x: xs, y: xs.map((v) => 3 * v + 1)};
const dls = DataLoaders.fromArrays({train: line, valid: line, itemShape: [1], target: 'regression'}, {batchSize: 16, checkLeakage: false});
const learn = new Learner(tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]}), dls, {loss: mseLoss(), opt: sgd(), progress: false});
const run = await learn.fit(3, 0.1);
\`ran \${run.epochs.length} epochs, now at epoch \${learn.epoch}\``;

/** Each cell's kind and source as the page shows them (editor text for code, the source for Markdown). */
async function cellsOf(page: Page): Promise<{kind: string; source: string}[]> {
  return page.evaluate(() => {
    const session = (globalThis as unknown as {deepSky: {session: {notebook: {cells: {kind: string; source: string}[]}}}}).deepSky.session;
    return session.notebook.cells.map(({kind, source}) => ({kind, source}));
  });
}

async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('status', {name: 'Save status'}).innerText()).toBe('Saved');
}

describe('persistence and sharing', () => {
  it('restores the notebook after a reload, and round-trips it through .ipynb export and import', async () => {
    const page = await openNotebook(app, 'Persistence', [
      {kind: 'markdown', source: '# Notes\n\nSome $x^2$ text.'},
      {source: 'const k = 3;'},
      {source: 'k * 2'},
      {source: CHECKPOINTING},
    ]);
    await page.getByRole('button', {name: 'Run cell 4', exact: true}).click();
    await waitForStatus(page, 4, 'done');
    expect(await output(page, 4)).toBe('ran 3 epochs, now at epoch 3');
    const title = page.getByRole('textbox', {name: 'Notebook title'});
    await title.fill('My notebook');
    await title.press('Enter');
    await setSource(page, 2, 'const k = 4;');
    await page.getByRole('button', {name: '+ Markdown'}).click();
    await page.keyboard.insertText('Added *after* opening.');
    await saved(page);
    const before = await cellsOf(page);
    expect(before).toEqual([
      {kind: 'markdown', source: '# Notes\n\nSome $x^2$ text.'},
      {kind: 'code', source: 'const k = 4;'},
      {kind: 'code', source: 'k * 2'},
      {kind: 'code', source: CHECKPOINTING},
      {kind: 'markdown', source: 'Added *after* opening.'},
    ]);

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await cellsOf(page)).toEqual(before);
    expect(await title.inputValue()).toBe('My notebook');
    expect(await page.getByRole('textbox', {name: 'Cell 2 code editor'}).innerText()).toBe('const k = 4;');
    // Outputs re-run on demand: nothing ran on reload.
    expect(await status(page, 3)).toBe('idle');
    await waitForBackend(page);
    await page.getByRole('button', {name: 'Run cell 3', exact: true}).click();
    await waitForStatus(page, 3, 'done');
    expect(await output(page, 3)).toBe('8');
    // Training survives the reload: the cell offers to resume from its checkpoint.
    const resumeOffer = page.getByRole('region', {name: 'Saved training of cell 4'});
    await expect.poll(() => resumeOffer.innerText().catch(() => ''), {timeout: 30_000}).toMatch(/saved after epoch 3/);
    await resumeOffer.getByRole('button', {name: 'Resume training'}).click();
    await waitForStatus(page, 4, 'done');
    // A fresh model, restored from the checkpoint: nothing is left to train.
    expect(await output(page, 4)).toBe('ran 0 epochs, now at epoch 3');

    const download = page.waitForEvent('download');
    await page.getByRole('button', {name: 'Export .ipynb'}).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('My-notebook.ipynb');
    const text = readFileSync(await file.path(), 'utf8');
    const ipynb = JSON.parse(text);
    expect(ipynb.nbformat).toBe(4);
    expect(ipynb.metadata.kernelspec.language).toBe('typescript');
    expect(ipynb.cells.map((c: {cell_type: string; source: string[]}) => [c.cell_type, c.source.join('')])).toEqual(before.map((c) => [c.kind, c.source]));

    const notebookId = () => page.evaluate(() => (globalThis as unknown as {deepSky: {session: {notebook: {id: string}}}}).deepSky.session.notebook.id);
    const exportedId = await notebookId();
    await page.getByLabel('Notebook file to import').setInputFiles({name: 'My-notebook.ipynb', mimeType: 'application/x-ipynb+json', buffer: Buffer.from(text)});
    await expect.poll(notebookId).not.toBe(exportedId);
    await expect.poll(() => cellsOf(page)).toEqual(before);
    expect(await title.inputValue()).toBe('My notebook');
    expect(app.errors).toEqual([]);
  });

  it('opens a share link in a fresh browser as a read-only copy that runs nothing until asked', async () => {
    const page = await openNotebook(app, 'Shared', [
      {kind: 'markdown', source: 'Shared *notes*.'},
      {source: 'const base = 20;'},
      {source: 'base + 22'},
    ]);
    await page.getByRole('button', {name: 'Run all'}).click();
    await waitForStatus(page, 3, 'done');
    await page.getByRole('button', {name: 'Share'}).click();
    const dialog = page.getByRole('dialog', {name: 'Share notebook'});
    await dialog.getByLabel(/Include my results/).check();
    const link = await dialog.getByRole('textbox', {name: 'Share link'}).inputValue();
    expect(link).toMatch(/#nb=[\w-]+$/);
    expect(await dialog.getByRole('status', {name: 'Link length'}).innerText()).toBe(`${link.length} characters`);

    const fresh = await app.browser().newContext();
    try {
      const other = await fresh.newPage();
      await other.goto(link);
      await other.waitForSelector('body[data-ready="true"]');
      expect(await other.getByRole('region', {name: 'Shared notebook'}).innerText()).toMatch(/Nothing has run/);
      expect(await cellsOf(other)).toEqual([
        {kind: 'markdown', source: 'Shared *notes*.'},
        {kind: 'code', source: 'const base = 20;'},
        {kind: 'code', source: 'base + 22'},
      ]);
      // The author's result is there to see, marked as such; nothing runs, and the code cannot be edited.
      expect(await cell(other, 3).locator('.output-snapshot').innerText()).toMatch(/author's result[\s\S]*42/);
      await waitForBackend(other);
      await other.waitForTimeout(1000);
      expect(await other.locator('section.cell').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.status))).toEqual(['idle', 'idle', 'idle']);
      expect(await other.getByRole('textbox', {name: 'Cell 2 code editor'}).getAttribute('contenteditable')).toBe('false');
      expect(other.url()).not.toContain('#nb=');

      await other.getByRole('region', {name: 'Shared notebook'}).getByRole('button', {name: 'Run all'}).click();
      await waitForStatus(other, 3, 'done');
      expect(await output(other, 3)).toBe('42');
    } finally {
      await fresh.close();
    }

    // A long notebook: the dialog warns that the link may be cut.
    await dialog.getByRole('button', {name: 'Close'}).click();
    let seed = 12345;
    const noise = Array.from({length: 12_000}, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return 'abcdefghijklmnopqrstuvwxyz0123456789'[(seed >> 8) % 36];
    }).join('');
    await setSource(page, 2, `const base = 20; // ${noise}`);
    await page.getByRole('button', {name: 'Share'}).click();
    expect(await dialog.getByRole('status', {name: 'Link length'}).innerText()).toMatch(/longer than 8,000/);
  });
});
