/**
 * Binary tables (XTENSION = 'BINTABLE'): column descriptions from TFORMn and friends, cells decoded on demand from
 * the big-endian row bytes, variable-length (P/Q) arrays from the heap, TSCAL/TZERO scaling (unsigned integers
 * through TZERO exact) and TNULL → null.
 */
import {FitsError} from './errors';
import type {FitsHeader} from './header';
import {TableBase} from './table-base';
import type {FitsCell, FitsColumn, FitsColumnType, FitsColumnValues, FitsScalar} from './table-types';

const TFORM_RE = /^\s*(\d*)\s*([LXBIJKAEDCMPQ])\s*([LXBIJKAEDCM]?)\s*(?:\((\d+)\))?/i;

const ELEMENT_BYTES: Record<string, number> = {L: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8, C: 8, M: 16, P: 8, Q: 16};

/** Parses a binary-table TFORM, e.g. `3E`, `20A`, `1PB(53)`, `QD`. */
function parseBinaryTform(tform: string, where: () => string): {type: FitsColumnType; repeat: number; variable?: 'P' | 'Q'; width: number} {
  const m = TFORM_RE.exec(tform);
  if (!m) throw new FitsError(`${where()}: cannot parse TFORM ${JSON.stringify(tform)}`);
  const repeat = m[1] === '' ? 1 : Number(m[1]);
  const letter = m[2].toUpperCase();
  if (letter === 'P' || letter === 'Q') {
    const type = (m[3] || 'B').toUpperCase() as FitsColumnType;
    if (type === 'X') throw new FitsError(`${where()}: variable-length bit arrays (${tform}) are not supported`);
    return {type, repeat: m[4] ? Number(m[4]) : 0, variable: letter, width: repeat === 0 ? 0 : ELEMENT_BYTES[letter]};
  }
  const type = letter as FitsColumnType;
  const width = type === 'X' ? Math.ceil(repeat / 8) : repeat * ELEMENT_BYTES[type];
  return {type, repeat, width};
}

/** Reads the column descriptions of a binary-table header (TFORMn, checked to add up to NAXIS1). */
export function binaryColumns(header: FitsHeader, hdu: number): FitsColumn[] {
  const n = header.requireInt('TFIELDS', 0, 999);
  const rowBytes = header.requireInt('NAXIS1', 0);
  const columns: FitsColumn[] = [];
  let offset = 0;
  for (let i = 1; i <= n; i++) {
    const tform = header.getString(`TFORM${i}`);
    if (tform === undefined) throw new FitsError(`TFORM${i} is missing or not a string`, {hdu, ...header.locate(`TFORM${i}`)});
    const parsed = parseBinaryTform(tform, () => `HDU ${hdu}, TFORM${i}`);
    columns.push({...columnKeywords(header, i), format: tform.trim(), ...parsed, offset});
    offset += parsed.width;
  }
  if (offset !== rowBytes) {
    throw new FitsError(`the columns' TFORMs add up to ${offset} bytes per row but NAXIS1 = ${rowBytes}`, header.locate('NAXIS1'));
  }
  return columns;
}

/** The keywords every table column may have (name, unit, dims, scaling, null). */
export function columnKeywords(header: FitsHeader, i: number): Pick<FitsColumn, 'name' | 'unit' | 'dims' | 'scale' | 'zero' | 'nullValue'> {
  const name = header.getString(`TTYPE${i}`)?.trim() || `col${i}`;
  const unit = header.getString(`TUNIT${i}`)?.trim();
  const tdim = header.getString(`TDIM${i}`);
  const nullRaw = header.get(`TNULL${i}`);
  return {
    name,
    ...(unit ? {unit} : {}),
    ...(tdim ? {dims: tdim.replace(/[()\s]/g, '').split(',').map(Number)} : {}),
    scale: header.optionalNumber(`TSCAL${i}`, 1),
    zero: header.optionalNumber(`TZERO${i}`, 0),
    ...(typeof nullRaw === 'number' || typeof nullRaw === 'bigint' || typeof nullRaw === 'string' ? {nullValue: nullRaw} : {}),
  };
}

/** A binary table's rows, decoded on demand. */
export class BinaryTable extends TableBase {
  readonly columns: readonly FitsColumn[];
  readonly nrows: number;
  readonly rowBytes: number;
  private readonly view: DataView;
  private readonly heapStart: number;
  private readonly hdu: number;

  /** `data` is the data unit (main table then heap), exactly as stored. */
  constructor(header: FitsHeader, data: Uint8Array, hdu: number) {
    super();
    this.columns = binaryColumns(header, hdu);
    this.rowBytes = header.requireInt('NAXIS1', 0);
    this.nrows = header.requireInt('NAXIS2', 0);
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.heapStart = header.optionalNumber('THEAP', this.rowBytes * this.nrows);
    this.hdu = hdu;
  }

  /** One cell. */
  cell(row: number, col: number): FitsCell {
    const c = this.columns[col];
    const at = row * this.rowBytes + c.offset;
    if (c.variable) {
      const {start, count} = this.heapSlice(row, c);
      if (c.type === 'A') return this.string(start, count);
      return this.elements(c, start, count);
    }
    if (c.type === 'A') return this.string(at, c.repeat);
    if (c.type === 'X') {
      const bits: boolean[] = [];
      for (let i = 0; i < c.repeat; i++) bits.push(((this.view.getUint8(at + (i >> 3)) >> (7 - (i & 7))) & 1) === 1);
      return bits;
    }
    if (c.repeat === 1) return this.element(c, at);
    return this.elements(c, at, c.repeat);
  }

