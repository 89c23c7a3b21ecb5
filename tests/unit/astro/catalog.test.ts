// Catalog readers (SExtractor ASCII_HEAD with vector columns, FITS_LDAC, CSV/whitespace), filtering and sky
// cross-matching, on the shared SExtractor fixtures.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {Catalog, crossMatch, parseSextractorCatalog, parseTextTable, parseWcs, readFits, readFitsLdac, writeFits} from '../../../src/lib';
import {fixture, fixtureBytes} from '../../helpers/fixtures';

const text = (path: string) => readFileSync(fixture(path), 'utf8');
const firstDataTokens = (path: string) => text(path).split('\n').find((l) => l.trim() && !l.startsWith('#'))!.trim().split(/\s+/).map(Number);

describe('parseSextractorCatalog', () => {
  it('reads names, units and descriptions from the header of the thesis-style catalog', () => {
    const cat = parseSextractorCatalog(text('sextractor/field.cat'));
    const names = text('sextractor/default.param').trim().split(/\s+/);
    expect(cat.names).toEqual(names);
    expect(cat.length).toBe(text('sextractor/field.cat').split('\n').filter((l) => l.trim() && !l.startsWith('#')).length);
    expect(cat.column('ALPHA_J2000')).toMatchObject({unit: 'deg', description: 'Right ascension of barycenter (J2000)', size: 1});
    expect(Object.values(cat.row(0))).toEqual(firstDataTokens('sextractor/field.cat'));
  });

  it('turns a jump in column numbers into a vector column (FLUX_RADIUS in sep_image.cat)', () => {
    const cat = parseSextractorCatalog(text('fits-real/sep_image.cat'));
    const tokens = firstDataTokens('fits-real/sep_image.cat');
    expect(cat.column('FLUX_RADIUS').size).toBe(3);
    expect(cat.get(0, 'FLUX_RADIUS')).toEqual(tokens.slice(17, 20));
    expect(cat.get(0, 'FLAGS')).toBe(tokens[20]);
    expect(cat.numbers('FLUX_RADIUS', 2)[0]).toBe(tokens[19]);
    expect(() => parseSextractorCatalog('#   1 NUMBER\n1\n2 3\n')).toThrow(/line 3: 2 values, the first row had 1/);
  });

  it('filters, selects, sorts and writes CSV', () => {
    const cat = parseSextractorCatalog(text('sextractor/field.cat'));
    const bright = cat.filter((r) => (r.MAG_APER as number) < 22).sortBy('MAG_APER').select('NUMBER', 'MAG_APER');
    expect(bright.names).toEqual(['NUMBER', 'MAG_APER']);
    const mags = bright.numbers('MAG_APER');
    expect(mags.every((m, i) => m < 22 && (i === 0 || m >= mags[i - 1]))).toBe(true);
    expect(bright.length).toBe(Array.from(cat.numbers('MAG_APER')).filter((m) => m < 22).length);
    const back = parseTextTable(bright.toCsv());
    expect(back.rows()).toEqual(bright.rows());
    expect(() => cat.numbers('NOPE')).toThrow(/no column "NOPE"; columns are NUMBER, ALPHA_J2000/);
  });
});

describe('parseTextTable', () => {
  it('reads a whitespace table whose column names are in a # comment (truth.txt)', () => {
    const truth = parseTextTable(text('sextractor/truth.txt'));
    expect(truth.names).toEqual(['kind', 'x_image', 'y_image', 'sersic_n']);
    expect(truth.column('kind').kind).toBe('string');
    expect(truth.numbers('x_image').length).toBe(truth.length);
  });

  it('reads CSV with quotes, blanks and a header', () => {
    const t = parseTextTable('id,name,mag\n1,"NGC, 1300",12.5\n2,"say ""hi""",\n');
    expect(t.rows()).toEqual([{id: 1, name: 'NGC, 1300', mag: 12.5}, {id: 2, name: 'say "hi"', mag: NaN}]);
    expect(() => parseTextTable('a,b\n1,2,3\n')).toThrow(/line 2: 3 fields, the header has 2/);
  });
});

