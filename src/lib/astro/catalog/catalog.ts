/**
 * A column-oriented catalog (what SExtractor, Topcat and astropy Tables hold): numeric columns as Float64Array
 * (NaN for missing values), vector columns (e.g. MAG_APER with several apertures) as `size` numbers per row, text
 * and logical columns as arrays. Filtering, selecting and sorting return new catalogs; rows are plain records.
 */

/** One cell: a number, text, a logical, null (missing) or a vector. */
export type CatalogValue = number | string | boolean | null | number[];

/** A row: column name → value. */
export type CatalogRow = Record<string, CatalogValue>;

/** What a column holds. */
export interface CatalogColumn {
  name: string;
  kind: 'number' | 'string' | 'boolean';
  /** Values per row: 1 for scalars, n for vector columns. */
  size: number;
  unit?: string;
  description?: string;
}

/** A column given to {@link Catalog.fromColumns}. */
export interface CatalogColumnInput {
  name: string;
  /** One value per row (numbers, strings, booleans, or arrays for vector columns), or a flat numeric array with `size`. */
  values: ArrayLike<number> | readonly (string | null)[] | readonly (boolean | null)[] | readonly (readonly number[])[];
  size?: number;
  unit?: string;
  description?: string;
}

type Store = Float64Array | (string | null)[] | (boolean | null)[];

/** An immutable table of sources. */
export class Catalog {
  readonly columns: readonly CatalogColumn[];
  readonly length: number;
  private readonly store: Map<string, Store>;

  private constructor(columns: CatalogColumn[], store: Map<string, Store>, length: number) {
    this.columns = columns;
    this.store = store;
    this.length = length;
  }

  /** Builds a catalog from columns of equal length. */
  static fromColumns(inputs: readonly CatalogColumnInput[]): Catalog {
    const columns: CatalogColumn[] = [];
    const store = new Map<string, Store>();
    let length: number | undefined;
    for (const input of inputs) {
      if (store.has(input.name)) throw new Error(`catalog: duplicate column ${JSON.stringify(input.name)}`);
      const {column, data, rows} = normalizeColumn(input);
      if (length !== undefined && rows !== length) throw new Error(`catalog: column ${input.name} has ${rows} rows, others have ${length}`);
      length = rows;
      columns.push(column);
      store.set(column.name, data);
    }
    return new Catalog(columns, store, length ?? 0);
  }

  /** Builds a catalog from row records (columns from the first row's keys, in order). */
  static fromRows(rows: readonly CatalogRow[], units: Readonly<Record<string, string>> = {}): Catalog {
    if (rows.length === 0) return new Catalog([], new Map(), 0);
    const names = Object.keys(rows[0]);
    return Catalog.fromColumns(
      names.map((name) => {
        const values = rows.map((r) => r[name] ?? null);
        const sample = values.find((v) => v !== null);
        const column: CatalogColumnInput = Array.isArray(sample)
          ? {name, values: values as number[][]}
          : typeof sample === 'string'
            ? {name, values: values as (string | null)[]}
            : typeof sample === 'boolean'
              ? {name, values: values as (boolean | null)[]}
              : {name, values: values.map((v) => (v === null ? NaN : (v as number)))};
        return units[name] ? {...column, unit: units[name]} : column;
      }),
    );
  }

  /** Column names in order. */
  get names(): string[] {
    return this.columns.map((c) => c.name);
  }

  /** The description of a column (exact name, else case-insensitive). Throws naming the columns when absent. */
  column(name: string): CatalogColumn {
    return this.columns[this.indexOf(name)];
  }

  /** Whether a column exists (exact or case-insensitive). */
  has(name: string): boolean {
    return this.findIndex(name) >= 0;
  }

  /** A numeric column as Float64Array (NaN = missing); for vector columns, one element (`element`, default 0). */
  numbers(name: string, element = 0): Float64Array {
    const c = this.column(name);
    const data = this.store.get(c.name)!;
    if (!(data instanceof Float64Array)) throw new Error(`catalog: column ${c.name} holds ${c.kind} values, not numbers`);
    if (c.size === 1) return data;
    if (element < 0 || element >= c.size) throw new Error(`catalog: column ${c.name} has ${c.size} elements, asked for ${element}`);
    return Float64Array.from({length: this.length}, (_, r) => data[r * c.size + element]);
  }

  /** A text column. */
  strings(name: string): readonly (string | null)[] {
    const c = this.column(name);
    if (c.kind !== 'string') throw new Error(`catalog: column ${c.name} holds ${c.kind} values, not text`);
    return this.store.get(c.name) as (string | null)[];
  }

  /** One cell. */
  get(row: number, name: string): CatalogValue {
    const c = this.column(name);
    return this.cell(c, row);
  }

  /** One row as a record. */
  row(index: number): CatalogRow {
    if (index < 0 || index >= this.length) throw new RangeError(`catalog: row ${index} outside 0..${this.length - 1}`);
    const out: CatalogRow = {};
    for (const c of this.columns) out[c.name] = this.cell(c, index);
    return out;
  }

  /** All rows as records. */
  rows(): CatalogRow[] {
    return Array.from({length: this.length}, (_, i) => this.row(i));
  }

  /** The rows for which `keep(row, index)` is true. */
  filter(keep: (row: CatalogRow, index: number) => boolean): Catalog {
    const indices: number[] = [];
    for (let i = 0; i < this.length; i++) if (keep(this.row(i), i)) indices.push(i);
    return this.take(indices);
  }

