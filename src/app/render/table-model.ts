/**
 * What a table shows for a given sort, filter and page: row order, the page's rows, counts. Pure (no DOM), so it is
 * tested in Node; sorting and the filter's search text are computed once and reused while the user pages.
 */
import type {TableCell, TableColumn, TableSpec} from '../../lib/plot/table/table-spec';

/** Sorting by one column. */
export interface TableSort {
  column: number;
  direction: 'ascending' | 'descending';
}

/** What the user asked the table for. */
export interface TableQuery {
  sort?: TableSort;
  /** Rows whose text contains this (case-insensitive); all rows when empty. */
  filter: string;
  /** 0-based page. */
  page: number;
  pageSize: number;
}

/** One page of a table. */
export interface TablePage {
  /** Indices into `spec.rows`, in display order. */
  rows: number[];
  /** Rows matching the filter. */
  matching: number;
  /** The page shown (clamped to the pages there are), 0-based, and the number of pages. */
  page: number;
  pages: number;
  /** Index (in the matching rows) of the first row shown. */
  first: number;
}

/** A cell as text: numbers with the column's decimals or up to 8 significant digits, empty for null. */
export function formatTableCell(value: TableCell, column: TableColumn): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (column.digits !== undefined) return value.toFixed(column.digits);
    return Number.isInteger(value) && Math.abs(value) < 1e15 ? String(value) : String(Number(value.toPrecision(8)));
  }
  return String(value);
}

/** Whether a cell has no value (empty or NaN). */
function missing(v: TableCell): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}

/** Orders cells: numbers numerically, text naturally ("a2" before "a10"), booleans false first; empty and NaN last. */
export function compareCells(a: TableCell, b: TableCell): number {
  if (missing(a) || missing(b)) return Number(missing(a)) - Number(missing(b));
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a).localeCompare(String(b), undefined, {numeric: true});
}

/** A table's views, with sort orders and search text cached. */
export function tableModel(spec: TableSpec): {view: (query: TableQuery) => TablePage} {
  const orders = new Map<string, number[]>();
  let searchText: string[] | undefined;
  const natural = spec.rows.map((_, i) => i);

  const order = (sort: TableSort | undefined): number[] => {
    if (!sort) return natural;
    const key = `${sort.column}:${sort.direction}`;
    let cached = orders.get(key);
    if (!cached) {
      const sign = sort.direction === 'ascending' ? 1 : -1;
      const cells = spec.rows.map((row) => row[sort.column]);
      // Missing values stay last in both directions; ties keep the source order.
      cached = [...natural].sort((i, j) => {
        const a = cells[i];
        const b = cells[j];
        if (missing(a) || missing(b)) return compareCells(a, b) || i - j;
        return sign * compareCells(a, b) || i - j;
      });
      orders.set(key, cached);
    }
    return cached;
  };

  return {
    view(query) {
      let rows = order(query.sort);
      const needle = query.filter.trim().toLowerCase();
      if (needle) {
        searchText ??= spec.rows.map((row) => row.map((cell, c) => formatTableCell(cell, spec.columns[c])).join('\u0000').toLowerCase());
        const text = searchText;
        rows = rows.filter((i) => text[i].includes(needle));
      }
      const pages = Math.max(1, Math.ceil(rows.length / query.pageSize));
      const page = Math.min(Math.max(0, query.page), pages - 1);
      const first = page * query.pageSize;
      return {rows: rows.slice(first, first + query.pageSize), matching: rows.length, page, pages, first};
    },
  };
}
