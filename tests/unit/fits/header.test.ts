// Header cards: parsing the tricky cases the notes list (strings with ' /', '' escapes, D exponents, big integers,
// HIERARCH, CONTINUE, undefined and complex values) and writing cards that parse back to the same values.
import {describe, expect, it} from 'vitest';
import {FitsHeader} from '../../../src/lib';
import {parseCard} from '../../../src/lib/fits/card';
import {formatCard} from '../../../src/lib/fits/card-format';
import {parseHeader} from '../../../src/lib/fits/header';

const card = (text: string) => parseCard(text.padEnd(80));

describe('parseCard', () => {
  it('reads strings quote by quote, so slashes and doubled quotes stay in the value', () => {
    expect(card("OBJECT  = 'a /b'               / comment")).toMatchObject({value: 'a /b', comment: 'comment'});
    expect(card("OBJECT  = 'It''s'")).toMatchObject({value: "It's"});
    expect(card("OBJECT  = '  lead  '")).toMatchObject({value: '  lead'});
    expect(card("OBJECT  = ''")).toMatchObject({value: ''});
  });

  it('reads numbers with E or Fortran D exponents, and integers beyond 2^53 as bigint', () => {
    expect(card('X       =             -1.5D-05').value).toBe(-1.5e-5);
    expect(card('X       =               1.5E+3 / c').value).toBe(1500);
    expect(card('X       =                  .5').value).toBe(0.5);
    expect(card('BZERO   =  9223372036854775808').value).toBe(9223372036854775808n);
    expect(card('N       =                   42').value).toBe(42);
  });

  it('reads logicals, undefined values, complex values and keeps unparsable text with a problem note', () => {
    expect(card('SIMPLE  =                    T').value).toBe(true);
    expect(card('X       =                    F / no').value).toBe(false);
    expect(card('X       =                      / undefined').value).toBeNull();
    expect(card('Z       =         (1.5, -2E1)').value).toEqual({re: 1.5, im: -20});
    expect(card('X       =           12:30:00 / odd')).toMatchObject({value: '12:30:00', problem: expect.stringMatching(/cannot parse/)});
  });

  it('keeps text of COMMENT/HISTORY and of cards without a value indicator (e.g. ESO-LOG)', () => {
    expect(card('COMMENT   two leading spaces')).toMatchObject({keyword: 'COMMENT', value: '  two leading spaces', commentary: true});
    expect(card("ESO-LOG 00:00:00> DATE  = '1992'")).toMatchObject({keyword: 'ESO-LOG', value: "00:00:00> DATE  = '1992'", commentary: true});
    expect(card("HIERARCH ESO  DET   NAME = 'x' / c")).toMatchObject({keyword: 'ESO DET NAME', value: 'x', hierarch: true});
  });
});

function headerBytes(lines: string[]): Uint8Array {
  const text = [...lines, 'END'].map((l) => l.padEnd(80)).join('');
  const padded = text.padEnd(Math.ceil(text.length / 2880) * 2880);
  return new TextEncoder().encode(padded);
}

describe('parseHeader', () => {
  it('joins CONTINUE long strings (dropping each chunk\'s trailing &) and keeps card numbers for errors', () => {
    const bytes = headerBytes(["SIMPLE  = T", "LONG    = 'abc &'", "CONTINUE  'de&f&'", "CONTINUE  'ghi' / tail", 'BITPIX  = 16']);
    const {header, end} = parseHeader(bytes, 0, 0, []);
    expect(end).toBe(2880);
    expect(header.get('LONG')).toBe('abc de&fghi');
    expect(header.cards.map((c) => c.keyword)).toEqual(['SIMPLE', 'LONG', 'BITPIX']);
    expect(header.locate('BITPIX')).toEqual({hdu: 0, card: 5, offset: 320});
  });

  it('replaces non-printable bytes with ? and warns with the card number', () => {
    const bytes = headerBytes(["SIMPLE  = T", "OBJECT  = 'a\u0001b'"]);
    const warnings: string[] = [];
    expect(parseHeader(bytes, 0, 0, warnings).header.get('OBJECT')).toBe('a?b');
    expect(warnings).toEqual([expect.stringMatching(/HDU 0, card 2 \(byte 80\): non-printable/)]);
  });
});

