/**
 * The structure of one HDU as its header declares it: what kind of extension, BITPIX, axes, and how many data
 * bytes follow the header. Everything is checked here, before any data is touched or allocated, so that a header
 * claiming 10^14 bytes fails at once with a message naming the card.
 */
import {FitsError} from './errors';
import {BLOCK, type FitsHeader} from './header';

/** The kinds of HDU the reader returns. Tile-compressed images are `'image'`. */
export type FitsHduKind = 'image' | 'bintable' | 'table' | 'empty';

/** The BITPIX values FITS allows. */
export type Bitpix = 8 | 16 | 32 | 64 | -32 | -64;

const BITPIX_VALUES: readonly number[] = [8, 16, 32, 64, -32, -64];

/** What a header says about its HDU's data unit. */
export interface HduLayout {
  index: number;
  /** `PRIMARY`, or the XTENSION value (`IMAGE`, `BINTABLE`, `TABLE`, ...). */
  xtension: string;
  kind: FitsHduKind;
  /** True for a BINTABLE holding a tile-compressed image (`ZIMAGE = T`). */
  compressed: boolean;
  bitpix: Bitpix;
  /** NAXIS1..NAXISn, FITS order (fastest axis first). */
  naxis: number[];
  pcount: number;
  gcount: number;
  /** Byte offset of the header and of the data unit in the file. */
  headerStart: number;
  dataStart: number;
  /** Exact size of the data unit, and that size rounded up to whole 2880-byte blocks. */
  dataBytes: number;
  paddedBytes: number;
}

/** Reads and checks the structural keywords of an HDU header. */
export function hduLayout(header: FitsHeader, index: number, headerStart: number, dataStart: number): HduLayout {
  const first = header.cards[0];
  let xtension: string;
  if (index === 0) {
    if (!first || first.keyword !== 'SIMPLE') {
      throw new FitsError(
        `not a FITS file: the first card is ${JSON.stringify(first?.keyword ?? '')}, expected SIMPLE = T`,
        {hdu: 0, card: 1, offset: headerStart},
      );
    }
    xtension = 'PRIMARY';
  } else {
    if (!first || first.keyword !== 'XTENSION' || typeof first.value !== 'string') {
      throw new FitsError(`extension header must start with XTENSION, found ${JSON.stringify(first?.keyword ?? '')}`, {
        hdu: index,
        card: 1,
        offset: headerStart,
      });
    }
    xtension = first.value.trim().toUpperCase();
  }
  const bitpixValue = header.requireInt('BITPIX');
  if (!BITPIX_VALUES.includes(bitpixValue)) {
    throw new FitsError(`BITPIX = ${bitpixValue} is not one of 8, 16, 32, 64, -32, -64`, header.locate('BITPIX'));
  }
  const bitpix = bitpixValue as Bitpix;
  const n = header.requireInt('NAXIS', 0, 999);
  const naxis: number[] = [];
  for (let i = 1; i <= n; i++) naxis.push(header.requireInt(`NAXIS${i}`, 0));
  const isExtension = index > 0;
  const pcount = isExtension ? header.optionalNumber('PCOUNT', 0) : 0;
  const gcount = isExtension ? header.optionalNumber('GCOUNT', 1) : 1;
  if (!Number.isInteger(pcount) || pcount < 0) throw new FitsError(`PCOUNT = ${pcount} must be a non-negative integer`, header.locate('PCOUNT'));
  if (!Number.isInteger(gcount) || gcount < 0) throw new FitsError(`GCOUNT = ${gcount} must be a non-negative integer`, header.locate('GCOUNT'));

  const randomGroups = index === 0 && naxis[0] === 0 && header.get('GROUPS') === true;
  const axes = randomGroups ? naxis.slice(1) : naxis;
  let elements = n === 0 ? 0 : axes.reduce((a, b) => a * b, 1);
  if (randomGroups) elements = header.optionalNumber('GCOUNT', 1) * (header.optionalNumber('PCOUNT', 0) + elements);
  const dataBytes = n === 0 ? 0 : (Math.abs(bitpix) / 8) * gcount * (pcount + elements);
  if (!Number.isSafeInteger(dataBytes)) {
    throw new FitsError(`the axes NAXIS1..NAXIS${n} = ${naxis.join(' x ')} declare an impossible data size`, header.locate('NAXIS'));
  }

  let kind: FitsHduKind;
  let compressed = false;
  if (xtension === 'BINTABLE' || xtension === 'A3DTABLE') {
    compressed = header.get('ZIMAGE') === true;
    kind = compressed ? 'image' : 'bintable';
  } else if (xtension === 'TABLE') kind = 'table';
  else kind = dataBytes > 0 && !randomGroups && (xtension === 'PRIMARY' || xtension === 'IMAGE' || xtension === 'IUEIMAGE') ? 'image' : 'empty';
  if (kind === 'bintable' || kind === 'table' || compressed) {
    if (bitpix !== 8) throw new FitsError(`a ${xtension} extension must have BITPIX = 8, found ${bitpix}`, header.locate('BITPIX'));
    if (n !== 2) throw new FitsError(`a ${xtension} extension must have NAXIS = 2, found ${n}`, header.locate('NAXIS'));
    header.requireInt('TFIELDS', 0, 999);
  }
  return {
    index,
    xtension,
    kind,
    compressed,
    bitpix,
    naxis,
    pcount,
    gcount,
    headerStart,
    dataStart,
    dataBytes,
    paddedBytes: Math.ceil(dataBytes / BLOCK) * BLOCK,
  };
}

/** Throws when the file has fewer bytes than the header declares (before anything is allocated). */
export function checkDataPresent(layout: HduLayout, header: FitsHeader, fileSize: number): void {
  const available = Math.max(0, fileSize - layout.dataStart);
  if (layout.dataBytes > available) {
    const axes = layout.naxis.map((v, i) => `NAXIS${i + 1}=${v}`).join(' x ');
    throw new FitsError(
      `the header declares ${layout.dataBytes} bytes of data (${axes}, BITPIX=${layout.bitpix}` +
        `${layout.pcount ? `, PCOUNT=${layout.pcount}` : ''}) but the file has only ${available} bytes after the header: ` +
        'the file is truncated or the header is wrong',
      {hdu: layout.index, offset: layout.dataStart, ...(header.locate('NAXIS').card ? {card: header.locate('NAXIS').card} : {})},
    );
  }
}
