/**
 * Browser-test helpers for the notebook UI: open a notebook made in the test (through a share link, the way a
 * notebook arrives from someone else), and read and edit cells the way a person would.
 */
import {expect} from 'vitest';
import type {Locator, Page} from 'playwright-core';
import type {AppHandle} from '../../helpers/browser';
import {encodeNotebook} from '../../../src/app/notebook/share';
import {newCell, type CellKind} from '../../../src/app/notebook/model';

export interface TestCell {
  kind?: CellKind;
  source: string;
  manual?: boolean;
}

export function shareFragment(title: string, cells: readonly TestCell[]): string {
  const made = cells.map((c) => Object.assign(newCell(c.kind ?? 'code', c.source), c.manual ? {manual: true} : {}));
  return `#nb=${encodeNotebook({title, cells: made})}`;
}

/** Opens a notebook with these cells as the user's own editable copy, with the kernel started. */
export async function openNotebook(app: AppHandle, title: string, cells: readonly TestCell[], options: {editable?: boolean} = {}): Promise<Page> {
  const page = await app.open(`/${shareFragment(title, cells)}`);
  await page.waitForSelector('body[data-ready="true"]');
  if (options.editable !== false) await page.getByRole('button', {name: 'Edit my copy'}).click();
  await waitForBackend(page);
  return page;
}

export async function waitForBackend(page: Page): Promise<void> {
  const badge = page.getByRole('status', {name: 'Backend'});
  await expect.poll(() => badge.getAttribute('data-backend'), {timeout: 60_000}).toBeTruthy();
}

export function cell(page: Page, n: number): Locator {
  return page.locator('section.cell').nth(n - 1);
}

export function status(page: Page, n: number): Promise<string | null> {
  return cell(page, n).getAttribute('data-status');
}

export async function output(page: Page, n: number): Promise<string> {
  return (await cell(page, n).locator('.cell-output').innerText()).trim();
}

/** Replaces a code cell's source as if typed (one input event, so it is quick). */
export async function setSource(page: Page, n: number, source: string): Promise<void> {
  const editor = page.getByRole('textbox', {name: `Cell ${n} code editor`});
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(source);
}

export async function waitForStatus(page: Page, n: number, expected: string | RegExp, timeout = 60_000): Promise<void> {
  await expect.poll(() => status(page, n), {timeout}).toMatch(expected);
}
