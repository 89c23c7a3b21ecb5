/**
 * HDU objects as the reader returns them. Pixel and table data are decoded on first access (and kept), so opening a
 * multi-extension file to look at headers costs no decoding; sizes were already checked against the file.
 */
import {AsciiTable} from './ascii-table';
import {BinaryTable} from './bintable';
import {imageHeaderFromCompressed} from './compressed/header';
import {compressedImageInfo, decompressImage} from './compressed/tiles';
import {FitsError} from './errors';
import type {FitsHeader} from './header';
import {decodeImage, type ImageScaling, type PixelArray} from './image-decode';
import type {Bitpix, FitsHduKind, HduLayout} from './layout';
import type {FitsColumn, FitsColumnValues, FitsRow} from './table-types';

interface HduBase {
  /** 0-based position in the file. */
  readonly index: number;
  /** EXTNAME, or `PRIMARY` for HDU 0 without one, or `''` (astropy's naming). */
  readonly name: string;
  readonly kind: FitsHduKind;
  /** The header; for tile-compressed images the logical (uncompressed) image header. */
  readonly header: FitsHeader;
}

/** An image HDU (primary, IMAGE extension, or tile-compressed image). */
export interface FitsImageHdu extends HduBase {
  readonly kind: 'image';
  readonly bitpix: Bitpix;
  /** Axis lengths in FITS order: [NAXIS1, NAXIS2, ...] (NAXIS1 = width, fastest). */
  readonly naxis: readonly number[];
  /** Row-major shape, slowest axis first: [NAXIS2, NAXIS1] or [NAXIS3, NAXIS2, NAXIS1]. */
  readonly shape: readonly number[];
  /**
   * Physical values (BSCALE/BZERO applied, BLANK → NaN), row-major, row 0 = the first row stored (FITS y = 1).
   * Float32Array for BITPIX 8, 16, -32; Float64Array for 32, 64, -64.
   */
  readonly data: PixelArray;
  /** ZCMPTYPE when the image was tile-compressed. */
  readonly compression?: string;
  /** The compressed BINTABLE's own header, for tile-compressed images. */
  readonly tableHeader?: FitsHeader;
}

/** A binary (`bintable`) or ASCII (`table`) table HDU. */
export interface FitsTableHdu extends HduBase {
  readonly kind: 'bintable' | 'table';
  /** Column names (TTYPEn), in order. */
  readonly columns: readonly string[];
  /** Full column descriptions. */
  readonly columnInfo: readonly FitsColumn[];
  readonly nrows: number;
  /** All rows as records; vector, bit and variable-length columns as arrays, nulls (TNULL) as null. */
  rows(): FitsRow[];
  /** One column by name: a flat typed array for fixed numeric columns, else one value per row. */
  column(name: string): FitsColumnValues;
}

/** An HDU without data (e.g. a primary HDU with NAXIS = 0) or of a kind the reader does not decode. */
export interface FitsEmptyHdu extends HduBase {
  readonly kind: 'empty';
}

/** Any HDU. Narrow on `kind`. */
export type FitsHdu = FitsImageHdu | FitsTableHdu | FitsEmptyHdu;

/** The name astropy gives an HDU. */
export function hduName(header: FitsHeader, index: number): string {
  const extname = header.getString('EXTNAME');
  if (extname !== undefined) return extname.trim();
  return index === 0 ? 'PRIMARY' : '';
}

/** Builds the HDU object for a header and its data unit (`data` holds exactly `layout.dataBytes` bytes). */
export function makeHdu(layout: HduLayout, header: FitsHeader, data: Uint8Array): FitsHdu {
  const name = hduName(header, layout.index);
  if (layout.compressed) return new CompressedImageHdu(layout, header, data, name);
  if (layout.kind === 'image') return new ImageHdu(layout, header, data, name);
  if (layout.kind === 'bintable' || layout.kind === 'table') return new TableHdu(layout, header, data, name);
  return {index: layout.index, name, kind: 'empty', header};
}

