/**
 * Controls in cell outputs, in headless Chromium on the built app: a slider feeds a value into the dataflow graph
 * (moving it re-runs its cell and the cells that use it), and a file picker hands the user's own FITS file to the
 * kernel, which reads it with the library.
 */
import {describe, expect, it} from 'vitest';
import {useApp} from '../helpers/browser';
import {fixtureBytes} from '../helpers/fixtures';
import {cell, openNotebook, output, waitForStatus} from './helpers/notebook-page';

const app = useApp();

describe('cell controls', () => {
  it('re-runs the cells that use a slider, menu or checkbox when it changes, and reads a picked FITS file in the kernel', async () => {
    const page = await openNotebook(app, 'Inputs', [
      {source: "const scale = slider({min: 1, max: 10, step: 1, value: 2, label: 'scale'});"},
      {source: '`scaled: ${scale * 10}`'},
      {source: "const stretch = select(['linear', 'asinh', 'log'], {label: 'stretch'});\nconst flip = checkbox({label: 'flip'});"},
      {source: '`${stretch} ${flip ? \'flipped\' : \'upright\'}`'},
      {source: "const picked = await fileInput({accept: '.fits', label: 'FITS file'});\nconst hdu = readFits(await picked[0].read()).image();\n`${picked[0].path}: ${hdu.shape.join('x')}, first pixel ${hdu.data[0]}`"},
    ]);
    await page.getByRole('button', {name: 'Run all'}).click();
    await waitForStatus(page, 2, 'done');
    expect(await output(page, 2)).toBe('scaled: 20');

    const range = cell(page, 1).getByRole('slider', {name: 'scale'});
    expect(await range.inputValue()).toBe('2');
    await range.fill('5');
    await expect.poll(() => output(page, 2), {timeout: 30_000}).toBe('scaled: 50');
    expect(await range.inputValue()).toBe('5');

    // A menu and a checkbox in one cell: each keeps its own value when the other re-runs the cell.
    await waitForStatus(page, 4, 'done');
    expect(await output(page, 4)).toBe('linear upright');
    await cell(page, 3).getByRole('combobox', {name: 'stretch'}).selectOption('asinh');
    await expect.poll(() => output(page, 4), {timeout: 30_000}).toBe('asinh upright');
    await cell(page, 3).getByRole('checkbox', {name: 'flip'}).check();
    await expect.poll(() => output(page, 4), {timeout: 30_000}).toBe('asinh flipped');
    expect(await cell(page, 3).getByRole('combobox', {name: 'stretch'}).inputValue()).toBe('asinh');

    // The file cell waits (running) until a file is picked.
    await waitForStatus(page, 5, 'running');
    expect(await cell(page, 5).innerText()).toContain('No files yet');
    const bytes = fixtureBytes('fits/image_i16.fits');
    await cell(page, 5).getByLabel('FITS file').setInputFiles({name: 'image_i16.fits', mimeType: 'application/fits', buffer: Buffer.from(bytes)});
    await waitForStatus(page, 5, 'done');
    expect(await output(page, 5)).toContain('image_i16.fits: 6x12, first pixel 13111');
    expect(await cell(page, 5).innerText()).toContain('1 file: image_i16.fits');
    expect(app.errors).toEqual([]);
  });
});
