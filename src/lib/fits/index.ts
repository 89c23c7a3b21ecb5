/**
 * FITS: our own typed reader and writer. `readFits(bytes)` reads a file held in memory (plain or gzip-compressed);
 * `openFits(blob)` reads headers of a large File/Blob and one HDU's data on demand; `writeFits(hdus)` writes images
 * and binary tables that astropy reads back identically.
 */
export type {FitsCard, FitsComplex, FitsHeaderValue} from './card';
export {FitsError, type FitsLocation} from './errors';
export {FitsHeader} from './header';
export type {Bitpix, FitsHduKind} from './layout';
export type {PixelArray} from './image-decode';
export type {FitsHdu, FitsImageHdu, FitsTableHdu, FitsEmptyHdu} from './hdu';
export type {FitsCell, FitsColumn, FitsColumnType, FitsColumnValues, FitsRow, FitsScalar, NumericTypedArray} from './table-types';
export {readFits, type FitsFile} from './read';
export {
  writeFits,
  type FitsColumnInput,
  type FitsColumnInputData,
  type FitsEmptyInput,
  type FitsHduInput,
  type FitsHeaderInput,
  type FitsImageInput,
  type FitsTableInput,
  type FitsWritableArray,
} from './write';
export {openFits, type FitsBlobFile, type FitsHduInfo, type ImageSection, type PixelRegion} from './open-blob';
