/** Types shared by binary and ASCII tables. */
import type {FitsComplex} from './card';

/** One scalar element of a table cell. */
export type FitsScalar = number | bigint | boolean | string | null | FitsComplex;

/** A table cell: a scalar, or an array for vector (repeat > 1), bit and variable-length columns. */
export type FitsCell = FitsScalar | FitsScalar[];

/** A table row: column name → cell. */
export type FitsRow = Record<string, FitsCell>;

/** Binary-table type letters (FITS Table 18) and the ASCII-table letters I, F, E, D, A. */
export type FitsColumnType = 'L' | 'X' | 'B' | 'I' | 'J' | 'K' | 'A' | 'E' | 'D' | 'C' | 'M' | 'F';

/** A column's description, from its TTYPEn/TFORMn/TUNITn/TDIMn/TSCALn/TZEROn/TNULLn cards. */
export interface FitsColumn {
  /** TTYPEn, or `col<n>` when the header names none. */
  name: string;
  /** TFORMn as written, e.g. `3E`, `20A`, `1PB(53)`, `F10.4`. */
  format: string;
  type: FitsColumnType;
  /** Elements per cell (characters for `A`, bits for `X`); for variable-length columns the maximum, if given. */
  repeat: number;
  /** `P` or `Q` for variable-length arrays stored in the heap. */
  variable?: 'P' | 'Q';
  unit?: string;
  /** TDIMn, FITS order. */
  dims?: number[];
  scale: number;
  zero: number;
  /** TNULLn: an integer (binary tables) or a string (ASCII tables) that marks a missing value. */
  nullValue?: number | bigint | string;
  /** Byte offset of the field within a row, and its width in bytes. */
  offset: number;
  width: number;
}

/** The typed arrays that hold numbers. */
export type NumericTypedArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** Column values: a flat typed array (rows × repeat) for fixed numeric columns, or one entry per row otherwise. */
export type FitsColumnValues = NumericTypedArray | string[] | FitsCell[];