describe('formatCard', () => {
  const roundTrip = (keyword: string, value: Parameters<FitsHeader['set']>[1], comment = '') =>
    formatCard({keyword, value, comment}).map((image) => {
      expect(image).toHaveLength(80);
      return image;
    });

  it('writes values that parse back identically', () => {
    for (const value of [0.1, -1.5e-10, 1e21, 123456789.123, 42, true, false, null, "It's / here", '  lead', {re: 1.25, im: -3}]) {
      const images = roundTrip('KEY', value, 'a comment');
      expect(parseCard(images[0]).value).toEqual(value);
    }
    expect(parseCard(roundTrip('BIG', 9223372036854775808n)[0]).value).toBe(9223372036854775808n);
    expect(parseCard(roundTrip('BIG', 2 ** 53 + 2)[0]).value).toBe(BigInt(2 ** 53 + 2));
    // A number beyond 2^53 is written with the double's exact digits (JS's String gives 9223372036854776000).
    expect(roundTrip('BZERO', 2 ** 63)[0]).toBe('BZERO   =  9223372036854775808'.padEnd(80));
    expect(roundTrip('N', 7)[0]).toBe('N       =                    7'.padEnd(80));
  });

  it('splits long strings over CONTINUE cards and long keywords into HIERARCH', () => {
    const long = "x'".repeat(60) + ' end';
    const images = roundTrip('LONG', long);
    expect(images.length).toBeGreaterThan(1);
    const bytes = new TextEncoder().encode(['SIMPLE  =                    T'.padEnd(80), ...images, 'END'.padEnd(80)].join('').padEnd(2880));
    expect(parseHeader(bytes, 0, 0, []).header.get('LONG')).toBe(long);
    expect(parseCard(roundTrip('ESO DET CHIP NAME', 'CCD')[0])).toMatchObject({keyword: 'ESO DET CHIP NAME', value: 'CCD'});
  });

  it('gives a long string\'s comment a CONTINUE card of its own when it does not fit beside the last piece', () => {
    const value = 'x'.repeat(67 * 2 + 60);
    const comment = 'a comment that is fairly long, forty-plus chars';
    const images = roundTrip('LONGSTR', value, comment);
    expect(images.at(-1)!.trimEnd()).toBe(`CONTINUE  '' / ${comment}`);
    const bytes = new TextEncoder().encode(['SIMPLE  =                    T'.padEnd(80), ...images, 'END'.padEnd(80)].join('').padEnd(2880));
    const card = parseHeader(bytes, 0, 0, []).header.cards.find((c) => c.keyword === 'LONGSTR')!;
    expect([card.value, card.comment]).toEqual([value, comment]);
  });

  it('refuses values FITS headers cannot hold', () => {
    expect(() => roundTrip('X', NaN)).toThrow(/NaN or infinity/);
    expect(() => roundTrip('X', 'caf\u00e9')).toThrow(/non-ASCII/);
  });
});

describe('FitsHeader', () => {
  it('sets, inserts, deletes and clones without touching the original', () => {
    const h = FitsHeader.fromRecord({NAXIS: 2, OBJECT: 'M13'});
    const c = h.clone().set('OBJECT', 'M92').set('NEW', 1.5, 'added').delete('NAXIS');
    c.insert(0, {keyword: 'FIRST', value: true, comment: ''});
    expect(h.toRecord()).toEqual({NAXIS: 2, OBJECT: 'M13'});
    expect(c.toRecord()).toEqual({FIRST: true, OBJECT: 'M92', NEW: 1.5});
    expect(c.toString().split('\n').at(-1)).toBe('END'.padEnd(80));
  });
});
