// Bad input gets a clear FitsError naming what and where (HDU, card, byte), before any large allocation, and
// never hangs.
import {concatBytes} from '../../../src/lib/data/bytes';
import {gzipSync} from 'fflate';
import {describe, expect, it} from 'vitest';
import {FitsError, openFits, readFits} from '../../../src/lib';
import {fixtureBytes} from '../../helpers/fixtures';

function header(cards: string[]): Uint8Array {
  const text = [...cards, 'END'].map((c) => c.padEnd(80)).join('');
  return new TextEncoder().encode(text.padEnd(Math.ceil(text.length / 2880) * 2880));
}

const image = (bitpix: number, n1: number, n2: number) =>
  header(['SIMPLE  =                    T', `BITPIX  = ${String(bitpix).padStart(20)}`, 'NAXIS   =                    2', `NAXIS1  = ${String(n1).padStart(20)}`, `NAXIS2  = ${String(n2).padStart(20)}`]);


const thrown = (f: () => unknown): FitsError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FitsError);
    return e as FitsError;
  }
  throw new Error('expected a FitsError');
};

describe('bad FITS input', () => {
  it('refuses an absurd size (NAXIS1 = NAXIS2 = 10^7) at once, naming the declared size', () => {
    const e = thrown(() => readFits(image(-32, 1e7, 1e7)));
    expect(e.message).toMatch(/HDU 0, card 3, byte 2880: the header declares 400000000000000 bytes of data \(NAXIS1=10000000 x NAXIS2=10000000, BITPIX=-32\) but the file has only 0 bytes/);
    expect(e.location).toEqual({hdu: 0, card: 3, offset: 2880});
  });

  it('refuses truncated data, naming the HDU', () => {
    const m13 = fixtureBytes('fits-real/astropy_io_fits_hdu_compressed_tests_data_m13.fits');
    expect(() => readFits(m13.subarray(0, 100_000))).toThrow(/HDU 0.*declares 180000 bytes.*only 97120 bytes/);
    const mef = fixtureBytes('fits/multi_extension.fits');
    expect(() => readFits(mef.subarray(0, 2880 * 4 + 100))).toThrow(/HDU 2.*declares 288 bytes/);
  });

  it('accepts a final data block that is complete but not padded, with a warning', () => {
    const f32 = fixtureBytes('fits/image_f32_nan.fits');
    const fits = readFits(f32.subarray(0, 2880 + 12 * 6 * 4));
    expect(fits.image().data.length).toBe(72);
    expect(fits.warnings).toEqual([expect.stringMatching(/not padded/)]);
  });

  it('refuses a header without END, a header cut mid-block, and an empty file', () => {
    const noEnd = new TextEncoder().encode('SIMPLE  =                    T'.padEnd(2880 * 2));
    expect(() => readFits(noEnd)).toThrow(/HDU 0, byte 0: header has no END card: the file ends after 72 cards/);
    expect(() => readFits(fixtureBytes('fits/image_i16.fits').subarray(0, 300))).toThrow(/no END card: the file ends after 3 cards/);
    expect(() => readFits(new Uint8Array(0))).toThrow(/empty/);
  });

  it('refuses unknown BITPIX and bad structural keywords with the card number', () => {
    expect(thrown(() => readFits(concatBytes([image(12, 2, 2), new Uint8Array(2880)]))).message).toMatch(/HDU 0, card 2, byte 80: BITPIX = 12 is not one of/);
    const bad = header(['SIMPLE  =                    T', 'BITPIX  =                   16', "NAXIS   = 'two'"]);
    expect(thrown(() => readFits(bad)).message).toMatch(/card 3, byte 160: NAXIS = "two" is not an integer/);
    const negative = header(['SIMPLE  =                    T', 'BITPIX  =                   16', 'NAXIS   =                    1', 'NAXIS1  =                   -5']);
    expect(() => readFits(negative)).toThrow(/NAXIS1 = -5 is out of range/);
  });

  it('says when a file is not FITS at all, and when an extension header is malformed', () => {
    expect(() => readFits(new TextEncoder().encode('\x89PNG\r\n'.padEnd(2880)))).toThrow(/not a FITS file: it starts with "\?\?PNG/);
    const two = concatBytes([image(8, 1, 1), new Uint8Array(2880), header(["XTENSION= 'BINTABLE'", 'BITPIX  =                   16', 'NAXIS   =                    2', 'NAXIS1  =                    1', 'NAXIS2  =                    1', 'PCOUNT  =                    0', 'GCOUNT  =                    1', 'TFIELDS =                    1'])]);
    expect(() => readFits(two)).toThrow(/HDU 1, card 2.*BINTABLE extension must have BITPIX = 8/);
  });

  it('ignores zero padding after the last HDU with a warning', () => {
    const f = readFits(concatBytes([fixtureBytes('fits/image_u8.fits'), new Uint8Array(2880)]));
    expect(f.hdus).toHaveLength(1);
    expect(f.warnings).toEqual([expect.stringMatching(/ignored 2880 bytes after the last HDU \(from byte 5760\)/)]);
  });

  it('reads gzip-compressed files and reports a truncated gzip stream clearly', () => {
    const plain = fixtureBytes('fits/cube_f32.fits');
    const gz = gzipSync(plain);
    expect(readFits(gz).image().data).toEqual(readFits(plain).image().data);
    expect(() => readFits(gz.subarray(0, gz.length >> 1))).toThrow(/gzip-compressed.*cannot be inflated/);
  });

  it('refuses corrupt tile-compressed data instead of returning garbage', () => {
    // Shorten the first tile's heap descriptor to 4 bytes: the decoder must run out of input and say so.
    const rice = fixtureBytes('fits/compressed_rice.fits').slice();
    new DataView(rice.buffer).setInt32(2880 * 2, 4);
    expect(() => readFits(rice).image().data).toThrow(/RICE_1 tile ends before/);
  });

  it('names the card when a tile-compressed header declares an absurd image or Rice block size', () => {
    const original = fixtureBytes('fits/compressed_rice.fits');
    // Rewrites a card's value (right-justified in columns 11-30) in the table header of HDU 1.
    const withCard = (keyword: string, value: string, bytes = original.slice()) => {
      const text = new TextDecoder('latin1').decode(bytes.subarray(2880, 5760));
      const at = 2880 + text.indexOf(keyword.padEnd(8) + '= ');
      bytes.set(new TextEncoder().encode(value.padStart(20)), at + 10);
      return bytes;
    };
    // One 10^15-pixel tile per row: the tile count still matches NAXIS2, only the allocation could fail.
    const huge = withCard('ZTILE1', '1000000000000000', withCard('ZNAXIS1', '1000000000000000'));
    expect(() => readFits(huge).image().data).toThrow(/HDU 1, card \d+.*ZNAXISn = 1000000000000000 x 32 .* too large/);
    expect(() => readFits(withCard('ZVAL1', '0')).image().data).toThrow(/HDU 1: the Rice BLOCKSIZE parameter .* is 0/);
  });

  it('rejects a truncated Blob as the in-memory reader does', async () => {
    const m13 = fixtureBytes('fits-real/astropy_io_fits_hdu_compressed_tests_data_m13.fits');
    await expect(openFits(new Blob([m13.subarray(0, 100_000)]))).rejects.toThrow(/declares 180000 bytes/);
    await expect(openFits(new Blob([m13.subarray(0, 2000)]))).rejects.toThrow(/no END card/);
  });
});