  /** Raw bytes of a variable-length cell (for tile-compressed images), without decoding. */
  heapBytes(row: number, col: number): Uint8Array {
    const {start, size} = this.heapSlice(row, this.columns[col]);
    return new Uint8Array(this.view.buffer, this.view.byteOffset + start, size);
  }

  // Reads a P/Q descriptor (element count, byte offset into the heap) and checks that it stays inside the data unit.
  private heapSlice(row: number, c: FitsColumn): {start: number; count: number; size: number} {
    const at = row * this.rowBytes + c.offset;
    const big = c.variable === 'Q';
    const count = big ? Number(this.view.getBigInt64(at)) : this.view.getInt32(at);
    const offset = big ? Number(this.view.getBigInt64(at + 8)) : this.view.getInt32(at + 4);
    const start = this.heapStart + offset;
    const size = count * ELEMENT_BYTES[c.type];
    if (count < 0 || offset < 0 || start + size > this.view.byteLength) {
      throw new FitsError(`column ${c.name} row ${row + 1}: heap descriptor (${count} elements at ${offset}) points outside the heap`, {hdu: this.hdu});
    }
    return {start, count, size};
  }

  /** A whole column: a flat typed array for fixed-width unscaled numeric columns, else one cell per row. */
  column(col: number): FitsColumnValues {
    const c = this.columns[col];
    const typed = !c.variable && this.typedColumn(c);
    if (typed) {
      const zero = c.zero;
      const bigZero = c.type === 'K' ? BigInt(zero) : 0n;
      for (let r = 0, k = 0; r < this.nrows; r++) {
        const at = r * this.rowBytes + c.offset;
        for (let e = 0; e < c.repeat; e++, k++) {
          const raw = this.raw(c.type, at + e * ELEMENT_BYTES[c.type]);
          typed[k] = (typeof raw === 'bigint' ? raw + bigZero : (raw as number) + zero) as never;
        }
      }
      return typed;
    }
    const cells: FitsCell[] = [];
    for (let r = 0; r < this.nrows; r++) cells.push(this.cell(r, col));
    if (c.type === 'A') return cells as string[];
    return cells;
  }

  private typedColumn(c: FitsColumn): FitsColumnValues | undefined {
    const n = this.nrows * c.repeat;
    const scaled = c.scale !== 1 || c.zero !== 0;
    const unsigned = c.scale === 1 && c.zero === unsignedZero(c.type);
    if ((scaled && !unsigned) || c.nullValue !== undefined) return undefined;
    switch (c.type) {
      case 'B':
        return unsigned ? new Int8Array(n) : new Uint8Array(n);
      case 'I':
        return unsigned ? new Uint16Array(n) : new Int16Array(n);
      case 'J':
        return unsigned ? new Uint32Array(n) : new Int32Array(n);
      case 'K':
        return unsigned ? new BigUint64Array(n) : new BigInt64Array(n);
      case 'E':
        return new Float32Array(n);
      case 'D':
        return new Float64Array(n);
      default:
        return undefined;
    }
  }

  private string(at: number, length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) {
      const b = this.view.getUint8(at + i);
      if (b === 0) break;
      s += String.fromCharCode(b);
    }
    return s.trimEnd();
  }

  private elements(c: FitsColumn, at: number, count: number): FitsScalar[] {
    const out: FitsScalar[] = [];
    const size = ELEMENT_BYTES[c.type];
    for (let i = 0; i < count; i++) out.push(this.element(c, at + i * size));
    return out;
  }

  private element(c: FitsColumn, at: number): FitsScalar {
    const raw = this.raw(c.type, at);
    if (c.type === 'L') return raw === 84 ? true : raw === 70 ? false : null;
    if (c.type === 'C' || c.type === 'M') return raw as FitsScalar;
    if (c.nullValue !== undefined && (c.type === 'B' || c.type === 'I' || c.type === 'J' || c.type === 'K')) {
      if (BigInt(raw as number | bigint) === BigInt(c.nullValue)) return null;
    }
    if (c.scale === 1 && c.zero === 0) return typeof raw === 'bigint' ? safeNumber(raw) : (raw as number);
    if (typeof raw === 'bigint') {
      if (c.scale === 1 && Number.isInteger(c.zero)) return safeNumber(raw + BigInt(c.zero));
      return Number(raw) * c.scale + c.zero;
    }
    return (raw as number) * c.scale + c.zero;
  }

  private raw(type: FitsColumnType, at: number): number | bigint | FitsScalar {
    const v = this.view;
    switch (type) {
      case 'L':
      case 'B':
        return v.getUint8(at);
      case 'I':
        return v.getInt16(at);
      case 'J':
        return v.getInt32(at);
      case 'K':
        return v.getBigInt64(at);
      case 'E':
        return v.getFloat32(at);
      case 'D':
        return v.getFloat64(at);
      case 'C':
        return {re: v.getFloat32(at), im: v.getFloat32(at + 4)};
      case 'M':
        return {re: v.getFloat64(at), im: v.getFloat64(at + 8)};
      default:
        throw new FitsError(`column type ${type} has no numeric elements`);
    }
  }
}

/** The TZERO that marks an unsigned (or, for bytes, signed) integer column. */
function unsignedZero(type: FitsColumnType): number | undefined {
  return {B: -128, I: 32768, J: 2147483648, K: 9223372036854775808}[type as 'B' | 'I' | 'J' | 'K'];
}

function safeNumber(v: bigint): number | bigint {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}
