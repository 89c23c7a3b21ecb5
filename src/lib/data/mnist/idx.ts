/**
 * The IDX format (LeCun's MNIST files): 2 zero bytes, a type code, the number of dimensions, one big-endian uint32
 * per dimension, then the values, big-endian, row-major. Every header field is checked against the byte length, so
 * a damaged or truncated file fails with the file's name and what is wrong rather than giving silent garbage.
 */
import {maybeGunzip} from '../bytes';

/** Element types an IDX file can hold. */
export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array an IDX dtype is read into. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A parsed IDX file. */
export interface IdxArray {
  dtype: IdxDType;
  /** Dimensions from the header, slowest first (e.g. [60000, 28, 28]). */
  dims: number[];
  /** The values, row-major, native endianness. For uint8 this is a view on the input bytes (no copy). */
  data: IdxData;
}

interface IdxType {
  dtype: IdxDType;
  size: number;
  array: new (n: number) => IdxData;
  get: (view: DataView, at: number) => number;
  set: (view: DataView, at: number, value: number) => void;
}

/** Type codes of the magic number's third byte; values are big-endian. */
const TYPES: Record<number, IdxType> = {
  0x08: {dtype: 'uint8', size: 1, array: Uint8Array, get: (v, at) => v.getUint8(at), set: (v, at, x) => v.setUint8(at, x)},
  0x09: {dtype: 'int8', size: 1, array: Int8Array, get: (v, at) => v.getInt8(at), set: (v, at, x) => v.setInt8(at, x)},
  0x0b: {dtype: 'int16', size: 2, array: Int16Array, get: (v, at) => v.getInt16(at), set: (v, at, x) => v.setInt16(at, x)},
  0x0c: {dtype: 'int32', size: 4, array: Int32Array, get: (v, at) => v.getInt32(at), set: (v, at, x) => v.setInt32(at, x)},
  0x0d: {dtype: 'float32', size: 4, array: Float32Array, get: (v, at) => v.getFloat32(at), set: (v, at, x) => v.setFloat32(at, x)},
  0x0e: {dtype: 'float64', size: 8, array: Float64Array, get: (v, at) => v.getFloat64(at), set: (v, at, x) => v.setFloat64(at, x)},
};

/**
 * Parses an IDX file (gzipped or not). `name` (a file name or URL) is used in error messages.
 *
 * ```ts
 * const labels = parseIdx(bytes, 't10k-labels-idx1-ubyte'); // {dtype: 'uint8', dims: [10000], data}
 * ```
 */
export function parseIdx(input: Uint8Array, name = 'IDX data'): IdxArray {
  const bytes = maybeGunzip(input, name);
  const fail = (what: string): never => {
    throw new Error(`${name}: not a valid IDX file: ${what}`);
  };
  if (bytes.length < 4) fail(`it is ${bytes.length} bytes long, shorter than the 4-byte magic number`);
  const magic = hex(bytes.subarray(0, 4));
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    fail(`the magic number is ${magic}; IDX files start with two zero bytes (00 00 08 03 for MNIST images)`);
  }
  const type = TYPES[bytes[2]];
  if (!type) fail(`unknown element type 0x${bytes[2].toString(16).padStart(2, '0')} in the magic number ${magic}`);
  const rank = bytes[3];
  if (rank === 0) fail(`the magic number ${magic} declares 0 dimensions`);
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    fail(`truncated header: ${rank} dimensions need ${headerLength} header bytes, the file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = count * type.size;
  const actual = bytes.length - headerLength;
  if (actual !== expected) {
    const shape = dims.join('×');
    const diff = actual < expected ? `truncated: ${expected - actual} bytes missing` : `${actual - expected} bytes too many`;
    fail(`${diff} (the header says ${shape} ${type.dtype} = ${expected} bytes of data, the file has ${actual})`);
  }
  return {dtype: type.dtype, dims, data: readValues(bytes, headerLength, count, type)};
}

function readValues(bytes: Uint8Array, offset: number, count: number, type: IdxType): IdxData {
  if (type.dtype === 'uint8') return bytes.subarray(offset, offset + count); // no copy for the common case
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  const out = new type.array(count);
  for (let i = 0; i < count; i++) out[i] = type.get(view, i * type.size);
  return out;
}

/**
 * Writes an IDX file (uncompressed): the inverse of {@link parseIdx}, for exporting data and for tests.
 */
export function encodeIdx(array: IdxArray): Uint8Array {
  const code = Number(Object.keys(TYPES).find((k) => TYPES[Number(k)].dtype === array.dtype));
  const type = TYPES[code];
  const count = array.dims.reduce((a, b) => a * b, 1);
  if (array.data.length !== count) {
    throw new Error(`encodeIdx: dims ${array.dims.join('×')} need ${count} values, data has ${array.data.length}`);
  }
  const header = 4 + 4 * array.dims.length;
  const out = new Uint8Array(header + count * type.size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = array.dims.length;
  array.dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < count; i++) type.set(view, header + i * type.size, array.data[i]);
  return out;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
