/**
 * `writeFits`: images (every BITPIX; BSCALE/BZERO scaling, unsigned integers through BZERO, NaN → BLANK) and binary
 * tables (L, B, I, J, K, A, E, D; fixed-size vector columns) to a FITS file that astropy reads back identically.
 * Integer scaling rounds half to even, as numpy (and so astropy) does.
 */
import {concatBytes} from '../data/bytes';
import type {FitsCard, FitsHeaderValue} from './card';
import {formatCards} from './card-format';
import {FitsError} from './errors';
import {BLOCK, FitsHeader} from './header';
import type {Bitpix} from './layout';
import type {NumericTypedArray} from './table-types';

/** Numeric pixel data the writer accepts. */
export type FitsWritableArray = NumericTypedArray | Uint8ClampedArray | readonly number[];

/** Extra header cards: a header, a list of cards, or a keyword → value record. */
export type FitsHeaderInput = FitsHeader | readonly FitsCard[] | Readonly<Record<string, FitsHeaderValue>>;

/** An image to write. */
export interface FitsImageInput {
  kind?: 'image';
  /** Pixel values, row-major (first row = FITS y = 1). */
  data: FitsWritableArray;
  /** Row-major shape, slowest axis first, e.g. [height, width]. */
  shape: readonly number[];
  /**
   * Stored type. Defaults from the array: Float32Array → -32, Float64Array/number[] → -64, Int16Array → 16,
   * Int32Array → 32, Uint8Array → 8, BigInt64Array → 64; Uint16Array/Uint32Array/BigUint64Array/Int8Array are stored
   * as 16/32/64/8 with the unsigned (or signed-byte) BZERO.
   */
  bitpix?: Bitpix;
  /** Physical = BZERO + BSCALE × stored. Integer BITPIX: values are rounded (half to even) after unscaling. */
  bscale?: number;
  bzero?: number;
  /** Store integers unsigned through BZERO = 2^(bits-1) (for BITPIX 8: signed bytes through BZERO = -128). */
  unsigned?: boolean;
  /** Stored integer that marks NaN pixels (integer BITPIX). Defaults to the type's most negative value. */
  blank?: number;
  /** EXTNAME. */
  name?: string;
  header?: FitsHeaderInput;
}

/** Column values the writer accepts: one value per row, or a flat typed array with `repeat` values per row. */
export type FitsColumnInputData =
  | FitsWritableArray
  | readonly string[]
  | readonly boolean[]
  | readonly bigint[]
  | readonly (readonly number[])[];

/** A binary-table column to write. */
export interface FitsColumnInput {
  name: string;
  data: FitsColumnInputData;
  /** TFORM, e.g. `E`, `3D`, `20A`, `J`. Inferred from the data when absent. */
  format?: string;
  /** Values per row for flat typed arrays (vector columns). */
  repeat?: number;
  unit?: string;
}

/** A binary table to write. */
export interface FitsTableInput {
  kind: 'bintable';
  columns: readonly FitsColumnInput[];
  name?: string;
  header?: FitsHeaderInput;
}

/** An HDU without data (e.g. a primary HDU holding only keywords). */
export interface FitsEmptyInput {
  kind: 'empty';
  name?: string;
  header?: FitsHeaderInput;
}

/** Anything `writeFits` writes as one HDU. */
export type FitsHduInput = FitsImageInput | FitsTableInput | FitsEmptyInput;

const STRUCTURAL = /^(SIMPLE|XTENSION|BITPIX|NAXIS\d*|EXTEND|PCOUNT|GCOUNT|TFIELDS|BSCALE|BZERO|BLANK|EXTNAME|END|CHECKSUM|DATASUM|THEAP|(TTYPE|TFORM|TUNIT|TDIM|TSCAL|TZERO|TNULL|TDISP|TBCOL)\d+)$/;

/**
 * Writes HDUs to FITS bytes. A table given first gets an empty primary HDU in front of it, as FITS requires.
 */