  /** The rows at these indices, in this order. */
  take(indices: readonly number[]): Catalog {
    const store = new Map<string, Store>();
    for (const c of this.columns) {
      const data = this.store.get(c.name)!;
      if (data instanceof Float64Array) {
        const out = new Float64Array(indices.length * c.size);
        indices.forEach((r, k) => out.set(data.subarray(r * c.size, (r + 1) * c.size), k * c.size));
        store.set(c.name, out);
      } else store.set(c.name, indices.map((r) => data[r]) as Store);
    }
    return new Catalog([...this.columns], store, indices.length);
  }

  /** Only these columns, in this order. */
  select(...names: string[]): Catalog {
    const columns = names.map((n) => this.column(n));
    return new Catalog(columns, new Map(columns.map((c) => [c.name, this.store.get(c.name)!])), this.length);
  }

  /** Rows sorted by a numeric or text column (missing values last). */
  sortBy(name: string, order: 'ascending' | 'descending' = 'ascending'): Catalog {
    const c = this.column(name);
    const sign = order === 'ascending' ? 1 : -1;
    const key = (i: number) => {
      const v = this.cell(c, i);
      return Array.isArray(v) ? v[0] : v;
    };
    const indices = Array.from({length: this.length}, (_, i) => i).sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const missingX = x === null || (typeof x === 'number' && Number.isNaN(x));
      const missingY = y === null || (typeof y === 'number' && Number.isNaN(y));
      if (missingX || missingY) return Number(missingX) - Number(missingY);
      return (x! < y! ? -1 : x! > y! ? 1 : 0) * sign;
    });
    return this.take(indices);
  }

  /** A copy with one more (or a replaced) column. */
  withColumn(input: CatalogColumnInput): Catalog {
    const {column, data, rows} = normalizeColumn(input);
    if (rows !== this.length && this.columns.length > 0) throw new Error(`catalog: new column ${input.name} has ${rows} rows, the catalog has ${this.length}`);
    const columns = this.columns.filter((c) => c.name !== column.name).concat(column);
    const store = new Map(this.store);
    store.set(column.name, data);
    return new Catalog(columns, store, rows);
  }

  /** The catalog as CSV (vector columns spread over NAME_1, NAME_2, ...), with a header line. */
  toCsv(): string {
    const header = this.columns.flatMap((c) => (c.size === 1 ? [c.name] : Array.from({length: c.size}, (_, k) => `${c.name}_${k + 1}`)));
    const lines = [header.map(csvField).join(',')];
    for (let i = 0; i < this.length; i++) {
      lines.push(
        this.columns
          .flatMap((c) => {
            const v = this.cell(c, i);
            return Array.isArray(v) ? v : [v];
          })
          .map((v) => (v === null || (typeof v === 'number' && Number.isNaN(v)) ? '' : csvField(String(v))))
          .join(','),
      );
    }
    return lines.join('\n') + '\n';
  }

  private cell(c: CatalogColumn, row: number): CatalogValue {
    const data = this.store.get(c.name)!;
    if (data instanceof Float64Array) return c.size === 1 ? data[row] : Array.from(data.subarray(row * c.size, (row + 1) * c.size));
    return data[row];
  }

  private findIndex(name: string): number {
    const exact = this.columns.findIndex((c) => c.name === name);
    return exact >= 0 ? exact : this.columns.findIndex((c) => c.name.toUpperCase() === name.toUpperCase());
  }

  private indexOf(name: string): number {
    const i = this.findIndex(name);
    if (i < 0) throw new Error(`catalog has no column ${JSON.stringify(name)}; columns are ${this.names.join(', ')}`);
    return i;
  }
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function normalizeColumn(input: CatalogColumnInput): {column: CatalogColumn; data: Store; rows: number} {
  const meta = {name: input.name, ...(input.unit ? {unit: input.unit} : {}), ...(input.description ? {description: input.description} : {})};
  const values = input.values;
  const first = Array.isArray(values) ? values.find((v) => v !== null) : undefined;
  if (Array.isArray(values) && Array.isArray(first)) {
    const rows = values as readonly (readonly number[])[];
    const size = first.length;
    const data = new Float64Array(rows.length * size);
    rows.forEach((r, i) => {
      if (r.length !== size) throw new Error(`catalog: column ${input.name} row ${i} has ${r.length} values, expected ${size}`);
      data.set(r, i * size);
    });
    return {column: {...meta, kind: 'number', size}, data, rows: rows.length};
  }
  if (Array.isArray(values) && typeof first === 'string') return {column: {...meta, kind: 'string', size: 1}, data: [...(values as (string | null)[])], rows: values.length};
  if (Array.isArray(values) && typeof first === 'boolean') return {column: {...meta, kind: 'boolean', size: 1}, data: [...(values as (boolean | null)[])], rows: values.length};
  const size = input.size ?? 1;
  const numeric = values as ArrayLike<number>;
  if (numeric.length % size !== 0) throw new Error(`catalog: column ${input.name} has ${numeric.length} values, not a multiple of size ${size}`);
  return {column: {...meta, kind: 'number', size}, data: Float64Array.from(numeric, (v) => (v === null ? NaN : Number(v))), rows: numeric.length / size};
}
