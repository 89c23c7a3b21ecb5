/**
 * Catalogs from FITS: any table HDU as a catalog, and SExtractor's FITS_LDAC format (LDAC_IMHEAD holding the
 * detection image's header as a block of 80-character cards, then LDAC_OBJECTS with the sources).
 */
import {FitsHeader, readFits, type FitsTableHdu} from '../../fits';
import {parseCard} from '../../fits/card';
import {Catalog, type CatalogColumnInput} from './catalog';

/** A FITS binary or ASCII table as a catalog (64-bit integers become numbers; vector columns stay vectors). */
export function catalogFromFitsTable(hdu: FitsTableHdu): Catalog {
  const rows = hdu.rows();
  return Catalog.fromColumns(
    hdu.columnInfo.map((info): CatalogColumnInput => {
      const cells = rows.map((r) => r[info.name]);
      const meta = {name: info.name, ...(info.unit ? {unit: info.unit} : {})};
      if (info.type === 'A') return {...meta, values: cells.map((c) => (c === null ? null : String(c)))};
      if (info.type === 'L' && info.repeat === 1) return {...meta, values: cells.map((c) => (c === null ? null : Boolean(c)))};
      const toNumber = (v: unknown) => (v === null ? NaN : typeof v === 'boolean' ? Number(v) : typeof v === 'object' ? NaN : Number(v));
      if (cells.some((c) => Array.isArray(c))) return {...meta, values: cells.map((c) => (Array.isArray(c) ? c.map(toNumber) : [toNumber(c)]))};
      return {...meta, values: cells.map(toNumber)};
    }),
  );
}

/** A FITS_LDAC catalog: the sources, and the detection image's header when the file carries it. */
export interface LdacCatalog {
  catalog: Catalog;
  imageHeader?: FitsHeader;
}

/** Reads a SExtractor FITS_LDAC file (the first LDAC_OBJECTS table, and its LDAC_IMHEAD header if present). */
export function readFitsLdac(bytes: ArrayBuffer | Uint8Array): LdacCatalog {
  const fits = readFits(bytes);
  const objects = fits.hdus.find((h) => h.name.toUpperCase() === 'LDAC_OBJECTS' && h.kind === 'bintable') as FitsTableHdu | undefined;
  if (!objects) throw new Error(`not a FITS_LDAC file: no LDAC_OBJECTS table (HDUs: ${fits.hdus.map((h) => h.name || h.index).join(', ')})`);
  const imhead = fits.hdus.find((h) => h.name.toUpperCase() === 'LDAC_IMHEAD' && h.kind === 'bintable') as FitsTableHdu | undefined;
  let imageHeader: FitsHeader | undefined;
  if (imhead && imhead.nrows > 0) {
    const text = String(imhead.rows()[0][imhead.columns[0]] ?? '');
    const cards = [];
    for (let at = 0; at < text.length; at += 80) {
      const image = text.slice(at, at + 80).padEnd(80);
      if (image.startsWith('END     ')) break;
      cards.push(parseCard(image));
    }
    imageHeader = new FitsHeader(cards.map(({keyword, value, comment, commentary}) => ({keyword, value, comment, ...(commentary ? {commentary} : {})})));
  }
  return {catalog: catalogFromFitsTable(objects), ...(imageHeader ? {imageHeader} : {})};
}
