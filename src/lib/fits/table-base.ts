/** What binary and ASCII tables share: column look-up by name and rows as records, on top of `cell`. */
import type {FitsCell, FitsColumn, FitsColumnValues, FitsRow} from './table-types';

/** A table whose cells can be read one at a time. */
export abstract class TableBase {
  abstract readonly columns: readonly FitsColumn[];
  abstract readonly nrows: number;

  /** One cell (0-based row and column). */
  abstract cell(row: number, col: number): FitsCell;

  /** A whole column. */
  abstract column(col: number): FitsColumnValues;

  /** Index of a column by name (exact, else case-insensitive as FITS column names are), -1 when absent. */
  columnIndex(name: string): number {
    const exact = this.columns.findIndex((c) => c.name === name);
    return exact >= 0 ? exact : this.columns.findIndex((c) => c.name.toUpperCase() === name.toUpperCase());
  }

  /** All rows as records. */
  rows(): FitsRow[] {
    const out: FitsRow[] = [];
    for (let r = 0; r < this.nrows; r++) {
      const row: FitsRow = {};
      this.columns.forEach((c, i) => (row[c.name] = this.cell(r, i)));
      out.push(row);
    }
    return out;
  }
}
