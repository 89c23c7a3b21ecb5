// Cut-outs on the SExtractor fixture: centred on each catalog object (the segmentation map's centre pixel is the
// object's own number), the RA/Dec path agrees with the pixel path, WCS survives, edges are NaN, FITS/PNG saving.
import {describe, expect, it} from 'vitest';
import {catalogCutouts, cutout, cutoutFromFile, cutoutToFits, cutoutToPng, openFits, parseSextractorCatalog, parseWcs, readFits} from '../../../src/lib';
import {fixtureBytes} from '../../helpers/fixtures';
import {readFileSync} from 'node:fs';
import {fixture} from '../../helpers/fixtures';

const field = readFits(fixtureBytes('sextractor/field_f160w.fits')).image();
const segmentation = readFits(fixtureBytes('sextractor/segmentation.fits')).image();
const catalog = parseSextractorCatalog(readFileSync(fixture('sextractor/field.cat'), 'utf8'));
const SIZE = 25;
const middle = Math.floor(SIZE / 2);

describe('cutouts on the SExtractor field', () => {
  it('centres a cut-out on every catalog object', () => {
    const stamps = catalogCutouts(segmentation, catalog, {size: SIZE});
    expect(stamps.length).toBe(catalog.length);
    for (const {row, cutout: c} of stamps) {
      expect(c.data[middle * SIZE + middle], `object ${catalog.get(row, 'NUMBER')}`).toBe(catalog.get(row, 'NUMBER'));
    }
    // The light peaks near the centre too (within 2 pixels) for the point sources.
    for (const {row, cutout: c} of catalogCutouts(field, catalog, {size: SIZE, where: (r) => (r.FLUX_RADIUS as number) < 1.6})) {
      let best = 0;
      c.data.forEach((v, i) => (v > c.data[best] ? (best = i) : 0));
      expect(Math.hypot((best % SIZE) - middle, Math.floor(best / SIZE) - middle), `object ${row}`).toBeLessThanOrEqual(2);
    }
  });

  it('gives the same pixels through RA/Dec as through X_IMAGE/Y_IMAGE, and a header whose WCS still agrees', () => {
    const byPixel = catalogCutouts(field, catalog, {size: SIZE});
    const bySky = catalogCutouts(field, catalog, {size: SIZE, sky: true});
    const wcs = parseWcs(field.header);
    byPixel.forEach(({cutout: p}, i) => {
      const s = bySky[i].cutout;
      expect(Math.hypot(s.center.x - p.center.x, s.center.y - p.center.y)).toBeLessThan(0.01);
      expect(s.origin).toEqual(p.origin);
      expect(s.data).toEqual(p.data);
      const cw = parseWcs(p.header);
      const a = cw.pixelToWorld(middle + 1, middle + 1);
      const b = wcs.pixelToWorld(p.origin.x + middle, p.origin.y + middle);
      expect(Math.abs(a.ra - b.ra) + Math.abs(a.dec - b.dec)).toBeLessThan(1e-10);
      expect(p.header.get('NAXIS1')).toBe(SIZE);
    });
  });

  it('pads with NaN beyond the edges', () => {
    const c = cutout(field, {x: 1, y: 1}, 11);
    expect(c.origin).toEqual({x: -4, y: -4});
    expect(Array.from(c.data).filter(Number.isNaN).length).toBe(11 * 11 - 6 * 6);
    expect(c.data[5 * 11 + 5]).toBe(field.data[0]);
    expect(() => cutout({data: [1, 2], width: 2, height: 1}, {ra: 1, dec: 1}, 3)).toThrow(/needs the image header/);
  });

  it('saves cut-outs as FITS (data and WCS intact) and as PNG', () => {
    const [first] = catalogCutouts(field, catalog, {size: SIZE});
    const back = readFits(cutoutToFits(first.cutout)).image();
    expect(back.data).toEqual(first.cutout.data);
    expect(back.header.get('CRPIX1')).toBe(first.cutout.header.get('CRPIX1'));
    const png = cutoutToPng(first.cutout, {interval: 'zscale', stretch: 'asinh', colormap: 'cubehelix'});
    expect(Array.from(png.subarray(1, 4))).toEqual([80, 78, 71]);
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(SIZE);
  });

  it('cuts from a lazily opened file reading only the rows needed, with identical results', async () => {
    const file = await openFits(new Blob([fixtureBytes('sextractor/field_f160w.fits')]));
    for (const center of [{x: 172.9613, y: 99.7775}, {x: 2, y: 255}, {ra: 150.1160838, dec: 2.2005296}]) {
      const lazy = await cutoutFromFile(file, 0, center, SIZE);
      const whole = cutout(field, center, SIZE);
      expect(lazy.data).toEqual(whole.data);
      expect(lazy.header.toRecord()).toEqual(whole.header.toRecord());
    }
  });
});