export function writeFits(input: FitsHduInput | readonly FitsHduInput[]): Uint8Array<ArrayBuffer> {
  const hdus = Array.isArray(input) ? [...(input as readonly FitsHduInput[])] : [input as FitsHduInput];
  if (hdus.length === 0) throw new FitsError('writeFits needs at least one HDU');
  if (hdus[0].kind === 'bintable') hdus.unshift({kind: 'empty'});
  const parts = hdus.map((hdu, index) => {
    try {
      if (hdu.kind === 'bintable') return tableHdu(hdu);
      if (hdu.kind === 'empty') return emptyHdu(hdu, index);
      return imageHdu(hdu, index);
    } catch (e) {
      if (e instanceof FitsError && e.location.hdu === undefined) throw new FitsError(`writing: ${e.message.replace(/^FITS: /, '')}`, {hdu: index});
      throw e;
    }
  });
  return concatBytes(parts);
}

function structuralStart(index: number, bitpix: Bitpix, naxis: readonly number[]): FitsCard[] {
  const cards: FitsCard[] = [
    index === 0
      ? {keyword: 'SIMPLE', value: true, comment: 'conforms to FITS standard'}
      : {keyword: 'XTENSION', value: 'IMAGE', comment: 'image extension'},
    {keyword: 'BITPIX', value: bitpix, comment: 'array data type'},
    {keyword: 'NAXIS', value: naxis.length, comment: 'number of array dimensions'},
    ...naxis.map((n, i) => ({keyword: `NAXIS${i + 1}`, value: n, comment: ''})),
  ];
  if (index === 0) cards.push({keyword: 'EXTEND', value: true, comment: ''});
  else cards.push({keyword: 'PCOUNT', value: 0, comment: ''}, {keyword: 'GCOUNT', value: 1, comment: ''});
  return cards;
}

function userCards(header: FitsHeaderInput | undefined, name: string | undefined): FitsCard[] {
  const cards: FitsCard[] = [];
  if (name !== undefined) cards.push({keyword: 'EXTNAME', value: name, comment: 'extension name'});
  if (!header) return cards;
  const list =
    header instanceof FitsHeader
      ? header.cards
      : Array.isArray(header)
        ? (header as readonly FitsCard[])
        : FitsHeader.fromRecord(header as Record<string, FitsHeaderValue>).cards;
  for (const c of list) {
    if (STRUCTURAL.test(c.keyword) && !(c.keyword === 'EXTNAME' && name === undefined)) continue;
    cards.push(c);
  }
  return cards;
}

function headerBytes(cards: readonly FitsCard[]): Uint8Array {
  const images = formatCards(cards);
  images.push('END'.padEnd(80));
  const size = Math.ceil((images.length * 80) / BLOCK) * BLOCK;
  const out = new Uint8Array(size).fill(32);
  images.forEach((image, i) => {
    for (let k = 0; k < 80; k++) out[i * 80 + k] = image.charCodeAt(k);
  });
  return out;
}

function withData(header: Uint8Array, data: Uint8Array): Uint8Array {
  const padded = Math.ceil(data.length / BLOCK) * BLOCK;
  const out = new Uint8Array(header.length + padded);
  out.set(header);
  out.set(data, header.length);
  return out;
}

function emptyHdu(hdu: FitsEmptyInput, index: number): Uint8Array {
  const cards = structuralStart(index, 8, []);
  return headerBytes([...cards, ...userCards(hdu.header, hdu.name)]);
}

// ---- images ----

interface StorageChoice {
  bitpix: Bitpix;
  bscale: number;
  bzero: number;
}

function storageFor(image: FitsImageInput): StorageChoice {
  const d = image.data;
  let bitpix = image.bitpix;
  let bzero = image.bzero;
  if (bitpix === undefined) {
    if (d instanceof Float32Array) bitpix = -32;
    else if (d instanceof Int16Array) bitpix = 16;
    else if (d instanceof Int32Array) bitpix = 32;
    else if (d instanceof Uint8Array || d instanceof Uint8ClampedArray) bitpix = 8;
    else if (d instanceof BigInt64Array) bitpix = 64;
    else if (d instanceof Uint16Array) [bitpix, bzero] = [16, bzero ?? 32768];
    else if (d instanceof Uint32Array) [bitpix, bzero] = [32, bzero ?? 2147483648];
    else if (d instanceof BigUint64Array) [bitpix, bzero] = [64, bzero ?? 9223372036854775808];
    else if (d instanceof Int8Array) [bitpix, bzero] = [8, bzero ?? -128];
    else bitpix = -64;
  }
  if (![8, 16, 32, 64, -32, -64].includes(bitpix)) throw new FitsError(`BITPIX ${bitpix} is not one of 8, 16, 32, 64, -32, -64`);
  if (image.unsigned) {
    if (bitpix < 0) throw new FitsError('unsigned storage needs an integer BITPIX');
    bzero = bitpix === 8 ? -128 : 2 ** (bitpix - 1);
  }
  return {bitpix, bscale: image.bscale ?? 1, bzero: bzero ?? 0};
}

