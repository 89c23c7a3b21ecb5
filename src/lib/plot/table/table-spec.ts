/**
 * The `table` display spec: catalogs, summaries, metrics per class. Cells are plain values; the page sorts,
 * pages and formats them, and always writes them as text (never as HTML).
 */
import type {DisplaySpec} from '../../display';

/** A cell value. */
export type TableCell = string | number | boolean | null;

/** A column: its name, value type, and optionally unit, description and decimals. */
export interface TableColumn {
  name: string;
  /** What the cells hold: numbers sort numerically and align right. */
  type: 'number' | 'string' | 'boolean';
  /** Physical unit, e.g. `deg` or `mag` (SExtractor and FITS tables carry them). */
  unit?: string;
  /** Shown as the header's tooltip. */
  description?: string;
  /** Decimals for numbers; when absent numbers show up to 8 significant digits. */
  digits?: number;
}

/** A table. */
export interface TableSpec extends DisplaySpec {
  readonly $display: 'table';
  caption?: string;
  columns: TableColumn[];
  /** Rows of cells, in column order. */
  rows: TableCell[][];
  /** Rows per page on the page; default 25. */
  pageSize?: number;
  /** Rows in the source when `rows` holds only the first of them (see `maxRows`). */
  totalRows?: number;
}

/** A column by name, or with its unit, description or decimals. */
export type TableColumnInput = string | (Partial<TableColumn> & {name: string});

/**
 * Table data: records (`[{id: 1, ra: 150.1}, …]`, e.g. a FITS table's `rows()` or `interp.mostConfused()`; any
 * objects, interfaces included), columns with rows (arrays or records), or named columns
 * (`{ra: Float64Array, dec: Float64Array}`).
 */
export type TableData =
  | readonly object[]
  | {columns: readonly TableColumnInput[]; rows: readonly (readonly unknown[] | Readonly<Record<string, unknown>>)[]}
  | Readonly<Record<string, ArrayLike<unknown>>>;

/** Options of `tableSpec`. */
export interface TableOptions {
  caption?: string;
  /** Which columns to show, in order, with units or decimals; default: all. */
  columns?: readonly TableColumnInput[];
  pageSize?: number;
  /** Keep at most this many rows in the spec (default 100,000); the page says how many there were. */
  maxRows?: number;
}

const DEFAULT_MAX_ROWS = 100_000;
const MAX_ARRAY_CELL = 8;

/** A value as a table cell: numbers, strings and booleans as they are, vectors and objects as short text. */
export function toCell(value: unknown): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const shown = items.slice(0, MAX_ARRAY_CELL).map((v) => String(toCell(v)));
    return `[${shown.join(', ')}${items.length > MAX_ARRAY_CELL ? `, … (${items.length})` : ''}]`;
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function columnInput(c: TableColumnInput): Partial<TableColumn> & {name: string} {
  return typeof c === 'string' ? {name: c} : c;
}

/** Column names and a getter for cell (row, column name), for each form of `TableData`. */
function accessor(data: TableData): {names: string[]; length: number; get: (row: number, name: string) => unknown; given: TableColumnInput[]} {
  if (Array.isArray(data)) {
    const records = data as readonly Record<string, unknown>[];
    const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
    return {names, length: records.length, get: (i, name) => records[i][name], given: []};
  }
  const d = data as {columns?: unknown; rows?: unknown};
  if (Array.isArray(d.columns) && Array.isArray(d.rows)) {
    const given = d.columns as TableColumnInput[];
    const names = given.map((c) => columnInput(c).name);
    const rows = d.rows as readonly (readonly unknown[] | Record<string, unknown>)[];
    const index = new Map(names.map((n, i) => [n, i]));
    const get = (i: number, name: string) => {
      const row = rows[i];
      return Array.isArray(row) ? row[index.get(name)!] : (row as Record<string, unknown>)[name];
    };
    return {names, length: rows.length, get, given};
  }
  const cols = data as Record<string, ArrayLike<unknown>>;
  const names = Object.keys(cols);
  const lengths = new Set(names.map((n) => cols[n].length));
  if (lengths.size > 1) throw new RangeError(`tableSpec: columns differ in length (${names.map((n) => `${n}: ${cols[n].length}`).join(', ')})`);
  return {names, length: names.length ? cols[names[0]].length : 0, get: (i, name) => cols[name][i], given: []};
}

function inferType(cells: readonly TableCell[]): TableColumn['type'] {
  const present = cells.filter((c) => c !== null);
  if (present.length && present.every((c) => typeof c === 'number')) return 'number';
  if (present.length && present.every((c) => typeof c === 'boolean')) return 'boolean';
  return present.length ? 'string' : 'number';
}

/**
 * A table spec from records, rows or columns.
 *
 * @example tableSpec(catalog.rows(), {columns: ['NUMBER', {name: 'ALPHA_J2000', unit: 'deg', digits: 6}], caption: 'SExtractor catalog'})
 */
export function tableSpec(data: TableData, options: TableOptions = {}): TableSpec {
  const source = accessor(data);
  const described = new Map([...source.given, ...(options.columns ?? [])].map((c) => [columnInput(c).name, columnInput(c)]));
  const names = options.columns ? options.columns.map((c) => columnInput(c).name) : source.names;
  for (const name of names) {
    if (!source.names.includes(name)) throw new RangeError(`tableSpec: no column "${name}"; columns are ${source.names.join(', ')}`);
  }
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const count = Math.min(source.length, maxRows);
  const rows: TableCell[][] = Array.from({length: count}, (_, i) => names.map((name) => toCell(source.get(i, name))));
  const columns = names.map((name, j): TableColumn => {
    const column: TableColumn = {name, type: inferType(rows.map((r) => r[j]))};
    const extra = described.get(name);
    if (extra?.type) column.type = extra.type;
    if (extra?.unit !== undefined) column.unit = extra.unit;
    if (extra?.description !== undefined) column.description = extra.description;
    if (extra?.digits !== undefined) column.digits = extra.digits;
    return column;
  });
  const spec: TableSpec = {$display: 'table', columns, rows};
  if (options.caption !== undefined) spec.caption = options.caption;
  if (options.pageSize !== undefined) {
    if (!Number.isInteger(options.pageSize) || options.pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${options.pageSize}`);
    spec.pageSize = options.pageSize;
  }
  if (source.length > count) spec.totalRows = source.length;
  return spec;
}
