/**
 * The logical image header of a tile-compressed HDU, built from its table header the way astropy builds
 * `CompImageHDU.header`: table and compression keywords removed, ZSIMPLE/ZTENSION/ZBITPIX/ZNAXISn/ZPCOUNT/ZGCOUNT/
 * ZEXTEND/ZHECKSUM/ZDATASUM mapped back to their image keywords in the same places, so keyword order and values
 * equal what astropy shows.
 */
import type {FitsCard, FitsHeaderValue} from '../card';
import {FitsHeader} from '../header';

const TABLE_KEYWORD = /^(TTYPE|TFORM|TUNIT|TNULL|TSCAL|TZERO|TDISP|TBCOL|TDIM|TCTYP|TCUNI|TCRPX|TCRVL|TCDLT|TRPOS)\d+$/;
const COMPRESSION_KEYWORDS = new Set([
  'ZSIMPLE', 'ZTENSION', 'ZBITPIX', 'ZNAXIS', 'ZEXTEND', 'ZBLOCKED', 'ZPCOUNT', 'ZGCOUNT', 'ZHECKSUM', 'ZDATASUM',
  'ZIMAGE', 'ZCMPTYPE', 'ZMASKCMP', 'ZQUANTIZ', 'ZDITHER0',
]);
const INDEXED_COMPRESSION = new Set(['ZNAXIS', 'ZTILE', 'ZNAME', 'ZVAL']);

// astropy's test: a keyword `Z<letters>` optionally followed by a number starting with 1-9.
function isReserved(keyword: string): boolean {
  if (keyword === 'TFIELDS' || TABLE_KEYWORD.test(keyword)) return true;
  const m = /^(Z[A-Z]*)([1-9][0-9 ]*)?/.exec(keyword);
  if (!m) return false;
  const numbered = m[2] !== undefined && m[1].length + m[2].length === keyword.length;
  if (numbered) return INDEXED_COMPRESSION.has(m[1]);
  return COMPRESSION_KEYWORDS.has(m[1]) && m[1].length === keyword.length;
}

/** Builds the uncompressed image's header from the compressed table's header. */
export function imageHeaderFromCompressed(table: FitsHeader): FitsHeader {
  const image = new FitsHeader(
    table.cards.filter((c) => !isReserved(c.keyword)),
    undefined,
    table.hduIndex,
  );
  const card = (keyword: string, value: FitsHeaderValue, from?: string): FitsCard => ({
    keyword,
    value,
    comment: from ? (table.cards.find((c) => c.keyword === from)?.comment ?? '') : '',
  });
  if (table.has('ZSIMPLE')) {
    image.delete('XTENSION');
    image.insert(0, card('SIMPLE', table.get('ZSIMPLE')!, 'ZSIMPLE'));
  } else {
    image.insert(0, card('XTENSION', 'IMAGE', table.has('ZTENSION') ? 'ZTENSION' : undefined));
  }
  image.insert(1, card('BITPIX', table.get('ZBITPIX')!, 'ZBITPIX'));
  image.insert(2, card('NAXIS', table.get('ZNAXIS')!, 'ZNAXIS'));
  const naxis = Number(table.get('ZNAXIS'));
  let last = 'NAXIS';
  for (let i = 1; i <= naxis; i++) {
    insertAfter(image, last, card(`NAXIS${i}`, table.get(`ZNAXIS${i}`)!, `ZNAXIS${i}`));
    last = `NAXIS${i}`;
  }
  for (const c of [...image.cards]) {
    const m = /^NAXIS(\d+)$/.exec(c.keyword);
    if (m && Number(m[1]) > naxis) image.delete(c.keyword);
  }
  insertAfter(image, last, table.has('ZPCOUNT') ? card('PCOUNT', table.get('ZPCOUNT')!, 'ZPCOUNT') : card('PCOUNT', 0));
  insertAfter(image, 'PCOUNT', table.has('ZGCOUNT') ? card('GCOUNT', table.get('ZGCOUNT')!, 'ZGCOUNT') : card('GCOUNT', 1));
  for (const [from, to] of [
    ['ZEXTEND', 'EXTEND'],
    ['ZBLOCKED', 'BLOCKED'],
    ['ZHECKSUM', 'CHECKSUM'],
    ['ZDATASUM', 'DATASUM'],
  ]) {
    if (table.has(from)) image.set(to, table.get(from)!, table.cards.find((c) => c.keyword === from)?.comment);
  }
  if (image.getString('EXTNAME')?.trim() === 'COMPRESSED_IMAGE') image.delete('EXTNAME');
  if (image.has('SIMPLE')) image.delete('PCOUNT').delete('GCOUNT');
  return image;
}

function insertAfter(header: FitsHeader, after: string, card: FitsCard): void {
  const existing = header.indexOf(card.keyword);
  const anchor = header.indexOf(after);
  if (existing >= 0 && existing === anchor + 1) {
    header.set(card.keyword, card.value, card.comment);
    return;
  }
  // `insert` removes an existing card first and corrects the index for it.
  header.insert(anchor + 1, card);
}