const INT_RANGE: Record<number, [number, number]> = {8: [0, 255], 16: [-32768, 32767], 32: [-2147483648, 2147483647]};

function imageHdu(image: FitsImageInput, index: number): Uint8Array {
  const shape = image.shape;
  const count = shape.reduce((a, b) => a * b, 1);
  if (shape.length === 0 || shape.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new FitsError(`image shape ${JSON.stringify(shape)} must be a list of non-negative integers`);
  }
  if (image.data.length !== count) {
    throw new FitsError(`image data has ${image.data.length} values but shape ${shape.join('x')} needs ${count}`);
  }
  const {bitpix, bscale, bzero} = storageFor(image);
  if (bscale === 0 || !Number.isFinite(bscale) || !Number.isFinite(bzero)) throw new FitsError(`BSCALE = ${bscale}, BZERO = ${bzero} cannot be used`);
  const naxis = [...shape].reverse();
  const cards = structuralStart(index, bitpix, naxis);
  const blank = bitpix > 0 ? (image.blank ?? (bitpix === 8 ? 255 : bitpix === 64 ? undefined : INT_RANGE[bitpix][0])) : undefined;
  const data = encodeImage(image.data, bitpix, bscale, bzero, blank);
  if (bscale !== 1) cards.push({keyword: 'BSCALE', value: bscale, comment: ''});
  if (bzero !== 0 || bscale !== 1) cards.push({keyword: 'BZERO', value: bzero, comment: ''});
  if (data.hasBlank) cards.push({keyword: 'BLANK', value: data.blank, comment: 'stored value of NaN pixels'});
  return withData(headerBytes([...cards, ...userCards(image.header, image.name)]), data.bytes);
}

function encodeImage(
  values: FitsWritableArray,
  bitpix: Bitpix,
  bscale: number,
  bzero: number,
  blank: number | undefined,
): {bytes: Uint8Array; hasBlank: boolean; blank: number | bigint} {
  const n = values.length;
  const size = Math.abs(bitpix) / 8;
  const bytes = new Uint8Array(n * size);
  const view = new DataView(bytes.buffer);
  let hasBlank = false;
  const identity = bscale === 1 && bzero === 0;
  if (bitpix === 64) {
    const blank64 = blank === undefined ? -9223372036854775808n : BigInt(blank);
    const bigZero = Number.isInteger(bzero) && bscale === 1 ? BigInt(bzero) : undefined;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let stored: bigint;
      if (typeof v === 'bigint') {
        stored = bigZero !== undefined ? v - bigZero : BigInt(roundHalfEven((Number(v) - bzero) / bscale));
      } else if (Number.isNaN(v)) {
        stored = blank64;
        hasBlank = true;
      } else {
        const s = identity ? v : roundHalfEven((v - bzero) / bscale);
        if (!Number.isSafeInteger(s)) throw new FitsError(`pixel ${i} = ${v} cannot be stored exactly as a 64-bit integer from a JS number`);
        stored = BigInt(s);
      }
      if (stored < -9223372036854775808n || stored > 9223372036854775807n) throw new FitsError(`pixel ${i} = ${v} does not fit BITPIX 64`);
      view.setBigInt64(i * 8, stored);
    }
    return {bytes, hasBlank, blank: blank64};
  }
  if (bitpix < 0) {
    const s32 = Math.fround(bscale);
    const z32 = Math.fround(bzero);
    for (let i = 0; i < n; i++) {
      const v = Number(values[i]);
      if (bitpix === -32) view.setFloat32(i * 4, identity ? v : (v - z32) / s32);
      else view.setFloat64(i * 8, identity ? v : (v - bzero) / bscale);
    }
    return {bytes, hasBlank: false, blank: 0};
  }
  const [lo, hi] = INT_RANGE[bitpix];
  for (let i = 0; i < n; i++) {
    const v = Number(values[i]);
    let stored: number;
    if (Number.isNaN(v)) {
      if (blank === undefined) throw new FitsError(`pixel ${i} is NaN and no BLANK value can represent it`);
      stored = blank;
      hasBlank = true;
    } else {
      stored = identity ? v : roundHalfEven((v - bzero) / bscale);
      if (!Number.isInteger(stored)) stored = roundHalfEven(stored);
      if (stored < lo || stored > hi) {
        throw new FitsError(`pixel ${i} = ${v} does not fit BITPIX ${bitpix} with BSCALE = ${bscale}, BZERO = ${bzero} (stored ${stored})`);
      }
    }
    if (bitpix === 8) bytes[i] = stored;
    else if (bitpix === 16) view.setInt16(i * 2, stored);
    else view.setInt32(i * 4, stored);
  }
  return {bytes, hasBlank, blank: blank ?? 0};
}