describe('readFitsLdac', () => {
  it('reads LDAC_OBJECTS and the image header in LDAC_IMHEAD', () => {
    const image = readFits(fixtureBytes('sextractor/field_f160w.fits')).image();
    const cards = image.header.toString().replace(/\n/g, '');
    const bytes = writeFits([
      {kind: 'bintable', name: 'LDAC_IMHEAD', columns: [{name: 'Field Header Card', data: [cards]}]},
      {kind: 'bintable', name: 'LDAC_OBJECTS', columns: [{name: 'NUMBER', data: Int32Array.from([1, 2])}, {name: 'MAG_APER', data: [[20, 21], [22, 23]]}, {name: 'X_IMAGE', data: Float32Array.from([10.5, 20.25])}]},
    ]);
    const {catalog, imageHeader} = readFitsLdac(bytes);
    expect(catalog.rows()).toEqual([{NUMBER: 1, MAG_APER: [20, 21], X_IMAGE: 10.5}, {NUMBER: 2, MAG_APER: [22, 23], X_IMAGE: 20.25}]);
    expect(imageHeader!.get('MAGZERO')).toBe(25.96);
    expect(parseWcs(imageHeader!).pixelToWorld(10, 10)).toEqual(parseWcs(image.header).pixelToWorld(10, 10));
    expect(() => readFitsLdac(fixtureBytes('fits/image_u8.fits'))).toThrow(/no LDAC_OBJECTS/);
  });
});

describe('crossMatch', () => {
  it('matches every true source of the SExtractor field to its detection within 0.3 arcsec', () => {
    const cat = parseSextractorCatalog(text('sextractor/field.cat'));
    const truth = parseTextTable(text('sextractor/truth.txt'));
    const wcs = parseWcs(readFits(fixtureBytes('sextractor/field_f160w.fits')).image().header);
    const sky = Array.from(truth.numbers('x_image'), (x, i) => wcs.pixelToWorld(x, truth.numbers('y_image')[i]));
    const matches = crossMatch({ra: sky.map((s) => s.ra), dec: sky.map((s) => s.dec)}, {ra: cat.numbers('ALPHA_J2000'), dec: cat.numbers('DELTA_J2000')}, {radius: 0.3});
    expect(matches.length).toBe(truth.length);
    expect(new Set(matches.map((m) => m.b)).size).toBe(truth.length);
    for (const m of matches) {
      expect(m.separation).toBeLessThan(0.3);
      const dx = truth.numbers('x_image')[m.a] - cat.numbers('X_IMAGE')[m.b];
      const dy = truth.numbers('y_image')[m.a] - cat.numbers('Y_IMAGE')[m.b];
      expect(Math.hypot(dx, dy)).toBeLessThan(5);
    }
  });

  it('finds neighbours across RA = 0 and near the pole, never by equality, and all pairs on request', () => {
    const a = {ra: [359.9999, 10, 0], dec: [0, 89.9999, -30]};
    const b = {ra: [0.0001, 190, 0.0005, 50], dec: [0, 89.9999, -30, 10]};
    const nearest = crossMatch(a, b, {radius: 1});
    expect(nearest.map((m) => [m.a, m.b])).toEqual([[0, 0], [1, 1]]);
    expect(nearest[0].separation).toBeCloseTo(0.72, 6);
    expect(nearest[1].separation).toBeCloseTo(0.72, 3);
    expect(crossMatch(a, b, {radius: 2}).length).toBe(3);
    expect(crossMatch({ra: [0], dec: [0]}, {ra: [0, 0.0001], dec: [0, 0]}, {radius: 1, all: true}).length).toBe(2);
    expect(() => crossMatch(a, b, {radius: 0})).toThrow(/radius must be a positive/);
  });

  it('works from catalog columns built in code', () => {
    const c = Catalog.fromRows([{ra: 1, dec: 2, name: 'a'}, {ra: 1.001, dec: 2, name: 'b'}]);
    expect(c.column('name').kind).toBe('string');
    expect(crossMatch({ra: c.numbers('ra'), dec: c.numbers('dec')}, {ra: [1.0002], dec: [2]}, {radius: 1})).toEqual([{a: 0, b: 0, separation: expect.closeTo(0.72, 3)}]);
  });
});
