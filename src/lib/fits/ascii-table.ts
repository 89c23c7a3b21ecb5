/**
 * ASCII tables (XTENSION = 'TABLE'): fixed-width text fields at TBCOLn with Fortran formats Aw, Iw, Fw.d, Ew.d,
 * Dw.d. A field equal to TNULLn (or blank) is null; Fortran `D` exponents and implied decimal points are honoured.
 */
import {columnKeywords} from './bintable';
import {FitsError} from './errors';
import type {FitsHeader} from './header';
import {TableBase} from './table-base';
import type {FitsCell, FitsColumn, FitsColumnValues} from './table-types';

const ASCII_TFORM_RE = /^\s*([AIFED])(\d+)(?:\.(\d+))?/i;

/** An ASCII table's rows, decoded on demand. */
export class AsciiTable extends TableBase {
  readonly columns: readonly FitsColumn[];
  readonly nrows: number;
  readonly rowBytes: number;
  private readonly data: Uint8Array;
  private readonly decimals: number[];

  constructor(header: FitsHeader, data: Uint8Array, hdu: number) {
    super();
    const n = header.requireInt('TFIELDS', 0, 999);
    this.rowBytes = header.requireInt('NAXIS1', 0);
    this.nrows = header.requireInt('NAXIS2', 0);
    this.data = data;
    const columns: FitsColumn[] = [];
    this.decimals = [];
    for (let i = 1; i <= n; i++) {
      const tform = header.getString(`TFORM${i}`);
      const m = tform === undefined ? null : ASCII_TFORM_RE.exec(tform);
      if (!m) throw new FitsError(`TFORM${i} = ${JSON.stringify(tform)} is not an ASCII-table format`, {hdu, ...header.locate(`TFORM${i}`)});
      const start = header.requireInt(`TBCOL${i}`, 1, this.rowBytes);
      const width = Number(m[2]);
      if (start - 1 + width > this.rowBytes) {
        throw new FitsError(`column ${i} (TBCOL${i} = ${start}, width ${width}) runs past NAXIS1 = ${this.rowBytes}`, header.locate(`TBCOL${i}`));
      }
      const letter = m[1].toUpperCase() as 'A' | 'I' | 'F' | 'E' | 'D';
      columns.push({...columnKeywords(header, i), format: tform!.trim(), type: letter, repeat: 1, offset: start - 1, width});
      this.decimals.push(m[3] === undefined ? 0 : Number(m[3]));
    }
    this.columns = columns;
  }


  /** One cell: a string for `A` columns, a number (or null) otherwise. */
  cell(row: number, col: number): FitsCell {
    const c = this.columns[col];
    const at = row * this.rowBytes + c.offset;
    let text = '';
    for (let i = at; i < at + c.width; i++) text += String.fromCharCode(this.data[i]);
    if (c.type === 'A') return text.trimEnd();
    const token = text.trim();
    if (token === '' || (typeof c.nullValue === 'string' && token === c.nullValue.trim())) return null;
    let value = Number(token.replace(/[dD]/, 'E'));
    if (Number.isNaN(value)) throw new FitsError(`column ${c.name} row ${row + 1}: ${JSON.stringify(token)} is not a number`);
    // Fortran: a real field without a decimal point has d implied decimals.
    if (c.type !== 'I' && !token.includes('.')) value /= 10 ** this.decimals[col];
    return value * c.scale + c.zero;
  }


  /** A whole column: numbers (Float64Array, NaN for nulls) or strings. */
  column(col: number): FitsColumnValues {
    if (this.columns[col].type === 'A') return Array.from({length: this.nrows}, (_, r) => this.cell(r, col) as string);
    return Float64Array.from({length: this.nrows}, (_, r) => (this.cell(r, col) as number | null) ?? NaN);
  }
}
