// openFits reads headers block by block and data on demand: a counting Blob shows how few bytes it touches.
import {openAsBlob} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {openFits, readFits, writeFits} from '../../../src/lib';
import {fixture, fixtureBytes} from '../../helpers/fixtures';

/** A Blob that counts the bytes read through it. */
function countingBlob(bytes: Uint8Array<ArrayBuffer>): {blob: Blob; read: () => number} {
  const inner = new Blob([bytes]);
  let read = 0;
  const blob = {
    size: inner.size,
    type: '',
    slice(start?: number, end?: number) {
      const s = inner.slice(start, end);
      read += s.size;
      return s;
    },
  } as unknown as Blob;
  return {blob, read: () => read};
}

describe('openFits (lazy Blob reading)', () => {
  it('lists HDUs of a multi-extension file read with fs.openAsBlob and reads each like readFits', async () => {
    const file = await openFits(await openAsBlob(fixture('fits/multi_extension.fits')));
    const whole = readFits(fixtureBytes('fits/multi_extension.fits'));
    expect(file.hdus.map((h) => [h.name, h.kind])).toEqual(whole.hdus.map((h) => [h.name, h.kind]));
    expect(file.hdus[1].shape).toEqual([6, 12]);
    const sci = await file.read('SCI');
    expect(sci.kind === 'image' && sci.data).toEqual(whole.image('SCI').data);
    const cat = await file.read(3);
    expect(cat.kind === 'bintable' && cat.rows()).toEqual(whole.table('CATALOG').rows());
  });

  it('touches only headers when opening, and only the needed rows for a section', async () => {
    const size = 512;
    const data = Float32Array.from({length: size * size}, (_, i) => i);
    const bytes = writeFits([{data: Float32Array.from([1]), shape: [1]}, {data, shape: [size, size], name: 'BIG'}]);
    const {blob, read} = countingBlob(bytes);
    const file = await openFits(blob);
    expect(read()).toBeLessThan(bytes.length / 20);
    expect(file.hdus[1].naxis).toEqual([size, size]);
    const before = read();
    const section = await file.readSection('BIG', {x: 500, y: 10, width: 20, height: 3});
    expect(read() - before).toBe(3 * size * 4);
    expect(section).toMatchObject({x: 500, y: 10, width: 12, height: 3});
    expect(Array.from(section.data.subarray(0, 3))).toEqual([10 * size + 500, 10 * size + 501, 10 * size + 502]);
    expect(section.data[12]).toBe(11 * size + 500);
  });

  it('reads sections of tile-compressed and gzip-compressed files too', async () => {
    const m13 = readFits(fixtureBytes('fits-real/astropy_io_fits_hdu_compressed_tests_data_m13.fits')).image().data;
    const rice = await openFits(new Blob([fixtureBytes('fits-real/astropy_io_fits_hdu_compressed_tests_data_m13_rice.fits')]));
    expect(rice.hdus[1]).toMatchObject({kind: 'image', compression: 'RICE_1', shape: [300, 300]});
    expect(rice.hdus[1].header.get('CTYPE1')).toBe('RA---TAN');
    const s = await rice.readSection(1, {x: 100, y: 200, width: 2, height: 2});
    expect(Array.from(s.data)).toEqual([m13[200 * 300 + 100], m13[200 * 300 + 101], m13[201 * 300 + 100], m13[201 * 300 + 101]]);
    const {gzipSync} = await import('fflate');
    const gz = await openFits(new Blob([gzipSync(fixtureBytes('fits/cube_f32.fits'))]));
    const plane = await gz.readSection(0, {x: 0, y: 0, width: 6, height: 1, plane: 2});
    const cube = readFits(fixtureBytes('fits/cube_f32.fits')).image();
    const [, h, w] = cube.shape;
    expect(Array.from(plane.data)).toEqual(Array.from(cube.data.subarray(2 * h * w, 2 * h * w + 6)));
    await expect(gz.readSection(0, {x: 100, y: 0, width: 1, height: 1})).rejects.toThrow(/outside the/);
    await expect(gz.readSection(0, {x: 0, y: 0, width: 1, height: 1, plane: cube.shape[0]})).rejects.toThrow(/HDU 0: plane \d+ does not exist/);
    const plain = await openFits(new Blob([fixtureBytes('fits/cube_f32.fits')]));
    await expect(plain.readSection(0, {x: 0, y: 0, width: 1, height: 1, plane: -1})).rejects.toThrow(/plane -1 does not exist/);
  });
});