/** Rounds half to even, as numpy's `around` does. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// ---- binary tables ----

interface ColumnPlan {
  name: string;
  type: 'L' | 'B' | 'I' | 'J' | 'K' | 'A' | 'E' | 'D';
  repeat: number;
  zero: number;
  unit?: string;
  cell: (row: number, element: number) => number | bigint | string | boolean | null;
}

const TYPE_BYTES = {L: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8} as const;

function planColumn(column: FitsColumnInput, rows: number | undefined): {plan: ColumnPlan; rows: number} {
  const d = column.data;
  const explicit = column.format ? /^\s*(\d*)([LBIJKAED])\s*$/i.exec(column.format) : null;
  if (column.format && !explicit) throw new FitsError(`column ${column.name}: TFORM ${JSON.stringify(column.format)} is not one the writer supports (rL, rB, rI, rJ, rK, rA, rE, rD)`);
  const nested = Array.isArray(d) && d.length > 0 && Array.isArray(d[0]);
  const strings = Array.isArray(d) && d.length > 0 && typeof d[0] === 'string';
  let repeat = column.repeat ?? (explicit && explicit[1] ? Number(explicit[1]) : 1);
  let nrows: number;
  if (nested) {
    const arr = d as readonly (readonly number[])[];
    repeat = column.repeat ?? arr[0].length;
    if (arr.some((r) => r.length !== repeat)) throw new FitsError(`column ${column.name}: vector cells must all have ${repeat} values`);
    nrows = arr.length;
  } else if (strings) {
    nrows = d.length;
    if (!explicit) repeat = Math.max(1, ...(d as readonly string[]).map((s) => s.length));
  } else {
    if (d.length % repeat !== 0) throw new FitsError(`column ${column.name}: ${d.length} values are not a whole number of rows of ${repeat}`);
    nrows = d.length / repeat;
  }
  if (rows !== undefined && nrows !== rows) throw new FitsError(`column ${column.name} has ${nrows} rows, the first column has ${rows}`);
  let type: ColumnPlan['type'];
  let zero = 0;
  if (explicit) type = explicit[2].toUpperCase() as ColumnPlan['type'];
  else if (strings) type = 'A';
  else if (nested) type = 'D';
  else if (d instanceof Float32Array) type = 'E';
  else if (d instanceof Int16Array) type = 'I';
  else if (d instanceof Int32Array) type = 'J';
  else if (d instanceof Uint8Array || d instanceof Uint8ClampedArray) type = 'B';
  else if (d instanceof BigInt64Array) type = 'K';
  else if (d instanceof Uint16Array) [type, zero] = ['I', 32768];
  else if (d instanceof Uint32Array) [type, zero] = ['J', 2147483648];
  else if (d instanceof BigUint64Array) [type, zero] = ['K', 9223372036854775808];
  else if (d instanceof Int8Array) [type, zero] = ['B', -128];
  else if (Array.isArray(d) && d.length > 0 && typeof d[0] === 'boolean') type = 'L';
  else if (Array.isArray(d) && d.length > 0 && typeof d[0] === 'bigint') type = 'K';
  else type = 'D';
  const cell = nested
    ? (r: number, e: number) => (d as readonly (readonly number[])[])[r][e]
    : strings
      ? (r: number) => (d as readonly string[])[r]
      : (r: number, e: number) => (d as ArrayLike<number | bigint | boolean>)[r * repeat + e];
  return {plan: {name: column.name, type, repeat, zero, ...(column.unit ? {unit: column.unit} : {}), cell}, rows: nrows};
}

function tableHdu(table: FitsTableInput): Uint8Array {
  if (table.columns.length === 0) throw new FitsError('a binary table needs at least one column');
  let rows: number | undefined;
  const plans = table.columns.map((c) => {
    const planned = planColumn(c, rows);
    rows = planned.rows;
    return planned.plan;
  });
  const nrows = rows ?? 0;
  const widths = plans.map((p) => p.repeat * TYPE_BYTES[p.type]);
  const rowBytes = widths.reduce((a, b) => a + b, 0);
  const cards: FitsCard[] = [
    {keyword: 'XTENSION', value: 'BINTABLE', comment: 'binary table extension'},
    {keyword: 'BITPIX', value: 8, comment: ''},
    {keyword: 'NAXIS', value: 2, comment: ''},
    {keyword: 'NAXIS1', value: rowBytes, comment: 'bytes per row'},
    {keyword: 'NAXIS2', value: nrows, comment: 'number of rows'},
    {keyword: 'PCOUNT', value: 0, comment: ''},
    {keyword: 'GCOUNT', value: 1, comment: ''},
    {keyword: 'TFIELDS', value: plans.length, comment: ''},
  ];
  plans.forEach((p, i) => {
    cards.push({keyword: `TTYPE${i + 1}`, value: p.name, comment: ''});
    cards.push({keyword: `TFORM${i + 1}`, value: `${p.repeat}${p.type}`, comment: ''});
    if (p.unit) cards.push({keyword: `TUNIT${i + 1}`, value: p.unit, comment: ''});
    if (p.zero !== 0) cards.push({keyword: `TZERO${i + 1}`, value: p.zero, comment: ''});
  });
  const bytes = new Uint8Array(rowBytes * nrows);
  const view = new DataView(bytes.buffer);
  for (let r = 0; r < nrows; r++) {
    let at = r * rowBytes;
    plans.forEach((p, c) => {
      writeCell(view, bytes, at, p, r);
      at += widths[c];
    });
  }
  return withData(headerBytes([...cards, ...userCards(table.header, table.name)]), bytes);
}

/** A B/I/J cell's stored integer; a value that would be wrapped or truncated is an error, not silent corruption. */
function storedInteger(p: ColumnPlan, row: number, element: number, value: unknown, lo: number, hi: number): number {
  const stored = Number(value) - p.zero;
  if (!Number.isInteger(stored) || stored < lo || stored > hi) {
    const where = p.repeat > 1 ? ` element ${element + 1}` : '';
    throw new FitsError(`column ${p.name} row ${row + 1}${where}: ${String(value)} does not fit TFORM ${p.type}${p.zero ? ` with TZERO = ${p.zero}` : ''} (integers ${lo + p.zero} to ${hi + p.zero})`);
  }
  return stored;
}

