/** Anything the astronomy helpers accept as a FITS header: a parsed header or a plain keyword → value record. */
import {FitsHeader, type FitsHeaderValue} from '../fits';

/** A parsed FITS header or a plain record of keyword → value (keywords upper-case). */
export type HeaderLike = FitsHeader | Readonly<Record<string, FitsHeaderValue>>;

/** Wraps a header-like value as a {@link FitsHeader} (no copy when it already is one). */
export function asHeader(header: HeaderLike): FitsHeader {
  return header instanceof FitsHeader ? header : FitsHeader.fromRecord(header);
}