/** BSCALE, BZERO and (integer images only) BLANK of an uncompressed image header; a non-numeric BLANK is an error. */
export function imageScaling(header: FitsHeader, bitpix: Bitpix): ImageScaling {
  const blank = bitpix > 0 ? header.get('BLANK') : undefined;
  if (blank !== undefined && typeof blank !== 'number' && typeof blank !== 'bigint') {
    throw new FitsError(`BLANK = ${JSON.stringify(String(blank))} is not an integer`, header.locate('BLANK'));
  }
  return {
    bscale: header.optionalNumber('BSCALE', 1),
    bzero: header.optionalNumber('BZERO', 0),
    ...(blank !== undefined ? {blank} : {}),
  };
}

/** Row-major shape from FITS axes. */
export function shapeOf(naxis: readonly number[]): number[] {
  return [...naxis].reverse();
}

class ImageHdu implements FitsImageHdu {
  readonly kind = 'image' as const;
  readonly index: number;
  readonly bitpix: Bitpix;
  readonly naxis: readonly number[];
  readonly shape: readonly number[];
  private bytes: Uint8Array | undefined;
  private decoded: PixelArray | undefined;

  constructor(layout: HduLayout, readonly header: FitsHeader, data: Uint8Array, readonly name: string) {
    this.index = layout.index;
    this.bitpix = layout.bitpix;
    this.naxis = layout.naxis;
    this.shape = shapeOf(layout.naxis);
    this.bytes = data;
  }

  get data(): PixelArray {
    if (!this.decoded) {
      const count = this.naxis.reduce((a, b) => a * b, 1);
      this.decoded = decodeImage(this.bytes!, count, this.bitpix, imageScaling(this.header, this.bitpix));
      this.bytes = undefined;
    }
    return this.decoded;
  }
}

class CompressedImageHdu implements FitsImageHdu {
  readonly kind = 'image' as const;
  readonly index: number;
  readonly bitpix: Bitpix;
  readonly naxis: readonly number[];
  readonly shape: readonly number[];
  readonly header: FitsHeader;
  readonly compression: string;
  private readonly table: BinaryTable;
  private decoded: PixelArray | undefined;

  constructor(layout: HduLayout, readonly tableHeader: FitsHeader, data: Uint8Array, readonly name: string) {
    this.index = layout.index;
    const info = compressedImageInfo(tableHeader);
    this.bitpix = info.bitpix;
    this.naxis = info.naxis;
    this.shape = shapeOf(info.naxis);
    this.compression = info.algorithm;
    this.header = imageHeaderFromCompressed(tableHeader);
    this.table = new BinaryTable(tableHeader, data, layout.index);
  }

  get data(): PixelArray {
    this.decoded ??= decompressImage(this.table, this.tableHeader, this.header, this.index);
    return this.decoded;
  }
}

class TableHdu implements FitsTableHdu {
  readonly kind: 'bintable' | 'table';
  readonly index: number;
  readonly columns: readonly string[];
  readonly columnInfo: readonly FitsColumn[];
  readonly nrows: number;
  private readonly table: BinaryTable | AsciiTable;

  constructor(layout: HduLayout, readonly header: FitsHeader, data: Uint8Array, readonly name: string) {
    this.index = layout.index;
    this.kind = layout.kind as 'bintable' | 'table';
    this.table = this.kind === 'bintable' ? new BinaryTable(header, data, layout.index) : new AsciiTable(header, data, layout.index);
    this.columnInfo = this.table.columns;
    this.columns = this.table.columns.map((c) => c.name);
    this.nrows = this.table.nrows;
  }

  rows(): FitsRow[] {
    return this.table.rows();
  }

  column(name: string): FitsColumnValues {
    const i = this.table.columnIndex(name);
    if (i < 0) throw new FitsError(`no column ${JSON.stringify(name)}; columns are ${this.columns.join(', ')}`, {hdu: this.index});
    return this.table.column(i);
  }
}