function writeCell(view: DataView, bytes: Uint8Array, at: number, p: ColumnPlan, row: number): void {
  if (p.type === 'A') {
    const s = String(p.cell(row, 0) ?? '');
    if (s.length > p.repeat) throw new FitsError(`column ${p.name} row ${row + 1}: ${JSON.stringify(s)} is longer than ${p.repeat} characters`);
    for (let k = 0; k < p.repeat; k++) {
      const code = k < s.length ? s.charCodeAt(k) : 32;
      if (code > 126) throw new FitsError(`column ${p.name} row ${row + 1}: non-ASCII character in ${JSON.stringify(s)}`);
      bytes[at + k] = code;
    }
    return;
  }
  const size = TYPE_BYTES[p.type];
  for (let e = 0; e < p.repeat; e++, at += size) {
    const v = p.cell(row, e);
    switch (p.type) {
      case 'L':
        bytes[at] = v === null || v === undefined ? 0 : v ? 84 : 70;
        break;
      case 'B':
        bytes[at] = storedInteger(p, row, e, v, ...INT_RANGE[8]);
        break;
      case 'I':
        view.setInt16(at, storedInteger(p, row, e, v, ...INT_RANGE[16]));
        break;
      case 'J':
        view.setInt32(at, storedInteger(p, row, e, v, ...INT_RANGE[32]));
        break;
      case 'K':
        view.setBigInt64(at, BigInt(v as number | bigint) - BigInt(p.zero));
        break;
      case 'E':
        view.setFloat32(at, Number(v));
        break;
      case 'D':
        view.setFloat64(at, Number(v));
        break;
    }
  }
}
